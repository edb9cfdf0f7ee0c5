/// Binned counts of values: `counts[i]` covers `edges[i] ..< edges[i + 1]` (the last bin
/// includes its right edge). With `density`, counts are scaled so the bars' area is 1.
public struct Histogram: Sendable, Equatable {
    public let edges: [Double]
    public let counts: [Double]

    /// Bins the finite values of `values` into `bins` equal bins over `range`
    /// (default: the data's min…max). Values outside the range are ignored.
    ///
    ///     Histogram.compute([1, 2, 2, 3], bins: 2).counts == [1, 3]
    public static func compute(_ values: [Double], bins: Int = 10, range: (Double, Double)? = nil,
                               density: Bool = false) -> Histogram {
        let n = min(max(bins, 1), 100_000)
        let finite = values.filter { $0.isFinite }
        let (lo, hi) = binRange(finite, range)
        // Halves keep every difference finite even for ranges near ±Double.greatestFiniteMagnitude.
        let halfSpan = hi / 2 - lo / 2
        let width = halfSpan / Double(n) * 2
        let edges = (0...n).map { i -> Double in
            let f = Double(i) / Double(n)
            return i == n ? hi : lo * (1 - f) + hi * f
        }
        var counts = [Double](repeating: 0, count: n)
        var total = 0.0
        for v in finite where v >= lo && v <= hi {
            let t = (v / 2 - lo / 2) / halfSpan * Double(n)
            let raw = t.isFinite ? Int(min(max(t, 0), Double(n - 1))) : 0
            counts[raw] += 1
            total += 1
        }
        if density && total > 0 && width > 0 {
            counts = counts.map { $0 / (total * width) }
        }
        return Histogram(edges: edges, counts: counts)
    }

    private static func binRange(_ finite: [Double], _ range: (Double, Double)?) -> (Double, Double) {
        if let (a, b) = range, a.isFinite, b.isFinite, a != b {
            return (min(a, b), max(a, b))
        }
        guard let lo = finite.min(), let hi = finite.max() else { return (0, 1) }
        return lo == hi ? (lo - 0.5, hi + 0.5) : (lo, hi)
    }
}
