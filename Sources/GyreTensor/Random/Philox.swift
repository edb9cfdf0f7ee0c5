/// Philox4x32-10, the counter-based generator of Salmon et al. (SC'11, "Random123").
///
/// Output block `i` is a pure function of (key, counter + i), so the same seed gives the
/// same numbers on every machine and any block can be computed independently (in parallel).
public struct Philox: Sendable {
    public static let m0: UInt32 = 0xD251_1F53, m1: UInt32 = 0xCD9E_8D57
    public static let w0: UInt32 = 0x9E37_79B9, w1: UInt32 = 0xBB67_AE85

    /// One Philox4x32-10 block.
    @inline(__always)
    public static func block(_ c: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = c
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 { k0 &+= w0; k1 &+= w1 }
            let p0 = UInt64(m0) &* UInt64(c0), p1 = UInt64(m1) &* UInt64(c2)
            let (hi0, lo0) = (UInt32(truncatingIfNeeded: p0 >> 32), UInt32(truncatingIfNeeded: p0))
            let (hi1, lo1) = (UInt32(truncatingIfNeeded: p1 >> 32), UInt32(truncatingIfNeeded: p1))
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
        }
        return (c0, c1, c2, c3)
    }
}

/// A seeded stream of random numbers built on Philox: a key from the seed and a 64-bit
/// block counter that advances as numbers are drawn.
///
///     var rng = RandomStream(seed: 0)
///     let x = rng.normal([3, 4])      // same values on every machine
public struct RandomStream: Sendable {
    public let seed: UInt64
    /// Blocks (of four 32-bit words) consumed so far.
    public private(set) var counter: UInt64 = 0

    public init(seed: UInt64) { self.seed = seed }

    /// A stream at a given position (for resuming a run exactly).
    public init(seed: UInt64, counter: UInt64) {
        self.seed = seed
        self.counter = counter
    }

    var key: (UInt32, UInt32) { (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)) }

    /// Fills `n` 32-bit words (whole blocks are consumed).
    mutating func words(_ n: Int, _ body: (UnsafeMutablePointer<UInt32>) -> Void) {
        let blocks = (n + 3) / 4
        let buf = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, blocks * 4))
        defer { buf.deallocate() }
        let start = counter, k = key
        Parallel.chunks(blocks, grain: 1 << 14) { r in
            for b in r {
                let c = start &+ UInt64(b)
                let o = Philox.block((UInt32(truncatingIfNeeded: c), UInt32(truncatingIfNeeded: c >> 32), 0, 0), key: k)
                buf[4 * b] = o.0; buf[4 * b + 1] = o.1; buf[4 * b + 2] = o.2; buf[4 * b + 3] = o.3
            }
        }
        counter &+= UInt64(blocks)
        body(buf)
    }

    @inline(__always) static func unit(_ u: UInt32) -> Float { Float(u >> 8) * (1.0 / 16_777_216.0) }

    /// Uniform on [lo, hi).
    public mutating func uniform(_ shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        let out = Tensor.uninitialized(shape)
        let n = out.count, d = out.ptr, span = high - low
        words(n) { w in for i in 0..<n { d[i] = low + span * Self.unit(w[i]) } }
        return out
    }

    /// Normal with the given mean and standard deviation (Box–Muller on pairs of words).
    public mutating func normal(_ shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        let out = Tensor.uninitialized(shape)
        let n = out.count, d = out.ptr
        words(n + (n & 1)) { w in
            var i = 0
            while i < n {
                let u1 = (Double(w[i] >> 8) + 1) * (1.0 / 16_777_216.0)
                let u2 = Double(w[i + 1] >> 8) * (1.0 / 16_777_216.0)
                let r = (-2 * _log(u1)).squareRoot(), t = 2 * Double.pi * u2
                d[i] = mean + std * Float(r * _cos(t))
                if i + 1 < n { d[i + 1] = mean + std * Float(r * _sin(t)) }
                i += 2
            }
        }
        return out
    }

    /// 1 with probability `p`, else 0.
    public mutating func bernoulli(_ shape: [Int], p: Float) -> Tensor {
        let u = uniform(shape)
        return u.map { $0 < p ? 1 : 0 }
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var perm = Array(0..<max(n, 0))
        guard n > 1 else { return perm }
        words(n) { w in
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int((UInt64(w[i]) &* UInt64(i + 1)) >> 32)
                perm.swapAt(i, j)
            }
        }
        return perm
    }

    /// Uniform integers in [low, high).
    public mutating func integers(_ count: Int, low: Int, high: Int) -> [Int] {
        let count = max(count, 0)
        let span = UInt64(max(high - low, 1))
        var out = [Int](repeating: low, count: max(count, 0))
        words(count) { w in for i in 0..<count { out[i] = low + Int((UInt64(w[i]) &* span) >> 32) } }
        return out
    }
}

import Foundation
@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { Foundation.sin(x) }
