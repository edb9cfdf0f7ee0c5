import XCTest
import GyreTensor
import GyreData

final class SpiroPriorTests: XCTestCase {
    func column(_ t: Tensor, _ j: Int) -> [Float] {
        let k = t.shape[1]
        return (0..<t.shape[0]).map { t[flat: $0 * k + j] }
    }

    func moments(_ xs: [Float]) -> (mean: Double, variance: Double) {
        let m = xs.reduce(0.0) { $0 + Double($1) } / Double(xs.count)
        return (m, xs.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(xs.count))
    }

    func testSamplesStayInThePublishedRanges() {
        var rng = RandomStream(seed: 1)
        let f = SpiroPrior().sample(20_000, rng: &rng)
        XCTAssertEqual(f.shape, [20_000, 10])
        for factor in SpiroFactor.allCases {
            let xs = column(f, factor.rawValue), r = factor.defaultBounds
            XCTAssertGreaterThanOrEqual(xs.min() ?? -1, r.lowerBound, factor.name)
            XCTAssertLessThanOrEqual(xs.max() ?? 1e9, r.upperBound, factor.name)
            // Fills the range: within 1% of each end.
            XCTAssertLessThan((xs.min() ?? 0) - r.lowerBound, 0.01 * (r.upperBound - r.lowerBound), factor.name)
            XCTAssertLessThan(r.upperBound - (xs.max() ?? 0), 0.01 * (r.upperBound - r.lowerBound), factor.name)
        }
    }

    func testShiftedAndWidenedMoments() throws {
        let prior = try SpiroPrior().shifted(.h, by: 0.5).widened(.h, varianceScale: 2).shifted(.rback, by: -0.1)
        let expect = prior.moments(.h)
        XCTAssertEqual(expect.mean, 2.0, accuracy: 1e-6)
        XCTAssertEqual(expect.variance, 2 * 4.0 / 12, accuracy: 1e-5)
        var rng = RandomStream(seed: 2)
        let a = prior.sampleNuisance(100_000, rng: &rng)
        let h = moments(column(a, 0)), rb = moments(column(a, 1))
        XCTAssertEqual(h.mean, 2.0, accuracy: 0.01)
        XCTAssertEqual(h.variance, 2 * 4.0 / 12, accuracy: 0.01)
        XCTAssertEqual(rb.mean, 0.2, accuracy: 0.005)
        XCTAssertEqual(rb.variance, 0.36 / 12, accuracy: 0.001)
        // The other factors are untouched.
        XCTAssertEqual(prior.range(.gfore), 0.4...1)
    }

    func testPerturbingEveryNuisanceFactor() throws {
        let p = try SpiroPrior().perturbed(SpiroSplit.paper.nuisance, meanShift: 0.1, varianceScale: 0.25)
        for f in SpiroSplit.paper.nuisance {
            let base = SpiroPrior().moments(f), m = p.moments(f)
            XCTAssertEqual(m.mean, base.mean + 0.1, accuracy: 1e-6)
            XCTAssertEqual(m.variance, base.variance * 0.25, accuracy: 1e-6)
        }
        XCTAssertEqual(p.range(.m), 2...5)
    }

    func testSeededReproducibility() {
        var r1 = RandomStream(seed: 42), r2 = RandomStream(seed: 42), r3 = RandomStream(seed: 43)
        let a = SpiroPrior().sample(50, rng: &r1), b = SpiroPrior().sample(50, rng: &r2), c = SpiroPrior().sample(50, rng: &r3)
        XCTAssertTrue(a.isEqual(to: b))
        XCTAssertFalse(a.isEqual(to: c))
    }

    func testBoundsAndScaleValidation() throws {
        XCTAssertEqual(try SpiroPrior().withBounds(.m, 1...2).range(.m), 1...2)
        XCTAssertThrowsError(try SpiroPrior().withBounds(.sigma, 0...1)) { e in
            XCTAssertEqual("\(e)", "spirograph: sigma must stay positive (it divides), got bounds 0.0...1.0")
        }
        XCTAssertThrowsError(try SpiroPrior().widened(.h, varianceScale: 0))
    }

    func testSplits() throws {
        XCTAssertEqual(SpiroSplit.paper.generative.map(\.name), ["m", "b", "sigma", "rfore"])
        XCTAssertEqual(SpiroSplit.paper.nuisance.map(\.name), ["h", "rback", "gfore", "gback", "bfore", "bback"])
        let custom = try SpiroSplit(nuisance: [.sigma, .h])
        XCTAssertEqual(custom.generative.count, 8)
        XCTAssertThrowsError(try SpiroSplit(generative: [.m], nuisance: [.m])) { e in
            XCTAssertTrue("\(e)".contains("listed twice"), "\(e)")
        }
        XCTAssertThrowsError(try SpiroSplit(generative: [.m], nuisance: [.h])) { e in
            XCTAssertTrue("\(e)".contains("leaves out b, sigma"), "\(e)")
        }
        XCTAssertEqual(SpiroFactor(name: "SIGMA"), .sigma)
        XCTAssertEqual(SpiroFactor(name: "σ"), .sigma)
        XCTAssertNil(SpiroFactor(name: "q"))
        // combine ∘ separate is the identity, and a custom split renders the same images.
        var rng = RandomStream(seed: 3)
        let f = SpiroPrior().sample(4, rng: &rng)
        let (g, a) = try custom.separate(f)
        XCTAssertTrue(try custom.combine(generative: g, nuisance: a).isEqual(to: f))
        let viaCustom = try SpirographRenderer(split: custom).render(generative: g, nuisance: a)
        XCTAssertTrue(viaCustom.isEqual(to: try SpirographRenderer().render(factors: f)))
    }

    func testCustomSplitDifferentiatesTheChosenFactors() throws {
        let split = try SpiroSplit(nuisance: [.sigma, .h])
        var rng = RandomStream(seed: 4)
        let (g, a) = try split.separate(SpiroPrior().sample(3, rng: &rng))
        var grads: [Tensor] = []
        for mode in [SpirographRenderer.Differentiation.exact, .firstOrder] {
            let alpha = Variable.leaf(a)
            let x = try SpirographRenderer(split: split, differentiation: mode).draw(generative: Variable(g), nuisance: alpha)
            grads.append(try Autodiff.gradients(of: x.sum(), wrt: [alpha])[0].value)
        }
        XCTAssertEqual(grads[0].shape, [3, 2])
        for i in 0..<6 { XCTAssertEqual(grads[0][flat: i], grads[1][flat: i], accuracy: 1e-3 * Swift.max(1, Swift.abs(grads[0][flat: i]))) }
    }
}
import GyreAutodiff
