import Foundation
import Testing
@testable import GyrePlot

@Suite("Nice ticks and tick labels")
struct NiceTicksTests {
    @Test("classic ranges", arguments: [
        (0.0, 1.0, 6, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0.0, 10.0, 6, [0, 2, 4, 6, 8, 10]),
        (-1.0, 1.0, 5, [-1, -0.5, 0, 0.5, 1]),
        (0.0, 100.0, 3, [0, 50, 100]),
        (3.0, 7.0, 10, [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7]),
        (1.0, 0.0, 6, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    ])
    func classic(lo: Double, hi: Double, maxTicks: Int, expected: [Double]) {
        let ticks = NiceTicks.linear(lo, hi, maxTicks: maxTicks)
        #expect(ticks.count == expected.count)
        for (a, b) in zip(ticks, expected) { #expect(abs(a - b) < 1e-12) }
    }

    @Test("steps follow the 1-2-5 rule and ticks stay inside the range")
    func randomRanges() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let scale = pow(10, Double.random(in: -8...8, using: &rng))
            let a = Double.random(in: -1...1, using: &rng) * scale
            let b = a + Double.random(in: 0.001...2, using: &rng) * scale
            let maxTicks = Int.random(in: 2...10, using: &rng)
            let ticks = NiceTicks.linear(a, b, maxTicks: maxTicks)
            #expect(ticks.count <= maxTicks * 2)
            #expect(ticks.count >= 1)
            for t in ticks { #expect(t >= a - 1e-9 * scale && t <= b + 1e-9 * scale) }
            guard ticks.count >= 2 else { continue }
            let step = ticks[1] - ticks[0]
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1.0, 2.0, 5.0, 10.0].contains { abs($0 - mantissa) < 1e-6 }, "step \(step)")
        }
    }

    @Test("degenerate input does not crash")
    func degenerate() {
        #expect(NiceTicks.linear(.nan, 1).isEmpty)
        #expect(NiceTicks.linear(0, .infinity).isEmpty)
        #expect(NiceTicks.linear(2, 2) == [2])
        #expect(NiceTicks.linear(1e300, 1.0000001e300).count >= 1)
        #expect(NiceTicks.linear(0, 1e-300).count >= 1)
    }

    @Test("log axes tick at decades with minor ticks")
    func logDecades() throws {
        let d = try #require(NiceTicks.logDecades(0.5, 2000))
        #expect(d.exponents == [0, 1, 2, 3])
        #expect(d.major == [1, 10, 100, 1000])
        #expect(d.minor.contains(2) && d.minor.contains(500) && !d.minor.contains(3000))
        let wide = try #require(NiceTicks.logDecades(1e-20, 1e20, maxTicks: 6))
        #expect(wide.major.count <= 6 && wide.minor.isEmpty)
        #expect(NiceTicks.logDecades(2, 8) == nil)
        #expect(NiceTicks.logDecades(-1, 10) == nil)
    }

    @Test("labels use as few decimals as needed and a real minus sign")
    func labels() {
        #expect(TickFormatter.labels([0, 0.25, 0.5]) == ["0.00", "0.25", "0.50"])
        #expect(TickFormatter.labels([0, 0.1 + 0.2, 0.6]) == ["0.0", "0.3", "0.6"])
        #expect(TickFormatter.labels([-0.5, 0, 0.5]) == ["−0.5", "0.0", "0.5"])
        #expect(TickFormatter.labels([-2, 0, 2]) == ["−2", "0", "2"])
        #expect(TickFormatter.labels([0, 2e6, 4e6]) == ["0", "2×10⁶", "4×10⁶"])
        #expect(TickFormatter.labels([1e-5, 2e-5]) == ["1×10⁻⁵", "2×10⁻⁵"])
        #expect(TickFormatter.labels([1000, 1500]) == ["1000", "1500"])
        #expect(TickFormatter.power(-3) == "10⁻³")
        #expect(TickFormatter.power(12) == "10¹²")
    }

    @Test("histogram binning and density")
    func histogram() {
        let h = Histogram.compute([1, 2, 2, 3], bins: 2)
        #expect(h.counts == [1, 3])
        #expect(h.edges == [1, 2, 3])
        let d = Histogram.compute([0, 0.5, 1, 1.5, .nan], bins: 4, range: (0, 2), density: true)
        let area = zip(d.counts, zip(d.edges.dropFirst(), d.edges)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
        #expect(abs(area - 1) < 1e-12)
        #expect(Histogram.compute([], bins: 3).counts == [0, 0, 0])
        #expect(Histogram.compute([5, 5, 5], bins: 1).counts == [3])
    }
}
