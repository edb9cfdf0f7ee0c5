import GyreTensor
import GyreAutodiff

/// Batch normalisation over the channel axis 1 of [N, C] / [N, C, L] (1-d) or
/// [N, C, H, W] (2-d) input.
///
/// Training: y = (x − μ_B) / √(σ²_B + ε) · γ + β with the biased batch variance, one
/// fused primitive (`Variable.batchNorm`) whose derivative rule is written in
/// differentiable ops, so gradients (and gradients of gradients) see the coupling
/// between samples; the running statistics move by
/// r ← (1 − momentum)·r + momentum·s, with the unbiased variance, as PyTorch does.
/// Evaluation: the running statistics replace the batch ones.
public final class BatchNorm: Module {
    public enum Kind: String, Sendable { case oneD = "BatchNorm1d", twoD = "BatchNorm2d" }

    public let kind: Kind
    public let features: Int
    public let eps: Float
    public let momentum: Float
    public let weight: Parameter?
    public let bias: Parameter?
    public let runningMean: Buffer
    public let runningVar: Buffer

    public init(_ kind: Kind, _ features: Int, eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true) {
        self.kind = kind
        self.features = features
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Parameter(Tensor.ones([features]), role: .normScale) : nil
        bias = affine ? Parameter(Tensor.zeros([features]), role: .normShift) : nil
        runningMean = Buffer(Tensor.zeros([features]))
        runningVar = Buffer(Tensor.ones([features]))
        super.init()
        if let weight, let bias {
            register("weight", weight)
            register("bias", bias)
        }
        register("running_mean", buffer: runningMean)
        register("running_var", buffer: runningVar)
    }

    public override var typeName: String { kind.rawValue }
    public override var configDescription: String {
        "\(features)\(weight == nil ? ", affine: false" : "")\(eps == 1e-5 ? "" : ", eps \(eps)")"
    }

    public override func forward(_ x: Variable) throws -> Variable {
        let layout = try self.layout(x.shape)
        let xv = try x.reshape(layout.view)
        let y = isTraining ? try batchStatistics(xv, layout) : try runningStatistics(xv, layout)
        return try y.reshape(x.shape)
    }

    /// Input viewed as [N, C] or [N, C, S] (S = spatial size), statistics shaped to broadcast.
    private struct Layout { let view: [Int]; let stat: [Int]; let axes: [Int]; let perChannel: Int }

    private func layout(_ shape: [Int]) throws -> Layout {
        let ok = kind == .twoD ? shape.count == 4 : (shape.count == 2 || shape.count == 3)
        guard ok, shape[1] == features else {
            let want = kind == .twoD ? "[N, \(features), H, W]" : "[N, \(features)] or [N, \(features), L]"
            throw NNError(kind.rawValue, "expected input \(want), got \(Shape.describe(shape))")
        }
        let s = shape.dropFirst(2).reduce(1, *)
        if s == 1 { return Layout(view: [shape[0], features], stat: [1, features], axes: [0], perChannel: shape[0]) }
        return Layout(view: [shape[0], features, s], stat: [1, features, 1], axes: [0, 2], perChannel: shape[0] * s)
    }

    private func batchStatistics(_ x: Variable, _ l: Layout) throws -> Variable {
        guard l.perChannel > 1 else {
            throw NNError(kind.rawValue, "training needs more than one value per channel, got input \(Shape.describe(x.shape))")
        }
        // One fused primitive (Variable.batchNorm) whose rule is differentiable again.
        let (n, s) = (x.shape[0], l.perChannel / x.shape[0])
        let (y, mean, variance) = try Variable.batchNorm(x.reshape([n, features, s]), weight: weight?.variable,
                                                         bias: bias?.variable, eps: eps)
        try updateRunning(mean: mean, variance: variance, n: l.perChannel)
        return try y.reshape(x.shape)
    }

    private func updateRunning(mean: Tensor, variance: Tensor, n: Int) throws {
        let m = momentum, unbias = Float(n) / Float(n - 1)
        runningMean.value = try runningMean.value * (1 - m) + mean.reshaped([features]) * m
        runningVar.value = try runningVar.value * (1 - m) + variance.reshaped([features]) * (m * unbias)
    }

    private func runningStatistics(_ x: Variable, _ l: Layout) throws -> Variable {
        // y = x·s + (β − μ·s), s = γ / √(var + ε): two full-size ops.
        var scale = Variable(try (runningVar.value + eps).pow(-0.5).reshaped(l.stat))
        if let w = weight { scale = try scale * w.variable.reshape(l.stat) }
        var shift = try Variable(runningMean.value.reshaped(l.stat)).neg() * scale
        if let b = bias { shift = try shift + b.variable.reshape(l.stat) }
        return try x * scale + shift
    }
}
