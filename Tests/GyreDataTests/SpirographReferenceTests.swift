import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
import GyreData
import GyreTestSupport

/// The renderer against the independent float64 reference (vectors.json), on both the
/// fused no-grad path and the differentiable paths.
final class SpirographReferenceTests: XCTestCase {
    struct Reference {
        let generative: Tensor, nuisance: Tensor
        let images: [Float], imagesImageNormalized: [Float], grad: [Double]
    }

    static func reference() throws -> Reference {
        let sp = try ReferenceVectors.section("spirograph")
        return Reference(generative: try Tensor(ReferenceVectors.floats(sp["generative"]), shape: [3, 4]),
                         nuisance: try Tensor(ReferenceVectors.floats(sp["nuisance"]), shape: [3, 6]),
                         images: ReferenceVectors.floats(sp["images"]),
                         imagesImageNormalized: ReferenceVectors.floats(sp["images_image_normalized"]),
                         grad: ReferenceVectors.doubles(sp["grad_of_weighted_sum_wrt_nuisance"]))
    }

    /// w[i] = sin(0.37 i + 1.0) over the flattened [3, 3, 32, 32] images.
    static let weights = try! Tensor((0..<9216).map { Float(Foundation.sin(0.37 * Double($0) + 1.0)) }, shape: [3, 3, 32, 32])

    func assertClose(_ got: Tensor, _ want: [Float], tol: Float = 1e-5, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, label, file: file, line: line)
        var worst: Float = 0, at = 0
        for i in 0..<min(got.count, want.count) where Swift.abs(got[flat: i] - want[i]) > worst {
            worst = Swift.abs(got[flat: i] - want[i]); at = i
        }
        XCTAssertLessThanOrEqual(worst, tol, "\(label): max error \(worst) at \(at)", file: file, line: line)
    }

    func testFastPathMatchesReferenceImages() throws {
        let ref = try Self.reference()
        let rows = try SpirographRenderer().render(generative: ref.generative, nuisance: ref.nuisance)
        XCTAssertEqual(rows.shape, [3, 3, 32, 32])
        assertClose(rows, ref.images, "row-normalised (fast)")
        let whole = try SpirographRenderer(normalization: .image).render(generative: ref.generative, nuisance: ref.nuisance)
        assertClose(whole, ref.imagesImageNormalized, "image-normalised (fast)")
    }

    func testComposedPathMatchesReferenceImages() throws {
        let ref = try Self.reference()
        for (norm, want) in [(SpiroNormalization.row, ref.images), (.image, ref.imagesImageNormalized)] {
            let r = SpirographRenderer(normalization: norm, differentiation: .exact)
            let x = try r.draw(generative: Variable(ref.generative), nuisance: Variable.leaf(ref.nuisance))
            XCTAssertTrue(x.isTracked)
            assertClose(x.value, want, "\(norm)-normalised (composed)")
        }
    }

    func testGradientWrtNuisanceMatchesReferenceOnBothPaths() throws {
        let ref = try Self.reference()
        for mode in [SpirographRenderer.Differentiation.exact, .firstOrder] {
            let alpha = Variable.leaf(ref.nuisance)
            let x = try SpirographRenderer(differentiation: mode).draw(generative: Variable(ref.generative), nuisance: alpha)
            assertClose(x.value, ref.images, "images (\(mode))")
            let loss = try (x * Variable(Self.weights)).sum()
            let g = try Autodiff.gradients(of: loss, wrt: [alpha])[0].value
            XCTAssertEqual(g.shape, [3, 6])
            for (i, r) in ref.grad.enumerated() {
                XCTAssertEqual(Double(g[flat: i]), r, accuracy: 1e-3 * Swift.max(Swift.abs(r), 1e-2), "grad[\(i)] (\(mode))")
            }
        }
    }
}
