/// Clipping in drawing space, so that data far outside the limits never reaches Cairo
/// (whose fixed-point coordinates overflow around ±8 million units).
enum Clip {
    /// The part of segment `a`–`b` inside `r` (Liang–Barsky), or `nil`.
    static func segment(_ a: Point, _ b: Point, _ r: Rect) -> (Point, Point)? {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        let checks = [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let t = q / p
            if p < 0 {
                if t > t1 { return nil }
                t0 = max(t0, t)
            } else {
                if t < t0 { return nil }
                t1 = min(t1, t)
            }
        }
        let start = t0 == 0 ? a : Point(x: a.x + t0 * dx, y: a.y + t0 * dy)
        let end = t1 == 1 ? b : Point(x: a.x + t1 * dx, y: a.y + t1 * dy)
        return (start, end)
    }

    /// The polygon `points` clipped to `r` (Sutherland–Hodgman).
    static func polygon(_ points: [Point], _ r: Rect) -> [Point] {
        var out = points
        let edges: [(Point) -> Double] = [
            { $0.x - r.minX }, { r.maxX - $0.x }, { $0.y - r.minY }, { r.maxY - $0.y },
        ]
        for inside in edges {
            guard let last = out.last else { return [] }
            let input = out
            out = []
            var prev = last
            for cur in input {
                let (dc, dp) = (inside(cur), inside(prev))
                if dc >= 0 {
                    if dp < 0 { out.append(cross(prev, cur, dp, dc)) }
                    out.append(cur)
                } else if dp >= 0 {
                    out.append(cross(prev, cur, dp, dc))
                }
                prev = cur
            }
        }
        return out
    }

    private static func cross(_ a: Point, _ b: Point, _ da: Double, _ db: Double) -> Point {
        let t = da / (da - db)
        return Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
    }
}
