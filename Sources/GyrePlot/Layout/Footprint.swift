import Foundation

/// Where the data of an axes lies on the page (points sampled along lines, marker
/// centres, bar rectangles); used to place the legend where it hides the least.
struct Footprint {
    private(set) var points: [Point] = []
    private(set) var rects: [Rect] = []
    private static let maxPoints = 40_000

    init(_ axes: Axes, x: AxisTransform, y: AxisTransform) {
        for s in axes.series { add(s, x, y) }
    }

    /// Number of sample points inside `box` plus the area of rectangles it covers,
    /// counted in 4×4 pt units so a bar weighs like the points along its outline.
    func overlap(with box: Rect) -> Double {
        let hits = points.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
        let area = rects.reduce(0.0) { $0 + (box.intersection($1)?.area ?? 0) }
        return Double(hits) + area / 16
    }

    private mutating func add(_ s: Series, _ x: AxisTransform, _ y: AxisTransform) {
        func p(_ a: Double, _ b: Double) -> Point? {
            guard let px = x.position(a), let py = y.position(b) else { return nil }
            return Point(x: px, y: py)
        }
        switch s {
        case let .line(l):
            addPolyline(zip(l.x, l.y).map { p($0, $1) })
        case let .scatter(sc):
            for (a, b) in zip(sc.x, sc.y) { if let q = p(a, b) { addPoint(q) } }
        case let .bars(b):
            for i in b.lefts.indices {
                if let q0 = p(b.lefts[i], b.bottoms[i]), let q1 = p(b.lefts[i] + b.widths[i], b.bottoms[i] + b.heights[i]) {
                    rects.append(Rect(x: min(q0.x, q1.x), y: min(q0.y, q1.y), width: abs(q1.x - q0.x), height: abs(q1.y - q0.y)))
                }
            }
        case let .errorBars(e):
            addPolyline(zip(e.x, e.y).map { p($0, $1) })
            for i in e.x.indices {
                if let lo = e.yLower?[i], let q = p(e.x[i], e.y[i] - abs(lo)) { addPoint(q) }
                if let hi = e.yUpper?[i], let q = p(e.x[i], e.y[i] + abs(hi)) { addPoint(q) }
            }
        case let .band(b):
            for i in b.x.indices.dropLast() {
                guard let a = p(b.x[i], b.lower[i]), let c = p(b.x[i + 1], b.upper[i + 1]),
                      let a2 = p(b.x[i], b.upper[i]), let c2 = p(b.x[i + 1], b.lower[i + 1]) else { continue }
                let ys = [a.y, c.y, a2.y, c2.y]
                rects.append(Rect(x: min(a.x, c.x), y: ys.min() ?? 0, width: abs(c.x - a.x),
                                  height: (ys.max() ?? 0) - (ys.min() ?? 0)))
            }
        case .image, .imageGrid, .heatmap:
            break
        }
    }

    private mutating func addPoint(_ q: Point) {
        if points.count < Footprint.maxPoints { points.append(q) }
    }

    /// Samples each segment every 4 pt; `nil` entries break the line.
    private mutating func addPolyline(_ pts: [Point?]) {
        var previous: Point?
        for q in pts {
            guard let q else { previous = nil; continue }
            if let a = previous {
                let length = hypot(q.x - a.x, q.y - a.y)
                let steps = Int(min(length / 4, 200))
                if steps > 0 {
                    for k in 1...steps {
                        let t = Double(k) / Double(steps + 1)
                        addPoint(Point(x: a.x + (q.x - a.x) * t, y: a.y + (q.y - a.y) * t))
                    }
                }
            }
            addPoint(q)
            previous = q
        }
    }
}
