import Foundation
import GyreTensor

/// Layer-wise adaptive rate scaling around SGD, as `torchlars.LARS` (used by the paper):
/// before the inner SGD step (whose own weight decay is switched off), each gradient becomes
///
///     g ← (g + λ·p) · a,   a = τ·‖p‖ / (‖g‖ + λ·‖p‖ + ε)  if ‖p‖ > 0 and ‖g‖ > 0, else 1,
///
/// with τ the trust coefficient (1e-3) and λ the weight decay. With `excludeBiasAndNorm`,
/// biases and BatchNorm parameters get neither adaptation nor weight decay (SimCLR's variant).
public final class LARS: Optimizer {
    public let inner: SGD
    public var trustCoefficient: Float
    public var eps: Float
    public var excludeBiasAndNorm: Bool
    /// The adaptive factors `a` of the last step, by parameter name (for diagnostics).
    public private(set) var lastAdaptiveRates: [String: Float] = [:]

    public init(_ parameters: [NamedParameter], learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 1e-6,
                trustCoefficient: Float = 1e-3, eps: Float = 1e-8, excludeBiasAndNorm: Bool = false) {
        inner = SGD(parameters, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        self.trustCoefficient = trustCoefficient
        self.eps = eps
        self.excludeBiasAndNorm = excludeBiasAndNorm
    }

    public var parameters: [NamedParameter] { inner.parameters }
    public var learningRate: Float {
        get { inner.learningRate }
        set { inner.learningRate = newValue }
    }
    public var stepCount: Int { inner.stepCount }

    public func step(_ gradients: [Tensor]) throws {
        try checkGradients(gradients, "lars")
        let wd = inner.weightDecay
        var scaled: [Tensor] = []
        scaled.reserveCapacity(gradients.count)
        for ((name, p), g) in zip(parameters, gradients) {
            if !p.requiresGrad || (excludeBiasAndNorm && p.role.isBiasOrNorm) {
                scaled.append(g)
                continue
            }
            let pn = Self.norm(p.value), gn = Self.norm(g)
            let a: Float = pn > 0 && gn > 0 ? trustCoefficient * pn / (gn + wd * pn + eps) : 1
            lastAdaptiveRates[name] = a
            scaled.append(try (g + p.value * wd) * a)
        }
        try inner.update(scaled, decay: parameters.map { _ in 0 })
    }

    /// Euclidean norm, accumulated in Double.
    static func norm(_ t: Tensor) -> Float {
        t.withUnsafeBufferPointer { b in
            var s: Double = 0
            for v in b { s += Double(v) * Double(v) }
            return Float(s.squareRoot())
        }
    }

    public func exportState() -> OptimizerState {
        var s = inner.exportState()
        s.kind = "lars"
        s.hyperparameters["trust_coefficient"] = Double(trustCoefficient)
        s.hyperparameters["eps"] = Double(eps)
        s.hyperparameters["exclude_bias_and_norm"] = excludeBiasAndNorm ? 1 : 0
        return s
    }

    public func validateState(_ state: OptimizerState) throws {
        try OptimizerStateCheck.check(state, kind: "lars", slots: inner.momentum == 0 ? [] : ["momentum"], parameters: parameters)
    }

    public func importState(_ state: OptimizerState) throws {
        try validateState(state)
        var s = state
        s.kind = "sgd"
        try inner.importState(s)
    }
}
