import Foundation

/// Recently freed large tensor buffers, kept for reuse by size.
///
/// Memory fresh from the kernel costs a page fault and a zero-fill on first touch: an
/// elementwise op on 16M floats that writes into a new buffer spent two thirds of its time
/// there and ran at ~20% of copy bandwidth (docs/performance.md). Training loops allocate
/// the same shapes every step, so reusing freed buffers of the same size removes that cost.
/// Only buffers of at least `minBytes` are cached, at most `capacityBytes` in total.
final class BufferCache: @unchecked Sendable {
    static let shared = BufferCache()

    let minBytes = 1 << 20
    let capacityBytes = 512 << 20
    private let lock = NSLock()
    private var free: [Int: [UnsafeMutableRawPointer]] = [:]
    private var cachedBytes = 0

    /// Rounds a request up to whole 4 KiB pages so near sizes share buffers.
    static func roundedBytes(_ bytes: Int) -> Int { (bytes + 4095) & ~4095 }

    /// A buffer of at least `bytes` (64-byte aligned); `release` it with the same `bytes`.
    func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        guard bytes >= minBytes else { return .allocate(byteCount: bytes, alignment: 64) }
        let size = Self.roundedBytes(bytes)
        lock.lock()
        if let p = free[size]?.popLast() {
            cachedBytes -= size
            lock.unlock()
            return p
        }
        lock.unlock()
        return .allocate(byteCount: size, alignment: 64)
    }

    func release(_ p: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= minBytes else { p.deallocate(); return }
        let size = Self.roundedBytes(bytes)
        lock.lock()
        if cachedBytes + size <= capacityBytes {
            free[size, default: []].append(p)
            cachedBytes += size
            lock.unlock()
        } else {
            lock.unlock()
            p.deallocate()
        }
    }
}
