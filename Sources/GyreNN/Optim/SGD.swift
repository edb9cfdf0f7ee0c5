import GyreTensor

/// Stochastic gradient descent with momentum and L2 weight decay (PyTorch's `SGD`,
/// dampening 0):
///
///     d = g + λ·p;  b ← μ·b + d;  p ← p − η·b        (Nesterov: p ← p − η·(d + μ·b))
///
/// The momentum buffer starts at zero, so the first step has b = d, as in PyTorch.
public final class SGD: Optimizer {
    public let parameters: [NamedParameter]
    public var learningRate: Float
    public var momentum: Float
    public var weightDecay: Float
    public var nesterov: Bool
    public private(set) var stepCount = 0
    var buffers: [String: Tensor] = [:]

    public init(_ parameters: [NamedParameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0,
                nesterov: Bool = false) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public func step(_ gradients: [Tensor]) throws {
        try checkGradients(gradients, "sgd")
        try update(gradients, decay: parameters.map { _ in weightDecay })
    }

    /// The update with a weight decay per parameter (LARS folds decay into the gradient).
    func update(_ gradients: [Tensor], decay: [Float]) throws {
        let lr = learningRate, mu = momentum, nesterov = self.nesterov
        for (i, (name, p)) in parameters.enumerated() where p.requiresGrad {
            var w = p.value
            let g = gradients[i]
            let wd = decay[i]
            if mu == 0 {
                w.withUnsafeMutableBufferPointer { wp in
                    g.withUnsafeBufferPointer { gp in
                        for j in 0..<wp.count { wp[j] -= lr * (gp[j] + wd * wp[j]) }
                    }
                }
            } else {
                var b = buffers[name] ?? Tensor.zeros(p.shape)
                buffers[name] = nil   // keep the buffer uniquely referenced: updated in place
                w.withUnsafeMutableBufferPointer { wp in
                    b.withUnsafeMutableBufferPointer { bp in
                        g.withUnsafeBufferPointer { gp in
                            for j in 0..<wp.count {
                                let d = gp[j] + wd * wp[j]
                                let nb = mu * bp[j] + d
                                bp[j] = nb
                                wp[j] -= lr * (nesterov ? d + mu * nb : nb)
                            }
                        }
                    }
                }
                buffers[name] = b
            }
            p.value = w
        }
        stepCount += 1
    }

    public func exportState() -> OptimizerState {
        OptimizerState(kind: "sgd", step: stepCount,
                       hyperparameters: ["lr": Double(learningRate), "momentum": Double(momentum),
                                         "weight_decay": Double(weightDecay), "nesterov": nesterov ? 1 : 0],
                       slots: momentum == 0 ? [:] : ["momentum": buffers])
    }

    public func validateState(_ state: OptimizerState) throws {
        try OptimizerStateCheck.check(state, kind: "sgd", slots: momentum == 0 ? [] : ["momentum"], parameters: parameters)
    }

    public func importState(_ state: OptimizerState) throws {
        try validateState(state)
        stepCount = state.step
        buffers = state.slots["momentum"] ?? [:]
    }
}
