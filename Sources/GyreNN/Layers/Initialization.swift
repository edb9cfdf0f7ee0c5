import Foundation
import GyreTensor

/// Weight initialisations, all drawn from a seeded `RandomStream`.
public enum Initialization: Sendable {
    /// PyTorch's default for `Linear` and `Conv2d`: Kaiming-uniform with a = √5, i.e.
    /// U(−b, b) with b = 1/√fan_in (and the same bound for the bias).
    case pytorchDefault
    /// Kaiming-normal, fan-out mode, ReLU gain: N(0, 2/fan_out). torchvision's ResNet
    /// (and the paper's code) re-initialise convolutions this way.
    case kaimingNormalFanOut

    /// A weight of `shape` ([out, in, kh, kw] or [out, in]).
    public func weight(_ shape: [Int], rng: inout RandomStream) -> Tensor {
        let receptive = shape.dropFirst(2).reduce(1, *)
        switch self {
        case .pytorchDefault:
            let bound = 1 / Float(shape[1] * receptive).squareRoot()
            return rng.uniform(shape, low: -bound, high: bound)
        case .kaimingNormalFanOut:
            return rng.normal(shape, std: (2 / Float(shape[0] * receptive)).squareRoot())
        }
    }

    /// PyTorch's default bias: U(−1/√fan_in, 1/√fan_in).
    public static func bias(_ n: Int, fanIn: Int, rng: inout RandomStream) -> Tensor {
        let bound = 1 / Float(max(fanIn, 1)).squareRoot()
        return rng.uniform([n], low: -bound, high: bound)
    }
}
