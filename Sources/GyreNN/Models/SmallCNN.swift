import GyreTensor
import GyreAutodiff

/// The CPU-scale encoder of METHOD.md: 3×3 convolutions 3→32 (stride 1), 32→64 (stride 2),
/// 64→128 (stride 2), each followed by ReLU (and optionally BatchNorm before it), then
/// global average pooling: [N, 3, H, W] → [N, 128].
public final class SmallCNN: Module {
    public let widths: [Int]
    public let batchNorm: Bool
    public var outputDim: Int { widths.last ?? 0 }
    private var stages: [(conv: Conv2d, bn: BatchNorm?)] = []
    private let pool = GlobalAvgPool2d()

    /// - Parameters:
    ///   - widths: output channels of the three convolutions (the last is d).
    ///   - batchNorm: insert BatchNorm2d after each convolution (convolutions then have no bias).
    public init(inChannels: Int = 3, widths: [Int] = [32, 64, 128], batchNorm: Bool = false, seed: UInt64 = 0) {
        self.widths = widths
        self.batchNorm = batchNorm
        super.init()
        var rng = RandomStream(seed: seed)
        var c = inChannels
        for (i, w) in widths.enumerated() {
            let conv = register("conv\(i + 1)", child: Conv2d(c, w, kernelSize: 3, stride: i == 0 ? 1 : 2, padding: 1,
                                                               bias: !batchNorm, rng: &rng))
            let bn = batchNorm ? register("bn\(i + 1)", child: BatchNorm(.twoD, w)) : nil
            stages.append((conv, bn))
            c = w
        }
    }

    public override func forward(_ x: Variable) throws -> Variable {
        var h = x
        for (conv, bn) in stages {
            h = try conv(h)
            if let bn { h = try bn(h) }
            h = try h.relu()
        }
        return try pool(h)
    }

    public override var configDescription: String { "d = \(outputDim)\(batchNorm ? ", BatchNorm" : "")" }
}
