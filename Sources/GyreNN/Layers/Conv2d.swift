import GyreTensor
import GyreAutodiff

/// 2-d convolution (cross-correlation) over NCHW input with a square kernel.
/// x [N, in, H, W] → [N, out, (H + 2p − k)/s + 1, (W + 2p − k)/s + 1].
public final class Conv2d: Module {
    public let inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, initialization: Initialization = .pytorchDefault, rng: inout RandomStream) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        weight = Parameter(initialization.weight([outChannels, inChannels, kernelSize, kernelSize], rng: &rng))
        let fanIn = inChannels * kernelSize * kernelSize
        self.bias = bias ? Parameter(Initialization.bias(outChannels, fanIn: fanIn, rng: &rng), role: .bias) : nil
        super.init()
        register("weight", weight)
        if let b = self.bias { register("bias", b) }
    }

    public override func forward(_ x: Variable) throws -> Variable {
        guard x.rank == 4, x.shape[1] == inChannels else {
            throw NNError("Conv2d", "expected input [N, \(inChannels), H, W], got \(Shape.describe(x.shape))")
        }
        let y = try Variable.conv2d(x, weight.variable, stride: (stride, stride), padding: (padding, padding))
        guard let b = bias else { return y }
        // Broadcast over [N, O, H·W]: long contiguous rows make the add (and its sumTo) fast.
        let (n, hw) = (y.shape[0], y.shape[2] * y.shape[3])
        return try (y.reshape([n, outChannels, hw]) + b.variable.reshape([1, outChannels, 1])).reshape(y.shape)
    }

    public override var configDescription: String {
        "\(inChannels)→\(outChannels), kernel \(kernelSize)×\(kernelSize), stride \(stride), padding \(padding)"
            + (bias == nil ? ", no bias" : "")
    }
}
