import GyreTensor
import GyreAutodiff

/// y = x Wᵀ + b with W [out, in] (PyTorch's layout), x [N, in] → [N, out].
public final class Linear: Module {
    public let inFeatures: Int, outFeatures: Int
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true,
                initialization: Initialization = .pytorchDefault, rng: inout RandomStream) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Parameter(initialization.weight([outFeatures, inFeatures], rng: &rng))
        self.bias = bias ? Parameter(Initialization.bias(outFeatures, fanIn: inFeatures, rng: &rng), role: .bias) : nil
        super.init()
        register("weight", weight)
        if let b = self.bias { register("bias", b) }
    }

    public override func forward(_ x: Variable) throws -> Variable {
        guard x.rank == 2, x.shape[1] == inFeatures else {
            throw NNError("Linear", "expected input [N, \(inFeatures)], got \(Shape.describe(x.shape))")
        }
        let y = try Variable.matmul(x, weight.variable, transposeB: true)
        guard let b = bias else { return y }
        return try y + b.variable
    }

    public override var configDescription: String { "\(inFeatures)→\(outFeatures)\(bias == nil ? ", no bias" : "")" }
}
