import GyreTensor
import GyreAutodiff

/// Options of the α-gradient regulariser (the paper's defaults for Spirograph).
public struct GradientPenaltyOptions: Sendable {
    /// Divide the representation by its L2 norm before projecting (the paper's default).
    public var normalize = true
    /// α′ samples per input.
    public var extraSamples = 100
    /// The penalty is clamped at this value (its gradient is zero when clamped); nil: no clamp.
    public var upperLimit: Float? = 1000

    public init(normalize: Bool = true, extraSamples: Int = 100, upperLimit: Float? = 1000) {
        self.normalize = normalize; self.extraSamples = extraSamples; self.upperLimit = upperLimit
    }
}

/// The α-gradient regulariser of Foster et al. (2021), exactly as their code:
///
/// 1. h = h₁ / ‖h₁‖ (optional), 2. P = Σ ε ⊙ h with Rademacher ε, 3. g = ∂P/∂α (graph kept),
/// 4. penalty = mean over samples k and inputs i of (Σ_a g_ia (α′_kia − α_ia))², 5. clamp.
///
/// - Parameters:
///   - alpha: the transformation parameters [B, dα] as a differentiation input
///     (a `Variable.leaf`, or any tracked variable) that `representation` was computed from.
///   - representation: h₁ [B, d], computed from `alpha` (through renderer and encoder).
///   - signs: ε [B, d] with entries ±1.
///   - extraAlpha: α′ [K, B, dα] from the same prior.
/// - Returns: the (clamped) penalty, differentiable with respect to everything `representation`
///   depends on (second derivatives through the encoder and the renderer).
public func gradientPenalty(alpha: Variable, representation h1: Variable, signs: Tensor, extraAlpha: Tensor,
                            options: GradientPenaltyOptions = GradientPenaltyOptions()) throws -> Variable {
    guard h1.rank == 2, signs.shape == h1.shape else {
        throw TensorError("gradient_penalty", "signs \(Shape.describe(signs.shape)) must match the representation \(Shape.describe(h1.shape))")
    }
    guard extraAlpha.rank == 3, Array(extraAlpha.shape.dropFirst()) == alpha.shape else {
        throw TensorError("gradient_penalty", "extra α \(Shape.describe(extraAlpha.shape)) must be [K] + α's shape \(Shape.describe(alpha.shape))")
    }
    let h = options.normalize ? try h1 / h1.norm(axes: [1], keepdims: true) : h1
    let p = try (h * Variable(signs)).sum()
    let g = try Autodiff.gradients(of: p, wrt: [alpha], createGraph: true)[0]          // [B, dα]
    let delta = Variable(try extraAlpha - alpha.value)                                    // [K, B, dα]
    let penalty = try (delta * g).sum(axes: [2]).square().mean()
    guard let limit = options.upperLimit else { return penalty }
    return try penalty.clamp(max: limit)
}

/// Random ±1 signs (the Rademacher projection).
public func rademacher(_ shape: [Int], rng: inout RandomStream) -> Tensor {
    rng.uniform(shape).map { $0 < 0.5 ? -1 : 1 }
}
