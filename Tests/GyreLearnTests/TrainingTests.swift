import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
import GyreNN
import GyreData
import GyreLearn

final class TrainingTests: XCTestCase {
    func tinyModel(seed: UInt64 = 0) -> SimCLRModel {
        SimCLRModel(encoder: SmallCNN(widths: [8, 16, 16], seed: seed), representationDim: 16, projectionDim: 16, seed: seed)
    }

    func config(epochs: Int = 3, lambda: Float = 0) -> SimCLRConfig {
        var c = SimCLRConfig()
        c.epochs = epochs
        c.batchSize = 16
        c.stepsPerEpoch = 4
        c.optimizer = "adam"
        c.baseLR = 3e-3 * 256 / 16
        c.warmupEpochs = 0
        c.lambdaGP = lambda
        c.gpSamples = 4
        return c
    }

    /// With the nuisance prior collapsed to a point, the two views agree and the task is
    /// learnable in a few steps: the loop must drive the loss down.
    func testShortRunLossFalls() throws {
        var prior = SpiroPrior()
        for f in SpiroSplit.paper.nuisance {
            let mid = (f.defaultBounds.lowerBound + f.defaultBounds.upperBound) / 2
            prior = try prior.withBounds(f, mid...(mid + 1e-3))
        }
        let data = try SpirographDataset(trainSize: 32, testSize: 16, seed: 0, prior: prior)
        var c = config(epochs: 10)
        c.stepsPerEpoch = 2
        c.baseLR = 1e-3 * 256 / 16
        let trainer = try SimCLRTrainer(model: tinyModel(), data: data, config: c)
        XCTAssertEqual(try trainer.run(), .completed)
        let l = trainer.history.losses
        XCTAssertEqual(l.count, 20)
        let first = l.prefix(4).reduce(0, +) / 4, last = l.suffix(4).reduce(0, +) / 4
        XCTAssertLessThan(last, first - 0.1, "losses \(l)")
    }

    func testRegularisedStepRunsAndRecordsPenalty() throws {
        let data = try SpirographDataset(trainSize: 32, testSize: 8, seed: 1)
        var c = config(epochs: 1, lambda: 0.01)
        c.stepsPerEpoch = 2
        let trainer = try SimCLRTrainer(model: tinyModel(), data: data, config: c)
        XCTAssertEqual(try trainer.run(), .completed)
        XCTAssert(trainer.history.penalties.allSatisfy { $0 > 0 && $0.isFinite }, "\(trainer.history.penalties)")
        XCTAssert(trainer.history.losses.allSatisfy(\.isFinite))
    }

    /// Resume from an epoch-boundary checkpoint reproduces the uninterrupted run bit for bit.
    func testResumeReproducesTheUninterruptedRun() throws {
        let data = try SpirographDataset(trainSize: 64, testSize: 8, seed: 2)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gyre-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run.safetensors")

        let full = try SimCLRTrainer(model: tinyModel(), data: data, config: config(epochs: 2, lambda: 0.01))
        _ = try full.run()

        var c1 = config(epochs: 2, lambda: 0.01)
        c1.checkpointEvery = 1
        c1.checkpointPath = path.path
        let first = try SimCLRTrainer(model: tinyModel(), data: data, config: c1)
        // Run only the first epoch, as if the process stopped after its checkpoint.
        Interrupt.requested = false
        var steps = 0
        _ = try first.run { _ in
            steps += 1
            if steps == 4 { Interrupt.requested = true }   // stop at the start of epoch 2
        }
        XCTAssertEqual(first.epoch, 1)
        let resumed = try SimCLRTrainer(model: tinyModel(seed: 99), data: data, config: config(epochs: 2, lambda: 0.01))
        try resumed.resume(from: path)
        XCTAssertEqual(try resumed.run(), .completed)
        // Everything but the wall-clock seconds is identical.
        XCTAssertEqual(resumed.history.steps.map { [$0.loss, $0.contrastive, $0.penalty, $0.learningRate] },
                       full.history.steps.map { [$0.loss, $0.contrastive, $0.penalty, $0.learningRate] })
        for ((n, a), (_, b)) in zip(full.model.root.stateTensors(), resumed.model.root.stateTensors()) {
            XCTAssertEqual(a.array, b.array, "tensor \(n) differs after resume")
        }
    }

    func testCorruptCheckpointLeavesTheModelUnchanged() throws {
        let data = try SpirographDataset(trainSize: 32, testSize: 8, seed: 3)
        let trainer = try SimCLRTrainer(model: tinyModel(), data: data, config: config(epochs: 1))
        let before = trainer.model.root.stateTensors().map(\.tensor.array)
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("gyre-bad-\(UUID().uuidString).safetensors")
        try Data([1, 2, 3]).write(to: bad)
        defer { try? FileManager.default.removeItem(at: bad) }
        XCTAssertThrowsError(try trainer.resume(from: bad))
        XCTAssertEqual(trainer.model.root.stateTensors().map(\.tensor.array), before)
    }

    func testFeatureAveragingWithOnePassEqualsPlainEncoding() throws {
        let data = try SpirographDataset(trainSize: 40, testSize: 20, seed: 4)
        let model = tinyModel()
        var eval = SpirographEvaluation(model: model, data: data)
        eval.seed = 5
        let r = try eval.run(passes: [1, 3])
        XCTAssertEqual(r.passes, [1, 3])
        XCTAssertEqual(r.mean.count, 2)
        // M = 1 by hand with the same draws: the evaluation's stream, train part then test part.
        var rng = RandomStream(seed: 5, counter: 11 << 56)
        let aTrain = data.prior.sampleNuisance(40, split: data.split, rng: &rng)
        let aTest = data.prior.sampleNuisance(20, split: data.split, rng: &rng)
        let fTrain = try model.encode(data.images(.train, indices: Array(0..<40), nuisance: aTrain))
        let fTest = try model.encode(data.images(.test, indices: Array(0..<20), nuisance: aTest))
        let ridge = try RidgeRegression(features: fTrain, targets: data.generative(.train), lambda: 1e-8)
        XCTAssertEqual(try ridge.mse(features: fTest, targets: data.generative(.test)).mean, r.mean[0], accuracy: 1e-6)
    }

    func testDiagnosticsOfAnUntrainedEncoder() throws {
        let data = try SpirographDataset(trainSize: 8, testSize: 12, seed: 6)
        let eval = SpirographEvaluation(model: tinyModel(), data: data)
        let reps = try eval.drawRepresentations(count: 12, draws: 4)
        XCTAssertEqual(reps.shape, [4, 12, 16])
        let d = try InvarianceDiagnostics(representations: reps)
        XCTAssertGreaterThan(d.conditionalVariance, 0)
        let s = try eval.sensitivity(count: 6, probes: 2)
        XCTAssertEqual(s.count, 6)
        XCTAssert(s.allSatisfy { $0.isFinite && $0 >= 0 })
    }

    func testConfigErrors() throws {
        var c = SimCLRConfig()
        c.optimizer = "rmsprop"
        XCTAssertThrowsError(try c.validate()) { XCTAssert("\($0)".contains("rmsprop")) }
        let data = try SpirographDataset(trainSize: 4, testSize: 1, seed: 0)
        XCTAssertThrowsError(try SimCLRTrainer(model: tinyModel(), data: data, config: SimCLRConfig())) {
            XCTAssert("\($0)".contains("fewer than one batch"), "\($0)")
        }
    }
}
