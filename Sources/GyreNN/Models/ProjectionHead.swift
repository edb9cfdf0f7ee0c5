import GyreTensor
import GyreAutodiff

/// The paper's critic projection: z = BN₂(W₂ · ReLU(BN₁(W₁ h))), W₁: d→d and W₂: d→128 without
/// bias, BN₁ affine, BN₂ without affine. Names follow the paper's `TwoLayerCritic`
/// (`w1`, `bn1`, `w2`, `bn2`).
public final class ProjectionHead: Module {
    public let w1: Linear, bn1: BatchNorm, w2: Linear, bn2: BatchNorm

    public init(inputDim: Int, projectionDim: Int = 128, seed: UInt64 = 0) {
        var rng = RandomStream(seed: seed)
        w1 = Linear(inputDim, inputDim, bias: false, rng: &rng)
        bn1 = BatchNorm(.oneD, inputDim)
        w2 = Linear(inputDim, projectionDim, bias: false, rng: &rng)
        bn2 = BatchNorm(.oneD, projectionDim, affine: false)
        super.init()
        register("w1", child: w1)
        register("bn1", child: bn1)
        register("w2", child: w2)
        register("bn2", child: bn2)
    }

    public override func forward(_ h: Variable) throws -> Variable {
        try bn2(w2(bn1(w1(h)).relu()))
    }

    /// Cosine-similarity scores of the two views' projections divided by `temperature`, laid
    /// out as the paper's critic does: rows i < N are [sim12[i,:], sim11[i,:]] and rows N + i
    /// are [sim22[i,:], sim21[i,:]], with the self-similarities set to −∞. The target of
    /// row r is r (`Variable.crossEntropy(logits:targets:)` with `0..<2N` gives NT-Xent).
    public func scores(_ h1: Variable, _ h2: Variable, temperature: Float) throws -> Variable {
        let z1 = try forward(h1), z2 = try forward(h2)
        let n = z1.shape[0]
        var diag = Tensor.zeros([n, n])
        diag.withUnsafeMutableBufferPointer { p in for i in 0..<n { p[i * n + i] = -.infinity } }
        let mask = Variable(diag)
        let t = 1 / temperature
        let s11 = try Variable.cosineSimilarity(z1, z1).scaled(t) + mask
        let s22 = try Variable.cosineSimilarity(z2, z2).scaled(t) + mask
        let s12 = try Variable.cosineSimilarity(z1, z2).scaled(t)
        let top = try Variable.concat([s12, s11], axis: 1)
        let bottom = try Variable.concat([s22, s12.transpose()], axis: 1)
        return try Variable.concat([top, bottom], axis: 0)
    }
}
