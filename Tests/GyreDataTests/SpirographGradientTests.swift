import XCTest
import GyreTensor
import GyreAutodiff
import GyreData
import GyreTestSupport

/// Renderer derivatives against finite differences (first and second order on the exact
/// path, first order on the fused one), and the two paths against each other.
final class SpirographGradientTests: XCTestCase {
    /// Two samples away from ties in the row maxima (seeded draws from the prior).
    func sample() -> (generative: Tensor, nuisance: Tensor) {
        var rng = RandomStream(seed: 11)
        let prior = SpiroPrior()
        return (prior.sampleGenerative(2, rng: &rng), prior.sampleNuisance(2, rng: &rng))
    }

    /// Well-conditioned samples for finite differences: broad splats (σ near 1) and curves
    /// that reach within ~2.5 of every row, so no row maximum is near the 1e-8 guard (where
    /// per-row normalisation is smooth but so curved that Float differences lose it).
    func conditioned() throws -> (generative: Tensor, nuisance: Tensor) {
        (try Tensor([4.0, 0.6, 0.9, 0.7, 3.5, 0.9, 0.8, 0.5], shape: [2, 4]),
         try Tensor([1.5, 0.3, 0.7, 0.2, 0.8, 0.1, 2.0, 0.05, 0.95, 0.55, 0.5, 0.3], shape: [2, 6]))
    }

    /// Finite differences in Float need a smooth scalar: a fixed weighting of the images.
    let checker = GradientChecker(eps: 1e-3, rtol: 3e-2, atol: 3e-3, seed: 5)
    /// Per-row maxima switch columns as the curve moves (64 kinks per batch): a step small
    /// enough not to straddle one, and second order is left to the image-normalised check
    /// and to the fused/exact agreement tests.
    let rowChecker = GradientChecker(eps: 5e-4, rtol: 3e-2, atol: 3e-3, seed: 5)

    func testExactPathWrtNuisanceFirstAndSecondOrder() throws {
        let (g, a) = try conditioned()
        let whole = SpirographRenderer(normalization: .image, differentiation: .exact)
        try checker.check(order: 2, at: [a]) { xs in try whole.draw(generative: Variable(g), nuisance: xs[0]) }
        let rows = SpirographRenderer(normalization: .row, differentiation: .exact)
        try rowChecker.check(order: 1, at: [a]) { xs in try rows.draw(generative: Variable(g), nuisance: xs[0]) }
    }

    func testExactPathWrtGenerativeFirstAndSecondOrder() throws {
        let (g, a) = try conditioned()
        let whole = SpirographRenderer(normalization: .image, differentiation: .exact)
        try checker.check(order: 2, at: [g]) { xs in try whole.draw(generative: xs[0], nuisance: Variable(a)) }
        let rows = SpirographRenderer(normalization: .row, differentiation: .exact)
        try rowChecker.check(order: 1, at: [g]) { xs in try rows.draw(generative: xs[0], nuisance: Variable(a)) }
    }

    func testFusedPathWrtBothFirstOrder() throws {
        let (g, a) = try conditioned()
        for norm in SpiroNormalization.allCases {
            let r = SpirographRenderer(normalization: norm, differentiation: .firstOrder)
            try (norm == .row ? rowChecker : checker).check(order: 1, at: [g, a]) { xs in try r.draw(generative: xs[0], nuisance: xs[1]) }
        }
    }

    func testFusedAndExactGradientsAgreeForAllTenFactors() throws {
        let (g, a) = sample()
        let f = try SpiroSplit.paper.combine(generative: g, nuisance: a)
        var rng = RandomStream(seed: 2)
        let w = Variable(rng.normal([2, 3, 32, 32]))
        var grads: [Tensor] = []
        for mode in [SpirographRenderer.Differentiation.exact, .firstOrder] {
            let x = Variable.leaf(f)
            let y = try SpirographRenderer(differentiation: mode).draw(factors: x)
            grads.append(try Autodiff.gradients(of: (y * w).sum(), wrt: [x])[0].value)
        }
        for i in 0..<grads[0].count {
            XCTAssertEqual(grads[0][flat: i], grads[1][flat: i], accuracy: 1e-3 * Swift.max(1, Swift.abs(grads[0][flat: i])), "factor \(i % 10) of sample \(i / 10)")
        }
    }

    /// The regulariser's need: mixed derivatives d/dW ⟨∂P/∂α, v⟩ agree between the paths.
    func testFusedPathKeepsMixedSecondDerivatives() throws {
        let (g, a) = sample()
        var rng = RandomStream(seed: 3)
        let w0 = rng.normal([4, 3072]).map { $0 * 0.02 }
        let v = Variable(rng.normal([2, 6]))
        var results: [Tensor] = []
        for mode in [SpirographRenderer.Differentiation.exact, .firstOrder] {
            let W = Variable.leaf(w0)
            let alpha = Variable.leaf(a)
            let x = try SpirographRenderer(differentiation: mode).draw(generative: Variable(g), nuisance: alpha)
            let p = try Variable.matmul(x.reshape([2, 3072]), W, transposeB: true).tanh().sum()
            let ga = try Autodiff.gradients(of: p, wrt: [alpha], createGraph: true)[0]
            results.append(try Autodiff.gradients(of: (ga * v).sum(), wrt: [W])[0].value)
        }
        let scale = try results[0].abs().max().scalarValue ?? 1
        for i in 0..<results[0].count {
            XCTAssertEqual(results[0][flat: i], results[1][flat: i], accuracy: 1e-3 * scale)
        }
    }

    /// The fused kernel (SIMD exp, rotation recurrence) against the composed graph (libm)
    /// on 64 draws from the prior, for both normalisations.
    func testFastPathAgreesWithComposedPathOnPriorDraws() throws {
        var rng = RandomStream(seed: 21)
        let f = SpiroPrior().sample(64, rng: &rng)
        for norm in SpiroNormalization.allCases {
            let r = SpirographRenderer(normalization: norm)
            let fast = try r.render(factors: f)
            let drawn = try r.draw(factors: Variable(f))
            XCTAssertFalse(drawn.isTracked)
            XCTAssertTrue(drawn.value.isEqual(to: fast))
            let composed = try r.draw(factors: Variable.leaf(f)).value
            var worst: Float = 0
            for i in 0..<fast.count { worst = Swift.max(worst, Swift.abs(fast[flat: i] - composed[flat: i])) }
            XCTAssertLessThan(worst, 2e-5, "\(norm)")
        }
    }

    func testRendererRejectsBadFactors() throws {
        let r = SpirographRenderer()
        XCTAssertThrowsError(try r.render(factors: Tensor.zeros([2, 9]))) { e in
            XCTAssertTrue("\(e)".contains("[B, 10]"), "\(e)")
        }
        var f = try SpiroSplit.paper.combine(generative: sample().generative, nuisance: sample().nuisance)
        try f.assign([.index(1), .index(SpiroFactor.sigma.rawValue)], Tensor(0))
        XCTAssertThrowsError(try r.render(factors: f)) { e in
            XCTAssertEqual("\(e)", "spirograph: factor sigma of sample 1 must be positive (it divides), got 0.0")
        }
        try f.assign([.index(1), .index(SpiroFactor.sigma.rawValue)], Tensor(.nan))
        XCTAssertThrowsError(try r.render(factors: f)) { e in XCTAssertTrue("\(e)".contains("not finite"), "\(e)") }
        XCTAssertThrowsError(try r.render(generative: Tensor.zeros([2, 4]), nuisance: Tensor.zeros([3, 6]))) { e in
            XCTAssertTrue("\(e)".contains("do not fit the split"), "\(e)")
        }
        XCTAssertEqual(try r.render(factors: Tensor.zeros([0, 10])).shape, [0, 3, 32, 32])
    }

    func testImagesAreInUnitRangeAndRowsReachForeground() throws {
        var rng = RandomStream(seed: 9)
        let f = SpiroPrior().sample(64, rng: &rng)
        let x = try SpirographRenderer().render(factors: f)
        XCTAssertGreaterThanOrEqual(try x.min().scalarValue ?? -1, 0)
        XCTAssertLessThanOrEqual(try x.max().scalarValue ?? 2, 1)
        // Per-row normalisation: a row reaches M/(M + 1e-8) — 1 unless the curve is far away.
        let v = try SpirographRenderer().intensity(factors: f)
        let rowMax = try v.max(axes: [2])
        let reaching = (0..<rowMax.count).filter { rowMax[flat: $0] > 0.999 }.count
        XCTAssertLessThanOrEqual(try rowMax.max().scalarValue ?? 2, 1)
        XCTAssertGreaterThan(reaching, rowMax.count / 2)
        let whole = try SpirographRenderer(normalization: .image).intensity(factors: f)
        let imageMax = try whole.max(axes: [1, 2])
        for i in 0..<imageMax.count { XCTAssertEqual(imageMax[flat: i], 1, accuracy: 1e-5) }
    }
}
