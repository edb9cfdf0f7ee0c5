import Foundation
import GyreTensor

/// Adam (PyTorch's `Adam`; `decoupled` gives `AdamW`). At step t:
///
///     g ← g + λ·p (coupled decay)          or   p ← p·(1 − η·λ) (decoupled)
///     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
///     p ← p − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
public final class Adam: Optimizer {
    public let parameters: [NamedParameter]
    public var learningRate: Float
    public var beta1: Float, beta2: Float, eps: Float, weightDecay: Float
    public var decoupled: Bool
    public private(set) var stepCount = 0
    var m: [String: Tensor] = [:]
    var v: [String: Tensor] = [:]

    public init(_ parameters: [NamedParameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                eps: Float = 1e-8, weightDecay: Float = 0, decoupled: Bool = false) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
        self.decoupled = decoupled
    }

    public func step(_ gradients: [Tensor]) throws {
        try checkGradients(gradients, "adam")
        stepCount += 1
        let t = Double(stepCount)
        let bc1 = Float(1 - Foundation.pow(Double(beta1), t)), bc2 = Float(1 - Foundation.pow(Double(beta2), t))
        let stepSize = learningRate / bc1, bc2root = bc2.squareRoot()
        let (b1, b2, eps, wd, lr, decoupled) = (beta1, beta2, self.eps, weightDecay, learningRate, self.decoupled)
        for (i, (name, p)) in parameters.enumerated() where p.requiresGrad {
            var w = p.value
            var mt = m[name] ?? Tensor.zeros(p.shape), vt = v[name] ?? Tensor.zeros(p.shape)
            m[name] = nil; v[name] = nil
            w.withUnsafeMutableBufferPointer { wp in
                mt.withUnsafeMutableBufferPointer { mp in
                    vt.withUnsafeMutableBufferPointer { vp in
                        gradients[i].withUnsafeBufferPointer { gp in
                            for j in 0..<wp.count {
                                var g = gp[j]
                                if decoupled { wp[j] *= 1 - lr * wd } else { g += wd * wp[j] }
                                mp[j] = b1 * mp[j] + (1 - b1) * g
                                vp[j] = b2 * vp[j] + (1 - b2) * g * g
                                wp[j] -= stepSize * mp[j] / (vp[j].squareRoot() / bc2root + eps)
                            }
                        }
                    }
                }
            }
            m[name] = mt; v[name] = vt
            p.value = w
        }
    }

    public func exportState() -> OptimizerState {
        OptimizerState(kind: "adam", step: stepCount,
                       hyperparameters: ["lr": Double(learningRate), "beta1": Double(beta1), "beta2": Double(beta2),
                                         "eps": Double(eps), "weight_decay": Double(weightDecay), "decoupled": decoupled ? 1 : 0],
                       slots: ["exp_avg": m, "exp_avg_sq": v])
    }

    public func validateState(_ state: OptimizerState) throws {
        try OptimizerStateCheck.check(state, kind: "adam", slots: ["exp_avg", "exp_avg_sq"], parameters: parameters)
    }

    public func importState(_ state: OptimizerState) throws {
        try validateState(state)
        stepCount = state.step
        m = state.slots["exp_avg"] ?? [:]
        v = state.slots["exp_avg_sq"] ?? [:]
    }
}
