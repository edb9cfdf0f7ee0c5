import GyreTensor
import GyreAutodiff
import GyreData

/// The paper's CIFAR augmentation (METHOD.md): random resized crop (scale 0.08–1, ratio
/// 3/4–4/3) + horizontal flip (p = 0.5) + colour distortion (strength s = 0.5: brightness,
/// contrast, saturation ~ U[0.6, 1.4], hue ~ U[−0.1, 0.1], applied with p = 0.8) + greyscale
/// (p = 0.2), then per-channel normalisation (x − mean) / std with CIFAR-10's statistics
/// mean (0.4914, 0.4822, 0.4465), std (0.2470, 0.2435, 0.2616).
///
/// α — the parameters the regulariser differentiates — is the 4 colour-jitter factors
/// (brightness, contrast, saturation, hue); crop, flip and the jitter/greyscale coin flips
/// are discrete and not part of α.
public struct ImageAugmentation: Sendable {
    public var crop: RandomResizedCrop
    public var flipProbability: Float
    public var color: ColorDistortion
    public var mean: [Float]
    public var std: [Float]

    public static let cifarMean: [Float] = [0.4914, 0.4822, 0.4465]
    public static let cifarStd: [Float] = [0.2470, 0.2435, 0.2616]

    /// The paper's CIFAR settings for images of `size`×`size`.
    public init(size: Int = 32, colorStrength: Float = 0.5, colorProbability: Float = 0.8, grayscaleProbability: Float = 0.2,
                cropScale: ClosedRange<Float> = 0.08...1, flipProbability: Float = 0.5,
                mean: [Float] = ImageAugmentation.cifarMean, std: [Float] = ImageAugmentation.cifarStd) {
        crop = RandomResizedCrop(size: size, scale: cropScale)
        self.flipProbability = flipProbability
        color = ColorDistortion(strength: colorStrength, probability: colorProbability, grayscaleProbability: grayscaleProbability)
        self.mean = mean
        self.std = std
    }

    public func validate() throws {
        guard mean.count == 3, std.count == 3, std.allSatisfy({ $0 > 0 }) else {
            throw LearnError("image_augmentation", "mean and std need 3 entries each, std positive")
        }
        guard crop.size >= 1 else { throw LearnError("image_augmentation", "crop size must be positive") }
    }

    /// Crop and flip (not differentiable).
    public func geometric(_ images: Tensor, rng: inout RandomStream) throws -> Tensor {
        try HorizontalFlip.random(try crop(images, rng: &rng), p: flipProbability, rng: &rng)
    }

    /// (x − mean) / std per channel (differentiable).
    public func normalize(_ x: Variable) throws -> Variable {
        let m = Variable(try Tensor(mean, shape: [1, 3, 1, 1]))
        let inv = Variable(try Tensor(std.map { 1 / $0 }, shape: [1, 3, 1, 1]))
        return try (x - m) * inv
    }

    /// (x − mean) / std without recording (the untransformed evaluation protocol).
    public func normalize(_ x: Tensor) throws -> Tensor {
        try GradMode.withoutGrad { try normalize(Variable(x)).value }
    }

    /// One fully transformed view, its colour draw and (when `differentiable`) the α leaf
    /// the view was computed from.
    public func view(_ images: Tensor, differentiable: Bool, rng: inout RandomStream) throws -> (view: Variable, alpha: Variable) {
        let g = try geometric(images, rng: &rng)
        let d = color.sample(g.shape[0], rng: &rng)
        if differentiable {
            let alpha = Variable.leaf(d.factors, name: "alpha")
            return (try normalize(try color.apply(Variable(g), draw: d, factors: alpha)), alpha)
        }
        let v = try GradMode.withoutGrad { try normalize(try color.apply(Variable(g), draw: d, factors: Variable(d.factors))) }
        return (Variable(v.value), Variable(d.factors))
    }

    /// One transformed view without recording (feature averaging).
    public func transform(_ images: Tensor, rng: inout RandomStream) throws -> Tensor {
        try view(images, differentiable: false, rng: &rng).view.value
    }

    /// α′ [samples, batch, 4] from the colour prior.
    public func sampleFactors(samples: Int, batch: Int, rng: inout RandomStream) throws -> Tensor {
        try color.sample(samples * batch, rng: &rng).factors.reshaped([samples, batch, 4])
    }
}

/// SimCLR views of an image dataset: each view is an independent crop + flip + colour draw
/// of the same images; α is view 1's colour-jitter factors [B, 4]. Batches are a fresh
/// permutation of the training images each epoch, seeded by `seed`.
public final class ImageViews: SimCLRViewSource {
    public let data: ImageDataset
    public let augmentation: ImageAugmentation
    public let seed: UInt64

    public init(data: ImageDataset, augmentation: ImageAugmentation = ImageAugmentation(), seed: UInt64 = 0) throws {
        try augmentation.validate()
        self.data = data
        self.augmentation = augmentation
        self.seed = seed
    }

    public var trainCount: Int { data.count(.train) }
    public var kind: String { "images" }

    public func batches(batchSize: Int, epoch: Int) throws -> [[Int]] {
        guard batchSize > 0 else { throw LearnError("simclr", "batch size must be positive, got \(batchSize)") }
        var rng = RandomStream(seed: seed, counter: (23 << 56) &+ UInt64(truncatingIfNeeded: epoch) << 32)
        let order = rng.permutation(trainCount)
        return stride(from: 0, through: trainCount - batchSize, by: batchSize).map { Array(order[$0..<($0 + batchSize)]) }
    }

    public func views(indices: [Int], differentiable: Bool, rng: inout RandomStream) throws -> SimCLRViews {
        let x = try data.images(.train, indices: indices)
        let (v1, alpha) = try augmentation.view(x, differentiable: differentiable, rng: &rng)
        let (v2, _) = try augmentation.view(x, differentiable: false, rng: &rng)
        return SimCLRViews(view1: v1, view2: v2, alpha: alpha)
    }

    public func extraAlpha(samples: Int, batch: Int, rng: inout RandomStream) throws -> Tensor {
        try augmentation.sampleFactors(samples: samples, batch: batch, rng: &rng)
    }
}

extension SimCLRTrainer {
    /// SimCLR on labelled images with the paper's CIFAR augmentation (labels are not used
    /// in training). The paper's CIFAR regulariser settings are λ = 0.1 (`lambdaGP`) and
    /// limit 1 (`gpUpperLimit`); see `SimCLRConfig.imageDefaults`.
    public convenience init(model: SimCLRModel, images: ImageDataset, augmentation: ImageAugmentation = ImageAugmentation(),
                            config: SimCLRConfig) throws {
        try config.validate()
        try self.init(model: model, source: ImageViews(data: images, augmentation: augmentation, seed: config.seed), config: config)
    }
}

extension SimCLRConfig {
    /// Defaults for image datasets: the paper's CIFAR regulariser (λ = 0.1, clamp at 1);
    /// everything else as `SimCLRConfig()`.
    public static var imageDefaults: SimCLRConfig {
        var c = SimCLRConfig()
        c.lambdaGP = 0.1
        c.gpUpperLimit = 1
        return c
    }
}
