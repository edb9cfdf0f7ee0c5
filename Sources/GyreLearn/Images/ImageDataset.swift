import GyreTensor
import GyreData

/// Labelled images for SimCLR and the classification probes: a training part and an
/// optional test part, each images [N, 3, H, W] in [0, 1] with integer labels.
/// `CIFARData` (from `CIFAR.load`) converts directly; any tensor of that shape works.
public struct ImageDataset: Sendable {
    public enum Part: String, Sendable { case train, test }

    public let trainImages: Tensor
    public let trainLabels: [Int]
    public let testImages: Tensor?
    public let testLabels: [Int]?
    public let classes: Int

    /// `classes` defaults to the largest label + 1.
    public init(train images: Tensor, labels: [Int], test testImages: Tensor? = nil, testLabels: [Int]? = nil, classes: Int? = nil) throws {
        try Self.check(images, labels, part: "training")
        if testImages != nil || testLabels != nil {
            guard let ti = testImages, let tl = testLabels else {
                throw LearnError("image_data", "test images and test labels must be given together")
            }
            try Self.check(ti, tl, part: "test")
            guard Array(ti.shape.dropFirst()) == Array(images.shape.dropFirst()) else {
                throw LearnError("image_data", "test images \(Shape.describe(ti.shape)) and training images \(Shape.describe(images.shape)) differ in size")
            }
        }
        let k = classes ?? (Swift.max(labels.max() ?? 0, testLabels?.max() ?? 0) + 1)
        guard k >= 1 else { throw LearnError("image_data", "classes must be at least 1, got \(k)") }
        try checkLabels(labels, classes: k, op: "image_data")
        try checkLabels(testLabels ?? [], classes: k, op: "image_data")
        trainImages = images; trainLabels = labels
        self.testImages = testImages; self.testLabels = testLabels
        self.classes = k
    }

    /// CIFAR's training part, and optionally its test part.
    public init(cifar train: CIFARData, test: CIFARData? = nil) throws {
        try self.init(train: train.images, labels: train.labels, test: test?.images, testLabels: test?.labels, classes: train.classes)
    }

    static func check(_ x: Tensor, _ y: [Int], part: String) throws {
        guard x.rank == 4, x.shape[1] == 3, x.shape[2] >= 1, x.shape[3] >= 1 else {
            throw LearnError("image_data", "\(part) images must be [N, 3, H, W], got \(Shape.describe(x.shape))")
        }
        guard x.shape[0] == y.count else {
            throw LearnError("image_data", "\(x.shape[0]) \(part) images but \(y.count) labels")
        }
        guard x.shape[0] > 0 else { throw LearnError("image_data", "no \(part) images") }
    }

    public func count(_ part: Part) -> Int {
        part == .train ? trainLabels.count : (testLabels?.count ?? 0)
    }

    public func labels(_ part: Part) -> [Int] { part == .train ? trainLabels : (testLabels ?? []) }

    /// Images [indices.count, 3, H, W] of `part`.
    public func images(_ part: Part, indices: [Int]) throws -> Tensor {
        guard let x = part == .train ? trainImages : testImages else {
            throw LearnError("image_data", "the dataset has no test part (give test images and labels)")
        }
        return try x.indexSelect(axis: 0, indices: indices)
    }

    public var description: String {
        let s = Array(trainImages.shape.dropFirst()).map(String.init).joined(separator: "×")
        return "image dataset: \(count(.train)) train / \(count(.test)) test images of \(s), \(classes) classes"
    }
}
