import GyreTensor
import GyreAutodiff
import GyreData

/// Downstream evaluation on a labelled image dataset: a multinomial logistic-regression
/// probe (L-BFGS, L2 1e-5, 500 iterations: the paper's CIFAR protocol) on the frozen
/// representation, optionally feature-averaged.
///
/// Passes M: M = 0 is the paper's standard protocol — untransformed (only normalised)
/// images; M ≥ 1 is feature averaging, h̄(x) = (1/M) Σ_m f(t(x, α_m)) with all the
/// transformations (crop, flip, colour), for the training and the test features alike
/// (a running mean; the paper uses M = 5…100 on CIFAR).
public struct ImageEvaluation {
    public let model: SimCLRModel
    public let data: ImageDataset
    public var augmentation: ImageAugmentation
    /// Examples of each part used (nil: all).
    public var trainCount: Int? = nil
    public var testCount: Int? = nil
    /// Fraction of the training examples whose labels the probe sees.
    public var labelFraction: Double = 1
    public var l2: Float = 1e-5
    public var iterations = 500
    public var seed: UInt64 = 0

    public init(model: SimCLRModel, data: ImageDataset, augmentation: ImageAugmentation = ImageAugmentation()) {
        self.model = model
        self.data = data
        self.augmentation = augmentation
    }

    public struct Result {
        public let passes: [Int]
        /// Test accuracy and mean cross-entropy for each M in `passes`.
        public let accuracy: [Float]
        public let crossEntropy: [Float]
        /// L-BFGS iterations of each fit.
        public let iterations: [Int]
    }

    /// Fits and evaluates the probe for each M in `passes` (0 = untransformed inputs).
    public func run(passes: [Int] = [0], progress: (Int, Int) -> Void = { _, _ in }) throws -> Result {
        let ms = Array(Set(passes)).sorted()
        guard let maxM = ms.last, (ms.first ?? -1) >= 0 else {
            throw LearnError("linear_eval", "passes must be non-negative integers (0: untransformed images)")
        }
        guard data.count(.test) > 0 else {
            throw LearnError("linear_eval", "the image dataset has no test part (image_data(…, test_images:, test_labels:))")
        }
        let nTrain = Swift.min(trainCount ?? data.count(.train), data.count(.train))
        let nTest = Swift.min(testCount ?? data.count(.test), data.count(.test))
        guard nTrain >= 2, nTest >= 1 else { throw LearnError("linear_eval", "needs at least 2 training and 1 test examples") }
        let labelled = Swift.max(2, Int((Double(nTrain) * labelFraction).rounded()))
        let trainIdx = Array(0..<labelled), testIdx = Array(0..<nTest)
        let yTrain = trainIdx.map { data.trainLabels[$0] }, yTest = testIdx.map { data.labels(.test)[$0] }
        var accuracy: [Float] = [], ce: [Float] = [], its: [Int] = []
        func fit(_ fTrain: Tensor, _ fTest: Tensor) throws {
            let probe = try LogisticRegression(features: fTrain, labels: yTrain, classes: data.classes, l2: l2, iterations: iterations)
            let r = try probe.evaluate(features: fTest, labels: yTest)
            accuracy.append(r.accuracy); ce.append(r.crossEntropy); its.append(probe.iterations)
        }
        if ms.first == 0 {
            try fit(try plainFeatures(.train, trainIdx), try plainFeatures(.test, testIdx))
        }
        guard maxM >= 1 else { return Result(passes: ms, accuracy: accuracy, crossEntropy: ce, iterations: its) }
        var rng = RandomStream(seed: seed, counter: 29 << 56)
        var sumTrain: Tensor? = nil, sumTest: Tensor? = nil
        for m in 1...maxM {
            let fTrain = try transformedFeatures(.train, trainIdx, rng: &rng)
            let fTest = try transformedFeatures(.test, testIdx, rng: &rng)
            sumTrain = try sumTrain.map { try $0 + fTrain } ?? fTrain
            sumTest = try sumTest.map { try $0 + fTest } ?? fTest
            progress(m, maxM)
            try Interrupt.check()
            guard ms.contains(m), let st = sumTrain, let se = sumTest else { continue }
            try fit(st * (1 / Float(m)), se * (1 / Float(m)))
        }
        return Result(passes: ms, accuracy: accuracy, crossEntropy: ce, iterations: its)
    }

    /// Representations of the untransformed (normalised) images.
    public func plainFeatures(_ part: ImageDataset.Part, _ indices: [Int]) throws -> Tensor {
        try chunked(indices) { try model.encode(try augmentation.normalize(try data.images(part, indices: $0))) }
    }

    /// Representations of one transformed draw of each example.
    public func transformedFeatures(_ part: ImageDataset.Part, _ indices: [Int], rng: inout RandomStream) throws -> Tensor {
        var out: [Tensor] = []
        var start = 0
        while start < indices.count {
            let idx = Array(indices[start..<Swift.min(indices.count, start + 1024)])
            out.append(try model.encode(try augmentation.transform(try data.images(part, indices: idx), rng: &rng)))
            start += idx.count
        }
        return try Tensor.concat(out, axis: 0)
    }

    /// h̄ of the first `count` examples of `part` averaged over `passes` transformed draws
    /// (passes = 0: the untransformed images).
    public func averagedFeatures(_ part: ImageDataset.Part, count: Int, passes: Int) throws -> Tensor {
        let idx = Array(0..<Swift.min(count, data.count(part)))
        if passes == 0 { return try plainFeatures(part, idx) }
        var rng = RandomStream(seed: seed, counter: 31 << 56)
        var sum: Tensor? = nil
        for _ in 0..<passes {
            let f = try transformedFeatures(part, idx, rng: &rng)
            sum = try sum.map { try $0 + f } ?? f
            try Interrupt.check()
        }
        return (sum ?? Tensor.zeros([0])) * (1 / Float(Swift.max(passes, 1)))
    }

    private func chunked(_ indices: [Int], _ body: ([Int]) throws -> Tensor) throws -> Tensor {
        var out: [Tensor] = []
        var start = 0
        while start < indices.count {
            let end = Swift.min(indices.count, start + 1024)
            out.append(try body(Array(indices[start..<end])))
            start = end
        }
        return try Tensor.concat(out, axis: 0)
    }
}
