import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
import GyreData
import GyreLearn
import GyreTestSupport

final class ObjectiveTests: XCTestCase {
    func testNTXentMatchesReference() throws {
        let v = try ReferenceVectors.section("nt_xent")
        let z1 = try Tensor(ReferenceVectors.floats(v["z1"]), shape: [4, 5])
        let z2 = try Tensor(ReferenceVectors.floats(v["z2"]), shape: [4, 5])
        let tau = Float(ReferenceVectors.doubles(v["temperature"])[0])
        let loss = try ntXent(Variable(z1), Variable(z2), temperature: tau)
        let ref = ReferenceVectors.doubles(v["loss"])[0]
        XCTAssertEqual(Double(loss.value.scalarValue ?? 0), ref, accuracy: 1e-5 * ref)
    }

    func testNTXentGradientsAgainstFiniteDifferences() throws {
        var rng = RandomStream(seed: 5)
        try GradientChecker().check(order: 2, at: [rng.normal([3, 4]), rng.normal([3, 4])]) { xs in
            try ntXent(xs[0], xs[1], temperature: 0.5)
        }
    }

    func testNTXentRejectsBadShapes() {
        XCTAssertThrowsError(try ntXent(Variable(Tensor.zeros([3, 4])), Variable(Tensor.zeros([2, 4])))) {
            XCTAssert("\($0)".contains("[3, 4]") && "\($0)".contains("[2, 4]"), "\($0)")
        }
    }

    func testGradientPenaltyMatchesReference() throws {
        let sp = try ReferenceVectors.section("spirograph")
        let gp = try ReferenceVectors.section("gradient_penalty")
        let gen = try Tensor(ReferenceVectors.floats(sp["generative"]), shape: [3, 4])
        let alpha0 = try Tensor(ReferenceVectors.floats(sp["nuisance"]), shape: [3, 6])
        let signs = try Tensor(ReferenceVectors.floats(gp["signs"]), shape: [3, 8])
        let extra = try Tensor(ReferenceVectors.floats(gp["extra_alpha"]), shape: [5, 3, 6])
        let W = Variable.leaf(try Tensor((0..<(8 * 3072)).map { Float(0.02 * Foundation.sin(0.37 * Double($0) + 4.0)) }, shape: [8, 3072]))
        let alpha = Variable.leaf(alpha0)
        let images = try SpirographRenderer(differentiation: .exact).draw(generative: Variable(gen), nuisance: alpha)
        let rep = try Variable.matmul(images.reshape([3, 3072]), W, transposeB: true).tanh()
        let penalty = try gradientPenalty(alpha: alpha, representation: rep, signs: signs, extraAlpha: extra,
                                          options: GradientPenaltyOptions(upperLimit: nil))
        let ref = ReferenceVectors.doubles(gp["penalty"])[0]
        XCTAssertEqual(Double(penalty.value.scalarValue ?? 0), ref, accuracy: 1e-3 * ref)
        let gW = try Autodiff.gradients(of: penalty, wrt: [W])[0].value
        XCTAssertEqual(Double(try gW.norm().scalarValue ?? 0), ReferenceVectors.doubles(gp["grad_W_norm"])[0], accuracy: 1e-3 * 5401480.35)
        // Clamped: the value is the limit and the gradient vanishes.
        let clamped = try gradientPenalty(alpha: alpha, representation: rep, signs: signs, extraAlpha: extra,
                                          options: GradientPenaltyOptions(upperLimit: 1000))
        XCTAssertEqual(clamped.value.scalarValue, 1000)
        XCTAssertEqual(try Autodiff.gradients(of: clamped, wrt: [W])[0].value.norm().scalarValue, 0)
    }

    func testPenaltyIsZeroForAnEncoderThatIgnoresItsInput() throws {
        let alpha = Variable.leaf(try Tensor([1.5, 0.3, 0.7, 0.2, 0.8, 0.1], shape: [1, 6]))
        let images = try SpirographRenderer(differentiation: .exact).draw(generative: Variable(try Tensor([3, 0.6, 0.5, 0.7], shape: [1, 4])), nuisance: alpha)
        // rep = constant + 0 · images: depends on α only through a zero weight.
        let rep = try Variable(Tensor.ones([1, 4])) + Variable.matmul(images.reshape([1, 3072]), Variable(Tensor.zeros([3072, 4])))
        var rng = RandomStream(seed: 1)
        let p = try gradientPenalty(alpha: alpha, representation: rep, signs: rademacher([1, 4], rng: &rng),
                                    extraAlpha: rng.uniform([10, 1, 6]))
        XCTAssertEqual(p.value.scalarValue, 0)
    }

    func testRidgeRecoversExactlyLinearTargets() throws {
        var rng = RandomStream(seed: 2)
        let x = rng.normal([200, 6]), wTrue = rng.normal([6, 3]), b = try Tensor([1, -2, 0.5])
        let y = try Tensor.matmul(x, wTrue) + b
        let r = try RidgeRegression(features: x, targets: y, lambda: 1e-8)
        for i in 0..<18 { XCTAssertEqual(r.weights[flat: i], wTrue[flat: i], accuracy: 1e-3) }
        for i in 0..<3 { XCTAssertEqual(r.bias[flat: i], b[flat: i], accuracy: 1e-3) }
        XCTAssertLessThan(try r.mse(features: x, targets: y).mean, 1e-6)
    }

    func testRidgeShrinksWithLargeLambdaAndHandlesDeadFeatures() throws {
        var rng = RandomStream(seed: 3)
        var x = rng.normal([50, 4])
        try x.assign([.all, .index(2)], Tensor(0))  // a dead feature
        let y = try Tensor.matmul(x, Tensor([1, 1, 1, 1], shape: [4, 1]))
        let small = try RidgeRegression(features: x, targets: y, lambda: 1e-8)
        let big = try RidgeRegression(features: x, targets: y, lambda: 1e6)
        XCTAssertLessThan(try big.weights.norm().scalarValue ?? 1, 0.01)
        XCTAssertEqual(small.weights[flat: 0], 1, accuracy: 1e-3)
        XCTAssertThrowsError(try RidgeRegression(features: x, targets: Tensor.zeros([49, 1])))
    }

    func testConditionalVarianceZeroForConstantEncoderAndKnownForNoise() throws {
        let constant = Tensor.ones([10, 5, 3])
        let d = try InvarianceDiagnostics(representations: constant)
        XCTAssertEqual(d.conditionalVariance, 0, accuracy: 1e-7)
        XCTAssertEqual(d.deadFeatures, 3)
        // h = per-input direction + small noise per draw: conditional ≪ total.
        var rng = RandomStream(seed: 4)
        let base = try rng.normal([1, 50, 8]).expanded(to: [20, 50, 8])
        let noisy = try base + rng.normal([20, 50, 8], std: 0.01)
        let e = try InvarianceDiagnostics(representations: noisy, normalize: false)
        // Σ_d Var = 8 · 1e-4 for the noise part.
        XCTAssertEqual(e.conditionalVariance, 8e-4, accuracy: 2e-4)
        XCTAssertLessThan(e.ratio, 0.01)
    }
}
