import GyreTensor
import GyreAutodiff

/// Draws Spirograph images exactly as the paper's published code (METHOD.md): 40 curve
/// points, Gaussian splats exp(−d²/σ) on a 32×32 grid over [−6, 6]² (rows = x), per-row
/// normalisation by default, colour mixing → [B, 3, 32, 32] in [0, 1].
///
/// `render` is the no-grad fast path (a fused SIMD kernel). `draw` is differentiable: it
/// takes the fast path when nothing is tracked, else the composed graph (`.exact`, every
/// derivative order) or the fused first-order graph (`.firstOrder`, see `Differentiation`).
///
///     let r = SpirographRenderer()
///     var rng = RandomStream(seed: 1)
///     let f = SpiroPrior().sample(16, rng: &rng)
///     let images = try r.render(factors: f)               // [16, 3, 32, 32]
///     let alpha = Variable.leaf(try SpiroSplit.paper.separate(f).nuisance)
///     let x = try r.draw(generative: Variable(try SpiroSplit.paper.separate(f).generative), nuisance: alpha)
public struct SpirographRenderer: Sendable {
    /// How `draw` differentiates when an input is tracked.
    public enum Differentiation: String, Sendable {
        /// The renderer composed of Variable ops: exact derivatives of every order.
        case exact
        /// The fused kernel with forward-mode tangents for the tracked curve factors: exact
        /// values and first derivatives (and exact mixed derivatives with downstream
        /// parameters, which is all the α-gradient regulariser needs), but ∂²/∂θ² of the
        /// curve's shape (m, b, σ, h) is treated as zero. Several times faster.
        case firstOrder
    }

    public var normalization: SpiroNormalization
    public var split: SpiroSplit
    public var differentiation: Differentiation

    public init(normalization: SpiroNormalization = .row, split: SpiroSplit = .paper, differentiation: Differentiation = .exact) {
        self.normalization = normalization
        self.split = split
        self.differentiation = differentiation
    }

    // MARK: - No-grad fast path

    /// Images [B, 3, 32, 32] from canonical factors [B, 10] (order of `SpiroFactor`).
    public func render(factors: Tensor) throws -> Tensor {
        try SpiroKernel.validate(factors)
        return SpiroKernel.renderImages(factors, normalization: normalization)
    }

    /// Images from generative [B, G] and nuisance [B, N] factors split as `split`.
    public func render(generative: Tensor, nuisance: Tensor) throws -> Tensor {
        try render(factors: split.combine(generative: generative, nuisance: nuisance))
    }

    /// The normalised intensity maps [B, 32, 32] alone (before colouring).
    public func intensity(factors: Tensor) throws -> Tensor {
        try SpiroKernel.validate(factors)
        return SpiroKernel.intensityMaps(factors, normalization: normalization, tangents: []).maps
    }

    // MARK: - Differentiable

    /// Differentiable images from generative [B, G] and nuisance [B, N] variables.
    public func draw(generative: Variable, nuisance: Variable) throws -> Variable {
        try split.checkShapes(generative.shape, nuisance.shape)
        let joined = try Variable.concat([generative, nuisance], axis: 1).indexSelect(axis: 1, indices: split.canonicalColumns)
        var tracked: [SpiroFactor] = []
        if generative.isTracked { tracked += split.generative }
        if nuisance.isTracked { tracked += split.nuisance }
        return try draw(canonical: joined, trackedFactors: tracked)
    }

    /// Differentiable images from canonical factors [B, 10].
    public func draw(factors: Variable) throws -> Variable {
        try draw(canonical: factors, trackedFactors: factors.isTracked ? SpiroFactor.allCases : [])
    }

    private func draw(canonical f: Variable, trackedFactors: [SpiroFactor]) throws -> Variable {
        try SpiroKernel.validate(f.value)
        guard GradMode.isEnabled, f.isTracked else {
            return Variable(SpiroKernel.renderImages(f.value, normalization: normalization))
        }
        switch differentiation {
        case .exact:
            return try SpiroGraph.composed(f, normalization: normalization)
        case .firstOrder:
            let curve = SpiroFactor.allCases.filter { $0.shapesCurve && trackedFactors.contains($0) }
            return try SpiroGraph.fused(f, tangents: curve, normalization: normalization)
        }
    }
}
