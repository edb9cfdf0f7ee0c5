import GyreTensor

// Training-mode batch normalisation as one primitive (a benchmark showed the composed
// version's ~20 full-size passes per layer dominating a BatchNorm CNN's step). Its rule
// has two forms with the same value: the fused first-order kernel when the backward
// pass is not recorded, and the same formula in Variable ops when it is, so gradients
// of gradients see every cross-sample term.

extension Variable {
    /// Batch normalisation of `x` viewed as [N, C, S] with the batch statistics over N and S:
    /// y = (x − μ)/√(σ² + ε)·γ + β (biased σ²). Returns y and the batch mean and variance
    /// ([C], constants) for running statistics. `weight` γ and `bias` β are [C] or absent.
    ///
    ///     let (y, mean, variance) = try Variable.batchNorm(x, weight: gamma, bias: beta, eps: 1e-5)
    public static func batchNorm(_ x: Variable, weight: Variable?, bias: Variable?,
                                 eps: Float) throws -> (y: Variable, mean: Tensor, variance: Tensor) {
        let (mean, variance) = try Tensor.batchMoments(x.value)
        let invStd = (variance + eps).pow(-0.5)
        let y = try Tensor.batchNormForward(x.value, mean: mean, invStd: invStd, weight: weight?.value, bias: bias?.value)
        let inputs = [x] + [weight, bias].compactMap { $0 }
        let out = try record("batch_norm", y, inputs) { g in
            if !GradMode.isEnabled {
                let d = try Tensor.batchNormBackward(g.value, x.value, mean: mean, invStd: invStd, weight: weight?.value)
                return [Variable(d.dx)] + (weight == nil ? [] : [Variable(d.dWeight)]) + (bias == nil ? [] : [Variable(d.dBias)])
            }
            return try batchNormVJP(g, x, weight: weight, hasBias: bias != nil, eps: eps)
        }
        return (out, mean, variance)
    }

    /// The batch-norm VJP in differentiable ops (x̂ and r recomputed from `x`):
    /// dx = r·(gγ − mean(gγ) − x̂·mean(gγ·x̂)), dγ = Σ g·x̂, dβ = Σ g.
    static func batchNormVJP(_ g: Variable, _ x: Variable, weight: Variable?, hasBias: Bool,
                             eps: Float) throws -> [Variable?] {
        let axes = [0, 2], c = x.shape[1]
        let m = 1 / Float(Swift.max(x.shape[0] * x.shape[2], 1))
        let d = try x - x.sum(axes: axes, keepdims: true).scaled(m)
        let r = try ((d * d).sum(axes: axes, keepdims: true).scaled(m) + eps).pow(-0.5)
        let xhat = try d * r
        let gs = try weight.map { try g * $0.reshape([1, c, 1]) } ?? g
        let meanG = try gs.sum(axes: axes, keepdims: true).scaled(m)
        let meanGX = try (gs * xhat).sum(axes: axes, keepdims: true).scaled(m)
        var grads: [Variable?] = [try r * (gs - meanG - xhat * meanGX)]
        if weight != nil { grads.append(try (g * xhat).sum(axes: axes)) }
        if hasBias { grads.append(try g.sum(axes: axes)) }
        return grads
    }
}
