import XCTest
import GyreTensor
import GyreAutodiff
import GyreData
import GyreTestSupport

final class ColorDistortionTests: XCTestCase {
    /// Random images in (0.05, 0.95) so no clamp is active at the identity.
    func images(_ n: Int = 3, seed: UInt64 = 1) -> Tensor {
        var rng = RandomStream(seed: seed)
        return rng.uniform([n, 3, 8, 8], low: 0.05, high: 0.95)
    }

    func assertClose(_ a: Tensor, _ b: Tensor, _ tol: Float, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.shape, b.shape, file: file, line: line)
        for i in 0..<Swift.min(a.count, b.count) where Swift.abs(a[flat: i] - b[flat: i]) > tol {
            XCTFail("element \(i): \(a[flat: i]) vs \(b[flat: i])", file: file, line: line); return
        }
    }

    func testUnitFactorsAndZeroHueAreTheIdentity() throws {
        let x = images()
        let identity = try Tensor([Float](repeating: 0, count: 12).enumerated().map { $0.offset % 4 == 3 ? 0 : 1 }, shape: [3, 4])
        let y = try ColorDistortion.jitter(Variable(x), factors: Variable(identity)).value
        assertClose(y, x, 2e-6)
        // A full turn of hue is also the identity.
        var turn = identity
        for i in 0..<3 { try turn.assign([.index(i), .index(3)], Tensor(1)) }
        assertClose(try ColorDistortion.jitter(Variable(x), factors: Variable(turn)).value, x, 1e-5)
    }

    func testGreyscaleHasEqualChannelsAndKeepsLuma() throws {
        let x = images()
        let g = try ColorDistortion.grayscale(Variable(x)).value
        XCTAssertEqual(g.shape, x.shape)
        for n in 0..<3 { for p in 0..<64 {
            let r = g[flat: n * 192 + p], gg = g[flat: n * 192 + 64 + p], b = g[flat: n * 192 + 128 + p]
            XCTAssertEqual(r, gg); XCTAssertEqual(r, b)
            XCTAssertEqual(r, 0.2989 * x[flat: n * 192 + p] + 0.587 * x[flat: n * 192 + 64 + p] + 0.114 * x[flat: n * 192 + 128 + p], accuracy: 1e-6)
        } }
        // Saturation 0 makes the image grey; hue leaves grey images alone.
        let f = try Tensor([1, 1, 0, 0.3, 1, 1, 0, -0.2, 1, 1, 0, 0.1], shape: [3, 4])
        let y = try ColorDistortion.jitter(Variable(x), factors: Variable(f)).value
        assertClose(y, g, 2e-5)
    }

    func testBrightnessClampsAndContrastKeepsTheMean() throws {
        let x = images()
        let bright = try ColorDistortion.jitter(Variable(x), factors: Variable(try Tensor([3, 1, 1, 0, 3, 1, 1, 0, 3, 1, 1, 0], shape: [3, 4]))).value
        XCTAssertLessThanOrEqual(try bright.max().scalarValue ?? 2, 1)
        XCTAssertEqual(try bright.max().scalarValue ?? 0, 1, accuracy: 1e-6)
        // Contrast 0 gives the mean grey level everywhere.
        let flat = try ColorDistortion.jitter(Variable(x), factors: Variable(try Tensor([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], shape: [3, 4]))).value
        let mean = try ColorDistortion.grey(Variable(x)).value.mean(axes: [1, 2, 3])
        for n in 0..<3 { for p in 0..<192 { XCTAssertEqual(flat[flat: n * 192 + p], mean[flat: n], accuracy: 1e-5) } }
    }

    func testGradientWrtColourParametersMatchesFiniteDifferences() throws {
        let x = images(2, seed: 4)
        var rng = RandomStream(seed: 6)
        let d = ColorDistortion(strength: 0.5).sample(2, rng: &rng)
        try GradientChecker(eps: 1e-3, rtol: 3e-2, atol: 2e-3, seed: 3).check(order: 2, at: [d.factors]) { xs in
            try ColorDistortion.jitter(Variable(x), factors: xs[0])
        }
    }

    func testSampleRangesAndProbabilities() throws {
        var rng = RandomStream(seed: 8)
        let cd = ColorDistortion(strength: 0.5)
        XCTAssertEqual(cd.ranges[0], 0.6...1.4)
        XCTAssertEqual(cd.ranges[3].lowerBound, -0.1, accuracy: 1e-7)
        let d = cd.sample(20_000, rng: &rng)
        for k in 0..<4 {
            let col = (0..<20_000).map { d.factors[flat: $0 * 4 + k] }
            XCTAssertGreaterThanOrEqual(col.min() ?? -9, cd.ranges[k].lowerBound)
            XCTAssertLessThanOrEqual(col.max() ?? 9, cd.ranges[k].upperBound)
        }
        XCTAssertEqual(try d.applied.mean().scalarValue ?? 0, 0.8, accuracy: 0.01)
        XCTAssertEqual(try d.grayscale.mean().scalarValue ?? 0, 0.2, accuracy: 0.01)
    }

    func testMasksSelectWhatIsAppliedAndGradientsVanishElsewhere() throws {
        let x = images(4, seed: 2)
        let draw = ColorDistortion.Draw(factors: try Tensor([1.3, 0.7, 1.2, 0.05, 0.8, 1.1, 0.9, -0.05, 1.2, 1.2, 1.2, 0.1, 0.9, 0.9, 0.9, 0],
                                                            shape: [4, 4]),
                                        applied: Tensor([1, 0, 1, 0]), grayscale: Tensor([0, 0, 1, 1]))
        let alpha = Variable.leaf(draw.factors)
        let y = try ColorDistortion().apply(Variable(x), draw: draw, factors: alpha)
        let img = { (t: Tensor, n: Int) throws -> Tensor in try t[[.index(n)]] }
        XCTAssertTrue(try img(y.value, 1).isEqual(to: try img(x, 1)))                           // untouched
        let grey3 = try img(y.value, 3)                                                         // greyscale only
        let red: Tensor = try grey3[[.index(0)]], blue: Tensor = try grey3[[.index(2)]]
        XCTAssertTrue(red.isEqual(to: blue))
        let g = try Autodiff.gradients(of: y.sum(), wrt: [alpha])[0].value
        for k in 0..<4 { XCTAssertEqual(g[flat: 4 + k], 0); XCTAssertEqual(g[flat: 12 + k], 0) }
        XCTAssertNotEqual(g[flat: 0], 0)
        XCTAssertThrowsError(try ColorDistortion().apply(Variable(images(3)), draw: draw, factors: alpha))
        XCTAssertThrowsError(try ColorDistortion.jitter(Variable(Tensor.zeros([2, 1, 4, 4])), factors: Variable(Tensor.ones([2, 4])))) { e in
            XCTAssertEqual("\(e)", "color_jitter: images must be [B, 3, H, W], got [2, 1, 4, 4]")
        }
    }

    func testNoGradConvenienceIsSeeded() throws {
        let x = images(5)
        var r1 = RandomStream(seed: 3), r2 = RandomStream(seed: 3)
        let a = try ColorDistortion()(x, rng: &r1), b = try ColorDistortion()(x, rng: &r2)
        XCTAssertTrue(a.isEqual(to: b))
        XCTAssertEqual(a.shape, x.shape)
    }
}
