import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
import GyreData
import GyreTestSupport

/// The regulariser of the paper on a tiny encoder, against the independent float64
/// reference: needs second derivatives through the encoder and the renderer. Run with
/// GyreData's exact (composed) renderer and its first-order fused one, whose dropped
/// ∂²/∂α² terms the penalty's gradient with respect to W never needs.
final class GradientPenaltyVectorTests: XCTestCase {
    func testPenaltyAndItsGradientsMatchReferenceWithExactRenderer() throws {
        try checkPenalty(SpirographRenderer(differentiation: .exact))
    }

    func testPenaltyAndItsGradientsMatchReferenceWithFirstOrderRenderer() throws {
        try checkPenalty(SpirographRenderer(differentiation: .firstOrder))
    }

    func checkPenalty(_ renderer: SpirographRenderer) throws {
        let sp = try ReferenceVectors.section("spirograph")
        let gp = try ReferenceVectors.section("gradient_penalty")
        let gen = try Tensor(ReferenceVectors.floats(sp["generative"]), shape: [3, 4])
        let alpha0 = try Tensor(ReferenceVectors.floats(sp["nuisance"]), shape: [3, 6])
        let signs = try Tensor(ReferenceVectors.floats(gp["signs"]), shape: [3, 8])
        let extra = try Tensor(ReferenceVectors.floats(gp["extra_alpha"]), shape: [5, 3, 6])
        let wValues = (0..<(8 * 3072)).map { Float(0.02 * Foundation.sin(0.37 * Double($0) + 4.0)) }
        let W = Variable.leaf(try Tensor(wValues, shape: [8, 3072]))

        let alpha = Variable.leaf(alpha0)
        let images = try renderer.draw(generative: Variable(gen), nuisance: alpha)
        let rep = try Variable.matmul(images.reshape([3, 3072]), W, transposeB: true).tanh()
        let h = try rep / rep.norm(axes: [1], keepdims: true)
        let p = try (h * Variable(signs)).sum()
        let g = try Autodiff.gradients(of: p, wrt: [alpha], createGraph: true)[0]         // [3, 6]
        let delta = Variable(try extra - alpha0)                                          // [5, 3, 6]
        let penalty = try (delta * g).sum(axes: [2]).square().mean()

        let refPenalty = ReferenceVectors.doubles(gp["penalty"])[0]
        XCTAssertEqual(Double(penalty.value.scalarValue ?? 0), refPenalty, accuracy: 1e-3 * Swift.abs(refPenalty))
        let refG = ReferenceVectors.doubles(gp["grad_alpha"])
        for (i, r) in refG.enumerated() {
            XCTAssertEqual(Double(g.value[flat: i]), r, accuracy: 1e-3 * Swift.max(Swift.abs(r), 1), "grad_alpha[\(i)]")
        }

        let gW = try Autodiff.gradients(of: penalty, wrt: [W])[0].value
        let norm = Double(try gW.norm().scalarValue ?? 0)
        let refNorm = ReferenceVectors.doubles(gp["grad_W_norm"])[0]
        XCTAssertEqual(norm, refNorm, accuracy: 1e-3 * refNorm)
        for (i, r) in ReferenceVectors.doubles(gp["grad_W_first16"]).enumerated() {
            XCTAssertEqual(Double(gW[flat: i]), r, accuracy: 1e-3 * Swift.abs(r), "grad_W[\(i)]")
        }
        // `grad_W_dot_pattern7` is not checked: vectors.json does not define its pattern.
    }
}
