import GyreTensor
import GyreAutodiff

/// torchvision's BasicBlock: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), where the
/// shortcut is `downsample` (1×1 conv with stride + BatchNorm) when the shape changes.
public final class BasicBlock: Module {
    public let conv1: Conv2d, bn1: BatchNorm, conv2: Conv2d, bn2: BatchNorm
    public let downsample: Sequential?

    public init(_ inPlanes: Int, _ planes: Int, stride: Int, rng: inout RandomStream) {
        let initW = Initialization.kaimingNormalFanOut
        conv1 = Conv2d(inPlanes, planes, kernelSize: 3, stride: stride, padding: 1, bias: false, initialization: initW, rng: &rng)
        bn1 = BatchNorm(.twoD, planes)
        conv2 = Conv2d(planes, planes, kernelSize: 3, stride: 1, padding: 1, bias: false, initialization: initW, rng: &rng)
        bn2 = BatchNorm(.twoD, planes)
        downsample = stride != 1 || inPlanes != planes
            ? Sequential([Conv2d(inPlanes, planes, kernelSize: 1, stride: stride, bias: false, initialization: initW, rng: &rng),
                          BatchNorm(.twoD, planes)])
            : nil
        super.init()
        register("conv1", child: conv1)
        register("bn1", child: bn1)
        register("conv2", child: conv2)
        register("bn2", child: bn2)
        if let downsample { register("downsample", child: downsample) }
    }

    public override func forward(_ x: Variable) throws -> Variable {
        let h = try bn2(conv2(bn1(conv1(x)).relu()))
        return try (h + (downsample.map { try $0(x) } ?? x)).relu()
    }
}

/// The CIFAR stem of the paper's code: 3×3 convolution (stride 1, no bias) → BatchNorm → ReLU,
/// no max-pool.
public final class CIFARStem: Module {
    public let conv1: Conv2d, bn1: BatchNorm

    public init(inChannels: Int, width: Int, rng: inout RandomStream) {
        conv1 = Conv2d(inChannels, width, kernelSize: 3, stride: 1, padding: 1, bias: false,
                       initialization: .kaimingNormalFanOut, rng: &rng)
        bn1 = BatchNorm(.twoD, width)
        super.init()
        register("conv1", child: conv1)
        register("bn1", child: bn1)
    }

    public override func forward(_ x: Variable) throws -> Variable { try bn1(conv1(x)).relu() }
}

/// ResNet with BasicBlocks and the CIFAR stem, without the classifier: [N, 3, H, W] → [N, 512].
///
/// Names follow the paper's code (`stem.conv1.weight`, `layer1.0.conv1.weight`,
/// `layer2.0.downsample.0.weight`, …), and so does the initialisation: convolutions
/// Kaiming-normal (fan-out, ReLU gain), BatchNorm γ = 1, β = 0.
public final class ResNet: Module {
    public let outputDim: Int
    public let stem: CIFARStem
    public let layers: [Sequential]
    private let pool = GlobalAvgPool2d()

    public init(blocks: [Int], widths: [Int] = [64, 128, 256, 512], inChannels: Int = 3, seed: UInt64 = 0) {
        var rng = RandomStream(seed: seed)
        stem = CIFARStem(inChannels: inChannels, width: widths[0], rng: &rng)
        var inPlanes = widths[0]
        var stages: [Sequential] = []
        for (i, (n, w)) in zip(blocks, widths).enumerated() {
            var list: [Module] = []
            for j in 0..<n {
                list.append(BasicBlock(inPlanes, w, stride: (i > 0 && j == 0) ? 2 : 1, rng: &rng))
                inPlanes = w
            }
            stages.append(Sequential(list))
        }
        layers = stages
        outputDim = inPlanes
        super.init()
        register("stem", child: stem)
        for (i, s) in stages.enumerated() { register("layer\(i + 1)", child: s) }
    }

    /// ResNet-18: BasicBlocks [2, 2, 2, 2], widths 64–512, d = 512 (11,168,832 parameters).
    public static func resnet18(seed: UInt64 = 0) -> ResNet { ResNet(blocks: [2, 2, 2, 2], seed: seed) }

    public override func forward(_ x: Variable) throws -> Variable {
        guard x.rank == 4 else { throw NNError("ResNet", "expected input [N, C, H, W], got \(Shape.describe(x.shape))") }
        var h = try stem(x)
        for layer in layers { h = try layer(h) }
        return try pool(h)
    }

    public override var configDescription: String { "d = \(outputDim)" }
}
