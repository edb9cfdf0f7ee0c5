import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
import GyreTestSupport

/// The regulariser of the paper on a tiny encoder, against the independent float64
/// reference: needs second derivatives through the encoder and the renderer.
final class GradientPenaltyVectorTests: XCTestCase {
    /// The Spirograph renderer of METHOD.md, written directly in Variable ops
    /// (separable splats: v = Ex · Eyᵀ / 40), with the published per-row normalisation.
    static func draw(generative g: Tensor, nuisance alpha: Variable) throws -> Variable {
        let b = g.shape[0]
        let col = { (t: Tensor, j: Int) throws -> Tensor in try t[[.all, .slice(start: j, stop: j + 1, step: 1)]] }
        let m = Variable(try col(g, 0)), bb = Variable(try col(g, 1)), sigma = try Variable(try col(g, 2)).reshape([b, 1, 1])
        let rfore = Variable(try col(g, 3))
        let h = try alpha.index([.all, .slice(start: 0, stop: 1, step: 1)])
        let amb = try m - h                                  // a − b = m − h
        let t = Variable(try Tensor.linspace(0, 2 * Float.pi, count: 40).reshaped([1, 40]))
        let inner = try amb * t / bb
        let x = try amb * t.cos() + h * inner.cos()          // [B, 40]
        let y = try amb * t.sin() - h * inner.sin()
        let grid = Variable(try Tensor.linspace(-6, 6, count: 32).reshaped([1, 32, 1]))
        let ex = try ((grid - x.reshape([b, 1, 40])).square() / sigma).neg().exp()   // [B, 32, 40]
        let ey = try ((grid - y.reshape([b, 1, 40])).square() / sigma).neg().exp()
        let v = try Variable.matmul(ex, ey, transposeB: true).scaled(1 / 40)        // [B, 32(x), 32(y)]
        let vn = try v / (v.max(axes: [2], keepdims: true) + 1e-8)
        let fore = try Variable.concat([rfore, alpha.index([.all, .slice(start: 2, stop: 3, step: 1)]),
                                        alpha.index([.all, .slice(start: 4, stop: 5, step: 1)])], axis: 1).reshape([b, 3, 1, 1])
        let back = try Variable.concat([alpha.index([.all, .slice(start: 1, stop: 2, step: 1)]),
                                        alpha.index([.all, .slice(start: 3, stop: 4, step: 1)]),
                                        alpha.index([.all, .slice(start: 5, stop: 6, step: 1)])], axis: 1).reshape([b, 3, 1, 1])
        let v4 = try vn.reshape([b, 1, 32, 32])
        return try v4 * fore + (1 - v4) * back
    }

    func testPenaltyAndItsGradientsMatchReference() throws {
        let sp = try ReferenceVectors.section("spirograph")
        let gp = try ReferenceVectors.section("gradient_penalty")
        let gen = try Tensor(ReferenceVectors.floats(sp["generative"]), shape: [3, 4])
        let alpha0 = try Tensor(ReferenceVectors.floats(sp["nuisance"]), shape: [3, 6])
        let signs = try Tensor(ReferenceVectors.floats(gp["signs"]), shape: [3, 8])
        let extra = try Tensor(ReferenceVectors.floats(gp["extra_alpha"]), shape: [5, 3, 6])
        let wValues = (0..<(8 * 3072)).map { Float(0.02 * Foundation.sin(0.37 * Double($0) + 4.0)) }
        let W = Variable.leaf(try Tensor(wValues, shape: [8, 3072]))

        let alpha = Variable.leaf(alpha0)
        let images = try Self.draw(generative: gen, nuisance: alpha)
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
