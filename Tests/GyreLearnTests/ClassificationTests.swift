import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
import GyreNN
import GyreData
import GyreLearn

final class ClassificationTests: XCTestCase {
    /// n points per class around well-separated centres in d dimensions.
    func clusters(classes: Int, perClass n: Int, dim d: Int, spread: Float, seed: UInt64) throws -> (Tensor, [Int]) {
        var rng = RandomStream(seed: seed)
        let centres = rng.normal([classes, d]) * 3
        let noise = rng.normal([classes * n, d]) * spread
        var x = noise
        var labels: [Int] = []
        x.withUnsafeMutableBufferPointer { p in
            for i in 0..<(classes * n) {
                let c = i % classes
                labels.append(c)
                for j in 0..<d { p[i * d + j] += centres[flat: c * d + j] }
            }
        }
        return (x, labels)
    }

    // MARK: - Logistic regression

    func testSeparableDataReachesFullTrainingAccuracy() throws {
        let (x, y) = try clusters(classes: 4, perClass: 25, dim: 5, spread: 0.3, seed: 1)
        let probe = try LogisticRegression(features: x, labels: y, l2: 1e-5, iterations: 500)
        XCTAssertEqual(probe.weights.shape, [5, 4])
        XCTAssertEqual(probe.bias.shape, [4])
        let r = try probe.evaluate(features: x, labels: y)
        XCTAssertEqual(r.accuracy, 1)
        XCTAssertLessThan(r.crossEntropy, 0.05)
        XCTAssertEqual(try probe.predict(x), y)
        let p = try probe.probabilities(x)
        XCTAssertEqual(try p.sum(axes: [1]).array.map { Double($0) }.reduce(0, +), 100, accuracy: 1e-3)
    }

    func testGradientMatchesFiniteDifferences() throws {
        let (x, y) = try clusters(classes: 3, perClass: 7, dim: 4, spread: 2, seed: 2)
        let obj = try LogisticRegression.Objective(features: x, labels: y, l2: 0.05)
        var rng = RandomStream(seed: 3)
        let w = rng.normal([4, 3]) * 0.5, b = rng.normal([3]) * 0.5
        let (_, gw, gb) = try obj.evaluate(weights: w, bias: b)
        let eps: Float = 1e-2
        func loss(_ w: Tensor, _ b: Tensor) throws -> Double { try obj.evaluate(weights: w, bias: b).loss }
        for i in 0..<w.count {
            var wp = w, wm = w
            wp.withUnsafeMutableBufferPointer { $0[i] += eps }
            wm.withUnsafeMutableBufferPointer { $0[i] -= eps }
            let fd = (try loss(wp, b) - loss(wm, b)) / Double(2 * eps)
            XCTAssertEqual(Double(gw[flat: i]), fd, accuracy: 2e-3 * Swift.max(1, abs(fd)), "∂L/∂W[\(i)]")
        }
        for i in 0..<b.count {
            var bp = b, bm = b
            bp.withUnsafeMutableBufferPointer { $0[i] += eps }
            bm.withUnsafeMutableBufferPointer { $0[i] -= eps }
            let fd = (try loss(w, bp) - loss(w, bm)) / Double(2 * eps)
            XCTAssertEqual(Double(gb[flat: i]), fd, accuracy: 2e-3 * Swift.max(1, abs(fd)), "∂L/∂b[\(i)]")
        }
    }

    /// Class 1 ~ N(c + 1, 1) and class 0 its mirror image about c: by symmetry the optimum's
    /// boundary is exactly x = c, and the log-odds slope of the generating model is
    /// (μ₁ − μ₀)/σ² = 2, which the MLE approaches.
    func testTwoClassBoundaryMatchesTheKnownOne() throws {
        let c: Float = 0.7, n = 1000
        var rng = RandomStream(seed: 4)
        let z = rng.normal([n])
        var xs: [Float] = [], ys: [Int] = []
        for i in 0..<n {
            xs.append(c + 1 + z[flat: i]); ys.append(1)
            xs.append(c - 1 - z[flat: i]); ys.append(0)
        }
        let probe = try LogisticRegression(features: try Tensor(xs, shape: [2 * n, 1]), labels: ys, l2: 1e-8, iterations: 500)
        let slope = probe.weights[flat: 1] - probe.weights[flat: 0]
        let offset = probe.bias[flat: 1] - probe.bias[flat: 0]
        XCTAssertEqual(-offset / slope, c, accuracy: 2e-3, "decision boundary")
        XCTAssertEqual(slope, 2, accuracy: 0.3, "log-odds slope")
        XCTAssertEqual(try probe.predict(try Tensor([c - 0.01, c + 0.01], shape: [2, 1])), [0, 1])
    }

    func testL2ShrinksTheWeights() throws {
        let (x, y) = try clusters(classes: 3, perClass: 20, dim: 6, spread: 1, seed: 5)
        let loose = try LogisticRegression(features: x, labels: y, l2: 1e-5, iterations: 300)
        let tight = try LogisticRegression(features: x, labels: y, l2: 1e-1, iterations: 300)
        let tighter = try LogisticRegression(features: x, labels: y, l2: 1, iterations: 300)
        let norms = try [loose, tight, tighter].map { try $0.weights.norm().scalarValue ?? 0 }
        XCTAssertGreaterThan(norms[0], norms[1])
        XCTAssertGreaterThan(norms[1], norms[2])
        // At the optimum the gradient vanishes: ∇ of the fitted objective is ~0.
        let obj = try LogisticRegression.Objective(features: x, labels: y, l2: 1e-1)
        let g = try obj.evaluate(weights: tight.weights, bias: tight.bias)
        XCTAssertLessThan(try g.gradWeights.norm().scalarValue ?? 1, 1e-3)
    }

    // MARK: - kNN

    func testKNNOnClusteredData() throws {
        let (x, y) = try clusters(classes: 5, perClass: 30, dim: 8, spread: 0.2, seed: 6)
        let (xt, yt) = try clusters(classes: 5, perClass: 6, dim: 8, spread: 0.2, seed: 6)   // same centres
        let knn = try KNNClassifier(features: x, labels: y, k: 20)
        XCTAssertEqual(try knn.accuracy(features: xt, labels: yt), 1)
        XCTAssertEqual(try knn.predict(xt, chunk: 7), yt)
        // k larger than the training set uses all of it.
        XCTAssertEqual(try KNNClassifier(features: x, labels: y, k: 10_000).k, 150)
    }

    func testKNNTiesAreBrokenBySummedSimilarity() throws {
        let train = try Tensor([1, 0, 0, 1], shape: [2, 2])
        let knn = try KNNClassifier(features: train, labels: [0, 1], k: 2)
        XCTAssertEqual(try knn.predict(try Tensor([0.9, 0.2, 0.1, 0.8], shape: [2, 2])), [0, 1])
        // Majority beats similarity: two weaker class-1 neighbours outvote one strong class-0.
        let t3 = try Tensor([1, 0, 0.6, 0.8, 0.6, 0.8], shape: [3, 2])
        XCTAssertEqual(try KNNClassifier(features: t3, labels: [0, 1, 1], k: 3).predict(try Tensor([1, 0.1], shape: [1, 2])), [1])
    }

    // MARK: - Errors

    func testErrors() throws {
        let x = try Tensor([1, 2, 3, 4, 5, 6], shape: [3, 2])
        XCTAssertThrowsError(try LogisticRegression(features: x, labels: [0, 1, 2], classes: 2)) {
            XCTAssert("\($0)".contains("label 2 at row 2 is out of range"), "\($0)")
        }
        XCTAssertThrowsError(try LogisticRegression(features: x, labels: [0, -1, 1])) { XCTAssert("\($0)".contains("out of range"), "\($0)") }
        XCTAssertThrowsError(try LogisticRegression(features: x, labels: [0, 1])) { XCTAssert("\($0)".contains("3 rows but there are 2 labels"), "\($0)") }
        XCTAssertThrowsError(try LogisticRegression(features: Tensor.zeros([0, 2]), labels: [])) { XCTAssert("\($0)".contains("no training data"), "\($0)") }
        XCTAssertThrowsError(try LogisticRegression(features: Tensor([1, 2, 3]), labels: [0, 1, 0])) { XCTAssert("\($0)".contains("[n, d]"), "\($0)") }
        XCTAssertThrowsError(try LogisticRegression(features: x, labels: [0, 1, 0], l2: -1)) { XCTAssert("\($0)".contains("non-negative"), "\($0)") }
        XCTAssertThrowsError(try LogisticRegression(features: x, labels: [0, 0, 0])) { XCTAssert("\($0)".contains("at least 2 classes"), "\($0)") }
        var bad = x
        bad.withUnsafeMutableBufferPointer { $0[1] = .nan }
        XCTAssertThrowsError(try LogisticRegression(features: bad, labels: [0, 1, 0])) { XCTAssert("\($0)".contains("NaN"), "\($0)") }
        let probe = try LogisticRegression(features: x, labels: [0, 1, 0], iterations: 5)
        XCTAssertThrowsError(try probe.predict(Tensor.zeros([2, 3]))) { XCTAssert("\($0)".contains("[m, 2]"), "\($0)") }
        XCTAssertThrowsError(try probe.evaluate(features: x, labels: [0, 1])) { XCTAssert("\($0)".contains("3 feature rows but 2 labels"), "\($0)") }
        XCTAssertThrowsError(try probe.evaluate(features: x, labels: [0, 1, 5])) { XCTAssert("\($0)".contains("out of range"), "\($0)") }

        XCTAssertThrowsError(try KNNClassifier(features: x, labels: [0, 1, 0], k: 0)) { XCTAssert("\($0)".contains("k must be at least 1"), "\($0)") }
        XCTAssertThrowsError(try KNNClassifier(features: x, labels: [0, 1])) { XCTAssert("\($0)".contains("labels"), "\($0)") }
        XCTAssertThrowsError(try KNNClassifier(features: Tensor.zeros([0, 2]), labels: [])) { XCTAssert("\($0)".contains("no training data"), "\($0)") }
        XCTAssertThrowsError(try KNNClassifier(features: x, labels: [0, -1, 0])) { XCTAssert("\($0)".contains("out of range"), "\($0)") }
        let knn = try KNNClassifier(features: x, labels: [0, 1, 0], k: 1)
        XCTAssertThrowsError(try knn.predict(Tensor.zeros([1, 3]))) { XCTAssert("\($0)".contains("[m, 2]"), "\($0)") }
        XCTAssertThrowsError(try knn.accuracy(features: Tensor.zeros([0, 2]), labels: [])) { XCTAssert("\($0)".contains("no test rows"), "\($0)") }

        XCTAssertThrowsError(try ImageDataset(train: Tensor.zeros([2, 1, 4, 4]), labels: [0, 1])) { XCTAssert("\($0)".contains("[N, 3, H, W]"), "\($0)") }
        XCTAssertThrowsError(try ImageDataset(train: Tensor.zeros([2, 3, 4, 4]), labels: [0])) { XCTAssert("\($0)".contains("2 training images but 1 labels"), "\($0)") }
        XCTAssertThrowsError(try ImageDataset(train: Tensor.zeros([2, 3, 4, 4]), labels: [0, 1], test: Tensor.zeros([1, 3, 4, 4]))) {
            XCTAssert("\($0)".contains("together"), "\($0)")
        }
    }

    // MARK: - Image SimCLR

    /// 64 structured 32×32 images: class c is a coloured stripe pattern at orientation c
    /// on a noisy background.
    func syntheticImages(_ n: Int, seed: UInt64) throws -> ImageDataset {
        var rng = RandomStream(seed: seed)
        var x = rng.uniform([n, 3, 32, 32]) * 0.2
        let labels = (0..<n).map { $0 % 4 }
        x.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                let c = labels[i]
                for ch in 0..<3 { for r in 0..<32 { for col in 0..<32 {
                    let stripe = [r, col, r + col, r - col + 32][c] / 4 % 2 == 0
                    if stripe { p[((i * 3 + ch) * 32 + r) * 32 + col] += ch == c % 3 ? 0.7 : 0.3 }
                } } }
            }
        }
        let t = Swift.min(n, 16)
        let test = try x.indexSelect(axis: 0, indices: Array(0..<t))
        return try ImageDataset(train: x, labels: labels, test: test, testLabels: Array(labels.prefix(t)))
    }

    func tinyModel(seed: UInt64 = 0) -> SimCLRModel {
        SimCLRModel(encoder: SmallCNN(widths: [4, 8, 8], seed: seed), representationDim: 8, projectionDim: 8, seed: seed)
    }

    func imageConfig(epochs: Int) -> SimCLRConfig {
        var c = SimCLRConfig.imageDefaults          // λ = 0.1, limit 1
        c.epochs = epochs
        c.batchSize = 16
        c.stepsPerEpoch = 2
        c.optimizer = "adam"
        c.baseLR = 3e-3 * 256 / 16
        c.warmupEpochs = 0
        c.gpSamples = 4
        c.seed = 3
        return c
    }

    func testImageSimCLRRunsAndResumesBitForBit() throws {
        let data = try syntheticImages(64, seed: 7)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gyre-img-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run.safetensors")

        let full = try SimCLRTrainer(model: tinyModel(), images: data, config: imageConfig(epochs: 2))
        XCTAssertEqual(try full.run(), .completed)
        XCTAssertEqual(full.history.steps.count, 4)
        XCTAssert(full.history.losses.allSatisfy(\.isFinite), "\(full.history.losses)")
        XCTAssert(full.history.penalties.allSatisfy { $0 >= 0 && $0 <= 1 && $0.isFinite }, "\(full.history.penalties)")
        XCTAssert(full.history.penalties.contains { $0 > 0 }, "\(full.history.penalties)")
        XCTAssertNil(full.data)
        XCTAssertEqual(full.source.kind, "images")

        var c1 = imageConfig(epochs: 2)
        c1.checkpointEvery = 1
        c1.checkpointPath = path.path
        let first = try SimCLRTrainer(model: tinyModel(), images: data, config: c1)
        Interrupt.requested = false
        var steps = 0
        XCTAssertEqual(try first.run { _ in
            steps += 1
            if steps == 2 { Interrupt.requested = true }    // stop at the start of epoch 2
        }, .interrupted(epoch: 1, step: 0))
        let resumed = try SimCLRTrainer(model: tinyModel(seed: 99), images: data, config: imageConfig(epochs: 2))
        try resumed.resume(from: path)
        XCTAssertEqual(try resumed.run(), .completed)
        XCTAssertEqual(resumed.history.steps.map { [$0.loss, $0.contrastive, $0.penalty, $0.learningRate] },
                       full.history.steps.map { [$0.loss, $0.contrastive, $0.penalty, $0.learningRate] })
        for ((n, a), (_, b)) in zip(full.model.root.stateTensors(), resumed.model.root.stateTensors()) {
            XCTAssertEqual(a.array, b.array, "tensor \(n) differs after resume")
        }
    }

    /// The views' α is the colour-jitter factors, and view 1 depends on it differentiably.
    func testImageViewsAreDifferentiableInTheColourFactors() throws {
        let data = try syntheticImages(8, seed: 8)
        let source = try ImageViews(data: data, seed: 1)
        var rng = RandomStream(seed: 2)
        let v = try source.views(indices: [0, 1, 2, 3], differentiable: true, rng: &rng)
        XCTAssertEqual(v.alpha.shape, [4, 4])
        XCTAssertEqual(v.view1.shape, [4, 3, 32, 32])
        let g = try Autodiff.gradients(of: v.view1.sum(), wrt: [v.alpha])[0].value
        XCTAssert(g.array.contains { $0 != 0 })
        let extra = try source.extraAlpha(samples: 5, batch: 4, rng: &rng)
        XCTAssertEqual(extra.shape, [5, 4, 4])
        XCTAssert(extra.array.enumerated().allSatisfy { i, a in i % 4 == 3 ? abs(a) <= 0.1 : (a >= 0.6 && a <= 1.4) })
        // Batches: a permutation per epoch, full batches only, reproducible.
        let b0 = try source.batches(batchSize: 3, epoch: 0)
        XCTAssertEqual(b0.count, 2)
        XCTAssertEqual(b0, try source.batches(batchSize: 3, epoch: 0))
        XCTAssertNotEqual(b0, try source.batches(batchSize: 3, epoch: 1))
    }

    func testImageLinearEvaluation() throws {
        let data = try syntheticImages(64, seed: 9)
        var e = ImageEvaluation(model: tinyModel(), data: data)
        e.iterations = 50
        let r = try e.run(passes: [0, 2])
        XCTAssertEqual(r.passes, [0, 2])
        XCTAssertEqual(r.accuracy.count, 2)
        XCTAssert(r.accuracy.allSatisfy { $0 >= 0 && $0 <= 1 })
        XCTAssert(r.crossEntropy.allSatisfy(\.isFinite))
        // M = 0 is the plain encoding of the normalised images.
        let plain = try e.averagedFeatures(.test, count: 16, passes: 0)
        let byHand = try tinyModel().encode(try ImageAugmentation().normalize(data.testImages!))
        XCTAssertEqual(plain.array, byHand.array)
        XCTAssertThrowsError(try e.run(passes: [-1]))
    }
}
