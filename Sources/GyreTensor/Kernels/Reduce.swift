/// Reduction kernels over one axis of a tensor seen as [outer, n, inner], and
/// SIMD-accumulated contiguous sums.
enum Reduce {
    enum Kind { case sum, max, min }

    /// Sum of `n` contiguous floats with 4×8 independent accumulators (Float addition
    /// is not associative, so the compiler will not vectorise a plain loop).
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 32 <= n {
            a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            a1 += raw.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            a2 += raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD8<Float>.self)
            a3 += raw.loadUnaligned(fromByteOffset: (i + 24) * 4, as: SIMD8<Float>.self)
            i += 32
        }
        var s = ((a0 + a1) + (a2 + a3)).sum()
        while i < n { s += p[i]; i += 1 }
        return s
    }

    /// Σ (p[i] − mu)² with SIMD accumulators.
    @inline(__always)
    static func squaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, from mu: Float) -> Float {
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>()
        let m = SIMD8<Float>(repeating: mu)
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 16 <= n {
            let d0 = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - m
            let d1 = raw.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self) - m
            a0 += d0 * d0
            a1 += d1 * d1
            i += 16
        }
        var s = (a0 + a1).sum()
        while i < n { let d = p[i] - mu; s += d * d; i += 1 }
        return s
    }

    /// (Σ g[i], Σ g[i]·(x[i] − mu)) in one pass.
    @inline(__always)
    static func sumAndDeviationDot(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int,
                                   from mu: Float) -> (Float, Float) {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), d0 = SIMD8<Float>(), d1 = SIMD8<Float>()
        let m = SIMD8<Float>(repeating: mu)
        let rg = UnsafeRawPointer(g), rx = UnsafeRawPointer(x)
        var i = 0
        while i + 16 <= n {
            let g0 = rg.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let g1 = rg.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            s0 += g0
            s1 += g1
            d0 += g0 * (rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - m)
            d1 += g1 * (rx.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self) - m)
            i += 16
        }
        var sg = (s0 + s1).sum(), sd = (d0 + d1).sum()
        while i < n { sg += g[i]; sd += g[i] * (x[i] - mu); i += 1 }
        return (sg, sd)
    }

    @inline(__always)
    static func extremum(_ p: UnsafePointer<Float>, _ n: Int, max: Bool) -> Float {
        var acc: Float = max ? -.infinity : .infinity
        var nan = false
        for i in 0..<n {
            let v = p[i]
            if v.isNaN { nan = true }
            acc = max ? Swift.max(acc, v) : Swift.min(acc, v)
        }
        return nan ? .nan : acc
    }

    /// Reduces the middle axis of `[outer, n, inner]`.
    static func axis(_ src: UnsafePointer<Float>, outer: Int, n: Int, inner: Int, kind: Kind,
                     into dst: UnsafeMutablePointer<Float>) {
        if inner == 1 {
            Parallel.chunks(outer, grain: max(1, Parallel.elementwiseGrain / max(n, 1))) { r in
                for o in r {
                    let p = src + o * n
                    switch kind {
                    case .sum: dst[o] = sum(p, n)
                    case .max: dst[o] = extremum(p, n, max: true)
                    case .min: dst[o] = extremum(p, n, max: false)
                    }
                }
            }
            return
        }
        Parallel.chunks(outer, grain: max(1, Parallel.elementwiseGrain / max(n * inner, 1))) { r in
            for o in r {
                let d = dst + o * inner
                let base = src + o * n * inner
                switch kind {
                case .sum:
                    for j in 0..<inner { d[j] = 0 }
                    for k in 0..<n { let s = base + k * inner; for j in 0..<inner { d[j] += s[j] } }
                case .max:
                    for j in 0..<inner { d[j] = -.infinity }
                    for k in 0..<n {
                        let s = base + k * inner
                        for j in 0..<inner { let v = s[j]; d[j] = (v > d[j] || v.isNaN) ? v : d[j] }
                    }
                case .min:
                    for j in 0..<inner { d[j] = .infinity }
                    for k in 0..<n {
                        let s = base + k * inner
                        for j in 0..<inner { let v = s[j]; d[j] = (v < d[j] || v.isNaN) ? v : d[j] }
                    }
                }
            }
        }
    }
}
