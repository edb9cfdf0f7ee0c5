import Foundation
import GyreTensor
import GyreAutodiff

/// SimCLR's colour distortion as the paper uses it (METHOD.md), differentiable with respect
/// to its four parameters α = (brightness, contrast, saturation, hue):
/// brightness, contrast, saturation factors ~ U[1 − 0.8s, 1 + 0.8s], hue ~ U[−0.2s, 0.2s],
/// applied with probability `probability` (0.8) in that fixed order; then greyscale with
/// probability `grayscaleProbability` (0.2). Images are [B, 3, H, W] in [0, 1].
///
/// - brightness: clamp(x · f, 0, 1)
/// - contrast:   clamp(f · x + (1 − f) · mean(grey(x)), 0, 1)   (mean over the image)
/// - saturation: clamp(f · x + (1 − f) · grey(x), 0, 1)          (per pixel)
/// - hue:        YIQ rotation by 2π·hue of the chroma (I, Q), unclamped
///
/// grey(x) = 0.2989 r + 0.587 g + 0.114 b (torchvision's weights).
///
///     let cd = ColorDistortion(strength: 0.5)
///     var rng = RandomStream(seed: 0)
///     let d = cd.sample(8, rng: &rng)
///     let alpha = Variable.leaf(d.factors)
///     let y = try cd.apply(Variable(images), draw: d, factors: alpha)
public struct ColorDistortion: Sendable {
    public var strength: Float
    public var probability: Float
    public var grayscaleProbability: Float

    public static let parameterNames = ["brightness", "contrast", "saturation", "hue"]

    public init(strength: Float = 0.5, probability: Float = 0.8, grayscaleProbability: Float = 0.2) {
        self.strength = strength
        self.probability = probability
        self.grayscaleProbability = grayscaleProbability
    }

    /// One draw for a batch: α [B, 4], and which images are jittered / made grey ([B] of 0/1).
    public struct Draw: Sendable {
        public let factors: Tensor
        public let applied: Tensor
        public let grayscale: Tensor

        public init(factors: Tensor, applied: Tensor, grayscale: Tensor) {
            self.factors = factors
            self.applied = applied
            self.grayscale = grayscale
        }
    }

    /// The sampling interval of each parameter.
    public var ranges: [ClosedRange<Float>] {
        let f = 0.8 * strength, h = 0.2 * strength
        return [(1 - f)...(1 + f), (1 - f)...(1 + f), (1 - f)...(1 + f), (-h)...h]
    }

    /// Draws α ~ the ranges above, the jitter mask (p = `probability`) and the greyscale mask.
    public func sample(_ count: Int, rng: inout RandomStream) -> Draw {
        let u = rng.uniform([Swift.max(count, 0), 4])
        let lo = ranges.map(\.lowerBound), span = ranges.map { $0.upperBound - $0.lowerBound }
        var factors = u
        factors.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = lo[i % 4] + span[i % 4] * p[i] }
        }
        return Draw(factors: factors, applied: rng.bernoulli([Swift.max(count, 0)], p: probability),
                    grayscale: rng.bernoulli([Swift.max(count, 0)], p: grayscaleProbability))
    }

    /// The full distortion: jitter where `draw.applied`, then greyscale where `draw.grayscale`.
    /// `factors` [B, 4] is differentiated (pass `Variable(draw.factors)` or a leaf of it).
    public func apply(_ images: Variable, draw: Draw, factors: Variable) throws -> Variable {
        let count = try Self.checkImages(images, op: "color_distortion")
        guard draw.applied.count == count, draw.grayscale.count == count else {
            throw DataError("color_distortion", "the draw is for \(draw.applied.count) images, got \(count)")
        }
        let jittered = try Self.jitter(images, factors: factors)
        let mask = try draw.applied.reshaped([count, 1, 1, 1])
        let x = try Variable.where(mask, jittered, images)
        return try Variable.where(try draw.grayscale.reshaped([count, 1, 1, 1]), Self.grayscale(x), x)
    }

    /// No-grad convenience: a fresh draw from `rng` applied to `images` [B, 3, H, W].
    public func callAsFunction(_ images: Tensor, rng: inout RandomStream) throws -> Tensor {
        let d = sample(images.rank > 0 ? images.shape[0] : 0, rng: &rng)
        return try GradMode.withoutGrad { try apply(Variable(images), draw: d, factors: Variable(d.factors)).value }
    }

    // MARK: - The four adjustments (always applied)

    /// Brightness, contrast, saturation, hue in that order, with α [B, 4].
    public static func jitter(_ images: Variable, factors: Variable) throws -> Variable {
        let count = try checkImages(images, op: "color_jitter")
        guard factors.shape == [count, 4] else {
            throw DataError("color_jitter", "factors must be [\(count), 4] (brightness, contrast, saturation, hue), got \(Shape.describe(factors.shape))")
        }
        func param(_ k: Int) throws -> Variable {
            try factors.index([.all, .slice(start: k, stop: k + 1, step: 1)]).reshape([count, 1, 1, 1])
        }
        var x = try (images * param(0)).clamp(min: 0, max: 1)
        let c = try param(1)
        let mean = try grey(x).mean(axes: [1, 2, 3], keepdims: true)
        x = try (c * x + (1 - c) * mean).clamp(min: 0, max: 1)
        let s = try param(2)
        x = try (s * x + (1 - s) * grey(x)).clamp(min: 0, max: 1)
        return try hue(x, try param(3).reshape([count, 1, 1]))
    }

    /// Greyscale [B, 1, H, W] of [B, 3, H, W].
    public static func grey(_ x: Variable) throws -> Variable {
        try (x * greyWeights).sum(axes: [1], keepdims: true)
    }

    /// The greyscale image repeated on three channels.
    public static func grayscale(_ x: Variable) throws -> Variable {
        try grey(x).expand(x.shape)
    }

    /// Rotates each pixel's YIQ chroma by 2π·hue: rgb' = (A + cos θ·C + sin θ·S) · rgb.
    static func hue(_ x: Variable, _ hue: Variable) throws -> Variable {
        let count = x.shape[0], hw = x.shape[2] * x.shape[3]
        let theta = try hue.scaled(2 * Float.pi)
        let m = try yiq.keep + theta.cos() * yiq.rotateCos + theta.sin() * yiq.rotateSin      // [B, 3, 3]
        return try Variable.matmul(m, x.reshape([count, 3, hw])).reshape(x.shape)
    }

    static let greyWeights = Variable((try? Tensor([0.2989, 0.587, 0.114], shape: [1, 3, 1, 1])) ?? Tensor.zeros([1, 3, 1, 1]))

    /// T⁻¹·P·T for the YIQ transform T: the luma-keeping part, and the chroma parts
    /// multiplied by cos θ and sin θ. T⁻¹ is computed, so θ = 0 gives the identity exactly
    /// up to Float rounding.
    static let yiq: (keep: Variable, rotateCos: Variable, rotateSin: Variable) = {
        let t: [[Double]] = [[0.299, 0.587, 0.114],
                             [0.595_716, -0.274_453, -0.321_263],
                             [0.211_456, -0.522_591, 0.311_135]]
        let ti = inverse3(t)
        func conj(_ p: [[Double]]) -> Variable {
            var out = [Float](repeating: 0, count: 9)
            for i in 0..<3 { for j in 0..<3 {
                var s = 0.0
                for a in 0..<3 { for b in 0..<3 { s += ti[i][a] * p[a][b] * t[b][j] } }
                out[i * 3 + j] = Float(s)
            } }
            return Variable((try? Tensor(out, shape: [1, 3, 3])) ?? Tensor.zeros([1, 3, 3]))
        }
        return (conj([[1, 0, 0], [0, 0, 0], [0, 0, 0]]),
                conj([[0, 0, 0], [0, 1, 0], [0, 0, 1]]),
                conj([[0, 0, 0], [0, 0, -1], [0, 1, 0]]))
    }()

    static func inverse3(_ m: [[Double]]) -> [[Double]] {
        let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        var out = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 { for j in 0..<3 {
            let r = [0, 1, 2].filter { $0 != j }, c = [0, 1, 2].filter { $0 != i }
            let minor = m[r[0]][c[0]] * m[r[1]][c[1]] - m[r[0]][c[1]] * m[r[1]][c[0]]
            out[i][j] = ((i + j) % 2 == 0 ? 1 : -1) * minor / det
        } }
        return out
    }

    static func checkImages(_ x: Variable, op: String) throws -> Int {
        guard x.rank == 4, x.shape[1] == 3 else {
            throw DataError(op, "images must be [B, 3, H, W], got \(Shape.describe(x.shape))")
        }
        return x.shape[0]
    }
}
