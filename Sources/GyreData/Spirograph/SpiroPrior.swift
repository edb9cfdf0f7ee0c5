import GyreTensor

/// The prior over the ten Spirograph factors: independent uniforms with configurable
/// bounds, and, for robustness experiments, a mean shift and a variance scale per factor.
///
/// A uniform on (lo, hi) has mean μ = (lo + hi)/2 and variance (hi − lo)²/12. Shifting by
/// `s` and scaling the variance by `k` gives the uniform centred on μ + s with half-width
/// (hi − lo)/2 · √k — the same family, so the paper's "shift h by ±0.5" is `shift(.h, by: 0.5)`.
///
///     var rng = RandomStream(seed: 0)
///     let prior = SpiroPrior().shifted(.h, by: 0.5)
///     let factors = prior.sample(8, rng: &rng)   // [8, 10], canonical order
public struct SpiroPrior: Equatable, Sendable {
    /// Bounds before shifting/scaling, indexed by `SpiroFactor.rawValue`.
    public private(set) var bounds: [ClosedRange<Float>]
    public private(set) var meanShift: [Float]
    public private(set) var varianceScale: [Float]

    /// The published ranges, unshifted.
    public init() {
        bounds = SpiroFactor.allCases.map(\.defaultBounds)
        meanShift = [Float](repeating: 0, count: SpiroFactor.allCases.count)
        varianceScale = [Float](repeating: 1, count: SpiroFactor.allCases.count)
    }

    /// The prior with `factor`'s base range replaced.
    public func withBounds(_ factor: SpiroFactor, _ range: ClosedRange<Float>) throws -> SpiroPrior {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else {
            throw DataError("spirograph", "bounds for \(factor.name) must be finite, got \(range)")
        }
        if factor == .sigma || factor == .b, range.lowerBound <= 0 {
            throw DataError("spirograph", "\(factor.name) must stay positive (it divides), got bounds \(range)")
        }
        var p = self
        p.bounds[factor.rawValue] = range
        return p
    }

    /// The prior with `factor`'s mean moved by `shift` (cumulative).
    public func shifted(_ factor: SpiroFactor, by shift: Float) -> SpiroPrior {
        var p = self
        p.meanShift[factor.rawValue] += shift
        return p
    }

    /// The prior with `factor`'s variance multiplied by `scale` (cumulative; > 0).
    public func widened(_ factor: SpiroFactor, varianceScale scale: Float) throws -> SpiroPrior {
        guard scale > 0, scale.isFinite else {
            throw DataError("spirograph", "variance scale for \(factor.name) must be positive, got \(scale)")
        }
        var p = self
        p.varianceScale[factor.rawValue] *= scale
        return p
    }

    /// The same shift / variance scale applied to every factor in `factors` (e.g. a split's nuisance).
    public func perturbed(_ factors: [SpiroFactor], meanShift shift: Float = 0, varianceScale scale: Float = 1) throws -> SpiroPrior {
        var p = self
        for f in factors { p = try p.shifted(f, by: shift).widened(f, varianceScale: scale) }
        return p
    }

    /// The effective sampling interval of `factor` (after shift and scale).
    public func range(_ factor: SpiroFactor) -> ClosedRange<Float> {
        let r = bounds[factor.rawValue]
        if meanShift[factor.rawValue] == 0 && varianceScale[factor.rawValue] == 1 { return r }
        let mid = (r.lowerBound + r.upperBound) / 2 + meanShift[factor.rawValue]
        let half = (r.upperBound - r.lowerBound) / 2 * varianceScale[factor.rawValue].squareRoot()
        return (mid - half)...(mid + half)
    }

    /// Mean and variance of `factor` under this prior.
    public func moments(_ factor: SpiroFactor) -> (mean: Float, variance: Float) {
        let r = range(factor)
        let w = r.upperBound - r.lowerBound
        return ((r.lowerBound + r.upperBound) / 2, w * w / 12)
    }

    /// `count` draws of `factors` (columns in the order given) → [count, factors.count].
    public func sample(_ factors: [SpiroFactor], count: Int, rng: inout RandomStream) -> Tensor {
        let k = factors.count
        let u = rng.uniform([Swift.max(count, 0), k])
        let lo = factors.map { range($0).lowerBound }, span = factors.map { range($0).upperBound - range($0).lowerBound }
        var out = u
        out.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { let c = i % k; p[i] = lo[c] + span[c] * p[i] }
        }
        return out
    }

    /// `count` draws of all ten factors in canonical order → [count, 10].
    public func sample(_ count: Int, rng: inout RandomStream) -> Tensor {
        sample(SpiroFactor.allCases, count: count, rng: &rng)
    }

    /// Nuisance draws for `split` → [count, split.nuisance.count] (α for a batch).
    public func sampleNuisance(_ count: Int, split: SpiroSplit = .paper, rng: inout RandomStream) -> Tensor {
        sample(split.nuisance, count: count, rng: &rng)
    }

    /// Generative draws for `split` → [count, split.generative.count].
    public func sampleGenerative(_ count: Int, split: SpiroSplit = .paper, rng: inout RandomStream) -> Tensor {
        sample(split.generative, count: count, rng: &rng)
    }
}
