import GyreTensor

/// k-nearest-neighbour classification with cosine similarity: the second downstream probe
/// for classification datasets. Rows are L2-normalised once; each test chunk costs one
/// sgemm against the whole training set. The prediction is the majority class of the k
/// most similar training rows, ties broken by the larger summed similarity (then by the
/// smaller class index).
///
///     let knn = try KNNClassifier(features: fTrain, labels: yTrain, k: 20)
///     let acc = try knn.accuracy(features: fTest, labels: yTest)
public struct KNNClassifier: Sendable {
    public let k: Int
    public let classes: Int
    /// The training rows divided by their norms [n, d].
    let train: Tensor
    let labels: [Int]

    /// `k` larger than the number of training rows uses them all.
    public init(features x: Tensor, labels: [Int], k: Int = 20, classes: Int? = nil) throws {
        guard x.rank == 2 else { throw LearnError("knn", "features must be [n, d], got \(Shape.describe(x.shape))") }
        guard labels.count == x.shape[0] else {
            throw LearnError("knn", "features \(Shape.describe(x.shape)) have \(x.shape[0]) rows but there are \(labels.count) labels")
        }
        guard x.shape[0] > 0, x.shape[1] > 0 else { throw LearnError("knn", "no training data (features \(Shape.describe(x.shape)))") }
        guard k >= 1 else { throw LearnError("knn", "k must be at least 1, got \(k)") }
        let c = classes ?? ((labels.max() ?? 0) + 1)
        try checkLabels(labels, classes: c, op: "knn")
        train = try Self.normalizeRows(x)
        self.labels = labels
        self.k = Swift.min(k, x.shape[0])
        self.classes = c
    }

    static func normalizeRows(_ x: Tensor) throws -> Tensor {
        try x / x.norm(axes: [1], keepdims: true).map { Swift.max($0, 1e-12) }
    }

    /// The predicted class of each row of features [m, d].
    public func predict(_ x: Tensor, chunk: Int = 512) throws -> [Int] {
        guard x.rank == 2, x.shape[1] == train.shape[1] else {
            throw LearnError("knn", "test features must be [m, \(train.shape[1])], got \(Shape.describe(x.shape))")
        }
        let m = x.shape[0], n = train.shape[0]
        let q = try Self.normalizeRows(x)
        var out: [Int] = []
        out.reserveCapacity(m)
        var start = 0
        while start < m {
            let end = Swift.min(m, start + Swift.max(chunk, 1))
            let sims = try Tensor.matmul(q[[.slice(start: start, stop: end, step: 1)]], train, transposeB: true)   // [c, n]
            sims.withUnsafeBufferPointer { p in
                var bestSim = [Float](repeating: 0, count: k), bestIdx = [Int](repeating: 0, count: k)
                var votes = [Int](repeating: 0, count: classes), mass = [Float](repeating: 0, count: classes)
                for r in 0..<(end - start) {
                    // The k largest similarities, kept sorted in descending order.
                    var filled = 0
                    for j in 0..<n {
                        let s = p[r * n + j]
                        if filled == k && !(s > bestSim[k - 1]) { continue }
                        var pos = filled < k ? filled : k - 1
                        while pos > 0 && bestSim[pos - 1] < s {
                            bestSim[pos] = bestSim[pos - 1]; bestIdx[pos] = bestIdx[pos - 1]; pos -= 1
                        }
                        bestSim[pos] = s; bestIdx[pos] = j
                        if filled < k { filled += 1 }
                    }
                    for c in 0..<classes { votes[c] = 0; mass[c] = 0 }
                    for t in 0..<filled { let y = labels[bestIdx[t]]; votes[y] += 1; mass[y] += bestSim[t] }
                    var best = 0
                    for c in 1..<Swift.max(classes, 1) where votes[c] > votes[best] || (votes[c] == votes[best] && mass[c] > mass[best]) {
                        best = c
                    }
                    out.append(best)
                }
            }
            start = end
            try Interrupt.check()
        }
        return out
    }

    /// Fraction of rows whose predicted class equals the label.
    public func accuracy(features x: Tensor, labels y: [Int]) throws -> Float {
        guard y.count == x.shape.first ?? -1 else {
            throw LearnError("knn", "test features \(Shape.describe(x.shape)) and \(y.count) labels differ in length")
        }
        guard !y.isEmpty else { throw LearnError("knn", "no test rows") }
        try checkLabels(y, classes: Swift.max(classes, (y.max() ?? 0) + 1), op: "knn")
        let p = try predict(x)
        return Float(zip(p, y).filter { $0 == $1 }.count) / Float(y.count)
    }
}
