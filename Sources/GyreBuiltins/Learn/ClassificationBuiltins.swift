import Foundation
import GyreTensor
import GyreData
import GyreLearn
import GyreLang

/// Labelled images (a training part and an optional test part) as a language value:
/// what `simclr` trains on with the paper's CIFAR augmentation and what `linear_eval`
/// probes with logistic regression.
public final class ImageDatasetHandle: Handle {
    public let data: ImageDataset
    public init(_ data: ImageDataset) { self.data = data }
    public var typeName: String { "image_dataset" }
    public var summary: String { "<\(data.description)>" }
    public func field(_ name: String) -> Value? {
        func labels(_ ys: [Int]) -> Value { .wrap(Tensor(ys.map(Float.init))) }
        switch name {
        case "train": return .number(Float(data.count(.train)))
        case "test": return .number(Float(data.count(.test)))
        case "classes": return .number(Float(data.classes))
        case "images": return .wrap(data.trainImages)
        case "labels": return labels(data.trainLabels)
        case "test_images": return data.testImages.map { .wrap($0) } ?? Value.none
        case "test_labels": return data.testLabels.map(labels) ?? Value.none
        default: return nil
        }
    }
    public var fieldNames: [String] { ["train", "test", "classes", "images", "labels", "test_images", "test_labels"] }
}

/// Classification probes (logistic regression, kNN) and image datasets for SimCLR.
extension BuiltinRegistry {
    func registerClassification() {
        let probe = [Param("train_features", .array), Param("train_labels", .array),
                     Param("test_features", .array), Param("test_labels", .array)]
        register(BuiltinSpec("logistic_eval", family: "learning",
                             summary: "Multinomial logistic regression (L-BFGS, L2 on the weights) fitted on train features [n, d] and labels; test {accuracy, cross_entropy}.",
                             doc: "Minimises mean cross-entropy + l2·‖W‖² (bias unpenalised) with liblbfgs for at most `iterations` iterations — the paper's CIFAR probe uses l2 = 1e-5 and 500 iterations. Labels are integers 0…classes−1 (classes: the largest label + 1 unless given). Returns {accuracy, cross_entropy, train_accuracy, iterations}.",
                             example: "logistic_eval(randn([30, 4], seed: 0), randint(0, 3, [30], seed: 1), randn([6, 4], seed: 2), randint(0, 3, [6], seed: 3))",
                             params: probe + [Param("l2", .number, default: .number(1e-5)), Param("iterations", .integer, default: .number(500)),
                                              Param("classes", .optional(.integer), default: Value.none)]) { a, _ in
            let (xTrain, yTrain, xTest, yTest) = try probeData(a)
            let iterations = try a.int("iterations")
            guard iterations >= 1 else { throw RuntimeError("bad argument 'iterations' to 'logistic_eval': must be at least 1", at: a.spanOf("iterations")) }
            let p = try LogisticRegression(features: xTrain, labels: yTrain, classes: try a.optionalInt("classes"),
                                           l2: try a.float("l2"), iterations: iterations)
            let test = try p.evaluate(features: xTest, labels: yTest)
            let train = try p.evaluate(features: xTrain, labels: yTrain)
            return .record(Record([("accuracy", .number(test.accuracy)), ("cross_entropy", .number(test.crossEntropy)),
                                   ("train_accuracy", .number(train.accuracy)), ("iterations", .number(Float(p.iterations)))]))
        })
        register(BuiltinSpec("knn_eval", family: "learning",
                             summary: "k-nearest-neighbour accuracy (cosine similarity, majority vote, ties to the larger summed similarity): {accuracy}.",
                             example: "knn_eval(randn([30, 4], seed: 0), randint(0, 3, [30], seed: 1), randn([6, 4], seed: 2), randint(0, 3, [6], seed: 3), k: 5)",
                             params: probe + [Param("k", .integer, default: .number(20))]) { a, _ in
            let (xTrain, yTrain, xTest, yTest) = try probeData(a)
            let k = try a.int("k")
            guard k >= 1 else { throw RuntimeError("bad argument 'k' to 'knn_eval': must be at least 1", at: a.spanOf("k")) }
            let knn = try KNNClassifier(features: xTrain, labels: yTrain, k: k)
            return .record(Record([("accuracy", .number(try knn.accuracy(features: xTest, labels: yTest)))]))
        })
        register(BuiltinSpec("image_data", family: "data",
                             summary: "A labelled image dataset from tensors [N, 3, H, W] in [0, 1], for simclr (CIFAR augmentation) and linear_eval (logistic probe).",
                             doc: "Any images work: `c = cifar(path); t = cifar(path, part: \"test\"); image_data(c.images, c.labels, test_images: t.images, test_labels: t.labels)`. SimCLR views are random resized crop (scale 0.08–1) + horizontal flip + colour distortion (s = 0.5, p = 0.8) + greyscale (p = 0.2), then normalisation with CIFAR's mean (0.4914, 0.4822, 0.4465) and std (0.2470, 0.2435, 0.2616); the regulariser's α is the 4 colour-jitter factors. The test part is needed by linear_eval.",
                             example: "data = image_data(rand([8, 3, 32, 32], seed: 0), randint(0, 2, [8], seed: 1), test_images: rand([4, 3, 32, 32], seed: 2), test_labels: [0, 1, 0, 1])",
                             params: [Param("images", .array), Param("labels", .array),
                                      Param("test_images", .optional(.array), default: Value.none), Param("test_labels", .optional(.array), default: Value.none),
                                      Param("classes", .optional(.integer), default: Value.none)]) { a, _ in
            let testImages = a.isNone("test_images") ? nil : try a.tensor("test_images")
            let testLabels = a.isNone("test_labels") ? nil : try labelList(a, "test_labels")
            let d = try ImageDataset(train: try a.tensor("images"), labels: try labelList(a, "labels"), test: testImages,
                                     testLabels: testLabels, classes: try a.optionalInt("classes"))
            return .handle(ImageDatasetHandle(d))
        })
    }
}

/// The probe's four arguments, labels checked to be non-negative integers.
private func probeData(_ a: Arguments) throws -> (Tensor, [Int], Tensor, [Int]) {
    (try a.tensor("train_features"), try labelList(a, "train_labels"), try a.tensor("test_features"), try labelList(a, "test_labels"))
}

/// A label vector: a 1-d array (or list) of non-negative integers.
func labelList(_ a: Arguments, _ name: String) throws -> [Int] {
    let t = try a.tensor(name)
    guard t.rank == 1 else {
        throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': expected a 1-d array of class labels, got shape \(Shape.describe(t.shape))", at: a.spanOf(name))
    }
    return try t.array.enumerated().map { i, v in
        guard v == v.rounded(), v >= 0, v < 1e9 else {
            throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': labels must be non-negative integers, got \(TensorFormatter.number(v)) at position \(i)", at: a.spanOf(name))
        }
        return Int(v)
    }
}

/// `linear_eval` on an image dataset: logistic-regression accuracy for each M in `passes`
/// (0: untransformed images, the paper's standard protocol; M ≥ 1: feature averaging over
/// M copies with all transformations).
func imageLinearEval(_ a: Arguments, _ d: ImageDatasetHandle) throws -> Value {
    let m = try a.handle("model", as: ModelHandle.self)
    var e = ImageEvaluation(model: m.model, data: d.data)
    e.trainCount = try a.optionalInt("train"); e.testCount = try a.optionalInt("test")
    e.l2 = try a.optionalFloat("lambda") ?? 1e-5
    e.iterations = try a.int("iterations")
    guard e.iterations >= 1 else { throw RuntimeError("bad argument 'iterations' to 'linear_eval': must be at least 1", at: a.spanOf("iterations")) }
    e.seed = UInt64(truncatingIfNeeded: try a.int("seed"))
    let frac = try a.float("labels")
    guard frac > 0 && frac <= 1 else { throw RuntimeError("bad argument 'labels' to 'linear_eval': must be in (0, 1]", at: a.spanOf("labels")) }
    e.labelFraction = Double(frac)
    for p in ["shift", "widen"] where !a.isNone(p) {
        throw RuntimeError("bad argument '\(p)' to 'linear_eval': prior shifts apply to Spirograph datasets only", at: a.spanOf(p))
    }
    let passes = try a.ints("passes") ?? [0]
    guard passes.allSatisfy({ $0 >= 0 && $0 <= 1000 }) else {
        throw RuntimeError("bad argument 'passes' to 'linear_eval': each M must be in 0…1000 (0: untransformed images)", at: a.spanOf("passes"))
    }
    let r = try e.run(passes: passes)
    return .record(Record([
        ("passes", .wrap(Tensor(r.passes.map(Float.init)))),
        ("accuracy", .wrap(Tensor(r.accuracy))),
        ("cross_entropy", .wrap(Tensor(r.crossEntropy))),
    ]))
}
