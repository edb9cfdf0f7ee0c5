/// A reference-counted, 64-byte-aligned buffer of Float32 values.
///
/// `Tensor` holds one of these and copies it before mutating when it is shared
/// (copy-on-write, like swift-collections' `Deque._Storage`).
public final class TensorStorage: @unchecked Sendable {
    public let count: Int
    public let base: UnsafeMutablePointer<Float>

    /// Uninitialised storage of `count` floats (callers fill every element).
    init(uninitializedCount count: Int) {
        self.count = count
        let raw = BufferCache.shared.allocate(bytes: max(count, 1) * MemoryLayout<Float>.stride)
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    func copy() -> TensorStorage {
        let s = TensorStorage(uninitializedCount: count)
        s.base.update(from: base, count: count)
        return s
    }

    deinit { BufferCache.shared.release(UnsafeMutableRawPointer(base), bytes: max(count, 1) * MemoryLayout<Float>.stride) }
}
