import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
@testable import GyreNN

final class OptimizerTests: XCTestCase {
    func param(_ v: [Float], role: ParameterRole = .weight) -> NamedParameter {
        ("p", Parameter(NNTest.tensor(v, [v.count]), role: role))
    }

    func testSGDMomentumWeightDecayFormula() throws {
        let p = param([1, -2])
        let sgd = SGD([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        let grads: [[Double]] = [[0.5, 0.1], [-0.2, 0.3], [0.05, -0.4]]
        // d = g + λp;  b ← μb + d (b₀ = 0);  p ← p − ηb
        var w: [Double] = [1, -2], b: [Double] = [0, 0]
        for g in grads {
            try sgd.step([NNTest.tensor(g.map(Float.init), [2])])
            for i in 0..<2 {
                let d = g[i] + 0.01 * w[i]
                b[i] = 0.9 * b[i] + d
                w[i] -= 0.1 * b[i]
            }
        }
        NNTest.assertClose(p.parameter.value, NNTest.tensor(w.map(Float.init), [2]), tol: 1e-6)
        XCTAssertEqual(sgd.stepCount, 3)
        // Plain SGD without momentum: p ← p − η(g + λp).
        let q = param([2])
        try SGD([q], learningRate: 0.5, weightDecay: 0.1).step([NNTest.tensor([1], [1])])
        XCTAssertEqual(q.parameter.value.array[0], 2 - 0.5 * (1 + 0.1 * 2), accuracy: 1e-6)
    }

    func testLARSFormula() throws {
        // ‖p‖ = 5, ‖g‖ = 1, λ = 0.1, τ = 1e-3: a = τ‖p‖ / (‖g‖ + λ‖p‖ + ε) = 0.005 / 1.5.
        let w = param([3, 4]), bias = param([3, 4], role: .bias)
        let lars = LARS([w, ("b", bias.parameter)], learningRate: 2, momentum: 0.9, weightDecay: 0.1,
                        trustCoefficient: 1e-3, excludeBiasAndNorm: true)
        let g = NNTest.tensor([0.6, 0.8], [2])
        try lars.step([g, g])
        let a = 1e-3 * 5 / (1 + 0.1 * 5 + 1e-8)
        // g' = (g + λp)·a; first momentum step b = g'; p ← p − η·b.
        let expected = [3 - 2 * (0.6 + 0.3) * a, 4 - 2 * (0.8 + 0.4) * a]
        NNTest.assertClose(w.parameter.value, NNTest.tensor(expected.map(Float.init), [2]), tol: 1e-6)
        XCTAssertEqual(Double(lars.lastAdaptiveRates["p"]!), a, accuracy: 1e-9)
        // The excluded bias: neither adaptation nor decay, p ← p − η·g.
        NNTest.assertClose(bias.parameter.value, NNTest.tensor([3 - 2 * 0.6, 4 - 2 * 0.8], [2]), tol: 1e-6)
        // Without the exclusion (torchlars, the paper's code) the bias is adapted too.
        let b2 = param([3, 4], role: .bias)
        try LARS([b2], learningRate: 2, weightDecay: 0.1).step([g])
        NNTest.assertClose(b2.parameter.value, NNTest.tensor(expected.map(Float.init), [2]), tol: 1e-6)
        // A zero parameter or gradient makes a = 1 (torchlars hands the step to SGD unchanged).
        let z = param([0, 0])
        try LARS([z], learningRate: 1, momentum: 0, weightDecay: 0).step([g])
        NNTest.assertClose(z.parameter.value, NNTest.tensor([-0.6, -0.8], [2]))
    }

    func testAdamFormula() throws {
        for decoupled in [false, true] {
            let p = param([0.5, -1])
            let adam = Adam([p], learningRate: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1, decoupled: decoupled)
            let grads: [[Double]] = [[0.3, -0.1], [0.2, 0.4], [-0.5, 0.05]]
            var w: [Double] = [0.5, -1], m: [Double] = [0, 0], v: [Double] = [0, 0]
            for (t, g0) in grads.enumerated() {
                try adam.step([NNTest.tensor(g0.map(Float.init), [2])])
                let bc1 = 1 - pow(0.9, Double(t + 1)), bc2 = 1 - pow(0.99, Double(t + 1))
                for i in 0..<2 {
                    var g = g0[i]
                    if decoupled { w[i] *= 1 - 0.01 * 0.1 } else { g += 0.1 * w[i] }
                    m[i] = 0.9 * m[i] + 0.1 * g
                    v[i] = 0.99 * v[i] + 0.01 * g * g
                    w[i] -= 0.01 / bc1 * m[i] / (v[i].squareRoot() / bc2.squareRoot() + 1e-8)
                }
            }
            NNTest.assertClose(p.parameter.value, NNTest.tensor(w.map(Float.init), [2]), tol: 1e-5, "decoupled \(decoupled)")
        }
    }

    /// Exporting after k steps and importing into fresh copies continues bit for bit.
    func testStateExportImportResumesExactly() throws {
        for kind in ["sgd", "lars", "adam"] {
            func make(_ ps: [NamedParameter]) -> Optimizer {
                switch kind {
                case "sgd": return SGD(ps, learningRate: 0.1, momentum: 0.9, weightDecay: 1e-3)
                case "lars": return LARS(ps, learningRate: 0.5, weightDecay: 1e-3)
                default: return Adam(ps, learningRate: 0.01)
                }
            }
            var rng = RandomStream(seed: 3)
            let grads = (0..<5).map { _ in [rng.normal([3, 2]), rng.normal([2])] }
            let start = [rng.normal([3, 2]), rng.normal([2])]
            let a: [NamedParameter] = [("w", Parameter(start[0])), ("b", Parameter(start[1], role: .bias))]
            let optA = make(a)
            for g in grads[0..<3] { try optA.step(g) }
            let saved = optA.exportState(), savedValues = a.map(\.parameter.value)
            for g in grads[3...] { try optA.step(g) }

            let b: [NamedParameter] = [("w", Parameter(savedValues[0])), ("b", Parameter(savedValues[1], role: .bias))]
            let optB = make(b)
            try optB.importState(saved)
            XCTAssertEqual(optB.stepCount, 3)
            for g in grads[3...] { try optB.step(g) }
            for (pa, pb) in zip(a, b) { XCTAssertEqual(pa.parameter.value.array, pb.parameter.value.array, "\(kind) \(pa.name)") }
        }
    }

    func testImportRejectsForeignState() throws {
        let sgd = SGD([param([1, 2])], learningRate: 0.1, momentum: 0.9)
        XCTAssertThrowsError(try sgd.importState(OptimizerState(kind: "adam", step: 1)))
        let wrongShape = OptimizerState(kind: "sgd", step: 1, slots: ["momentum": ["p": Tensor.zeros([3])]])
        XCTAssertThrowsError(try sgd.importState(wrongShape)) { e in
            XCTAssertTrue("\(e)".contains("optimizer.momentum.p"), "\(e)")
        }
        XCTAssertThrowsError(try sgd.importState(OptimizerState(kind: "sgd", step: 2)))   // momentum missing after steps
    }

    func testStepFromLoss() throws {
        var rng = RandomStream(seed: 0)
        let lin = Linear(2, 1, rng: &rng)
        lin.weight.value = NNTest.tensor([1, 1], [1, 2])
        lin.bias!.value = NNTest.tensor([0], [1])
        let opt = SGD(lin.namedParameters(), learningRate: 0.1)
        // loss = Σ (x·w + b) over x = [[1, 2]]: ∂w = [1, 2], ∂b = 1.
        try opt.step(loss: try lin(Variable(NNTest.tensor([1, 2], [1, 2]))).sum())
        NNTest.assertClose(lin.weight.value, NNTest.tensor([0.9, 0.8], [1, 2]))
        NNTest.assertClose(lin.bias!.value, NNTest.tensor([-0.1], [1]))
    }

    func testCosineWarmupScheduleValues() {
        let lr = CosineWarmupSchedule.scaled(base: 1.5, batchSize: 512)
        XCTAssertEqual(lr, 3.0)
        let s = CosineWarmupSchedule(baseLR: lr, total: 50, warmup: 10)
        // lr(t) = min(η(1 + cos(πt/T))/2, η(t + 1)/R)
        XCTAssertEqual(s.learningRate(at: 0.0), 0.3, accuracy: 1e-12)
        XCTAssertEqual(s.learningRate(at: 4.0), 1.5, accuracy: 1e-12)
        XCTAssertEqual(s.learningRate(at: 9.0), 3 * (1 + cos(Double.pi * 9 / 50)) / 2, accuracy: 1e-12)
        XCTAssertEqual(s.learningRate(at: 25.0), 1.5, accuracy: 1e-12)
        XCTAssertEqual(s.learningRate(at: 49.0), 3 * (1 + cos(Double.pi * 49 / 50)) / 2, accuracy: 1e-12)
        XCTAssertEqual(s.learningRate(at: 50.0), 0, accuracy: 1e-12)
        // By step: 480 steps with a 40-step ramp.
        let steps = CosineWarmupSchedule(baseLR: 1.5, total: 480, warmup: 40)
        XCTAssertEqual(steps.learningRate(at: 19) as Float, 0.75, accuracy: 1e-6)
        XCTAssertEqual(steps.learningRate(at: 240) as Float, 0.75, accuracy: 1e-6)
    }
}
