import GyreTensor
import GyreAutodiff
import GyreNN

/// An encoder with the paper's projection critic, trained together by SimCLR.
/// Parameters are named `encoder.…` and `critic.…` (checkpoints use these names).
public final class SimCLRModel {
    public let encoder: Module
    public let critic: ProjectionHead
    public let representationDim: Int
    /// Both modules under one root, for checkpoints and optimisers.
    public let root: ModuleDict

    public init(encoder: Module, representationDim: Int, projectionDim: Int = 128, seed: UInt64 = 0) {
        self.encoder = encoder
        self.representationDim = representationDim
        critic = ProjectionHead(inputDim: representationDim, projectionDim: projectionDim, seed: seed &+ 0x5EED)
        root = ModuleDict([("encoder", encoder), ("critic", critic)])
    }

    /// The representation h = f(x) in evaluation mode, without recording (for evaluation).
    public func encode(_ images: Tensor, batchSize: Int = 512) throws -> Tensor {
        let wasTraining = encoder.isTraining
        encoder.eval()
        defer { encoder.train(wasTraining) }
        return try GradMode.withoutGrad {
            let n = images.shape.first ?? 0
            guard n > batchSize else { return try encoder(Variable(images)).value }
            var parts: [Tensor] = []
            var start = 0
            while start < n {
                let end = Swift.min(n, start + batchSize)
                parts.append(try encoder(Variable(images[[.slice(start: start, stop: end, step: 1)]])).value)
                start = end
                try Interrupt.check()
            }
            return try Tensor.concat(parts, axis: 0)
        }
    }
}
