import Foundation

/// Draws the data series of one axes (clipped to its data area by the caller).
struct SeriesPainter {
    let canvas: CairoCanvas
    let x: AxisTransform
    let y: AxisTransform
    /// The data area grown a little, so strokes at the edges are not cut mid-width.
    let bounds: Rect

    func point(_ a: Double, _ b: Double) -> Point? {
        guard let px = x.position(a), let py = y.position(b) else { return nil }
        return Point(x: px, y: py)
    }

    func draw(_ s: Series) {
        switch s {
        case let .line(l): drawLine(l)
        case let .scatter(p): drawScatter(p)
        case let .bars(b): drawBars(b)
        case let .errorBars(e): drawErrorBars(e)
        case let .band(b): drawBand(b)
        case .image, .imageGrid, .heatmap: break
        }
    }

    /// Strokes the polyline through `points`; `nil` entries (NaN data) break it.
    func strokePolyline(_ points: [Point?], color: Color, width: Double, dash: LineDash) {
        canvas.newPath()
        var previous: Point?, pen: Point?
        for q in points {
            guard let q else { previous = nil; continue }
            if let a = previous, let (c0, c1) = Clip.segment(a, q, bounds) {
                if pen != c0 { canvas.move(to: c0) }
                canvas.line(to: c1)
                pen = c1
            }
            previous = q
        }
        canvas.setColor(color)
        canvas.setLine(width: width, dash: dash.pattern(lineWidth: width), roundCaps: dash == .solid)
        canvas.stroke()
        canvas.setLine(width: width)
    }

    private func drawLine(_ l: LineSeries) {
        let points = zip(l.x, l.y).map { point($0, $1) }
        strokePolyline(points, color: l.color, width: l.lineWidth, dash: l.dash)
        MarkerPainter.drawAll(l.marker, at: points.compactMap { $0 }.filter { bounds.contains($0) },
                              size: l.markerSize, color: l.color, on: canvas)
    }

    private func drawScatter(_ s: ScatterSeries) {
        let finiteValues = s.values?.filter { $0.isFinite } ?? []
        let (lo, hi) = (finiteValues.min() ?? 0, finiteValues.max() ?? 1)
        let uniform = s.sizes == nil && s.colors == nil && s.values == nil
        var same: [Point] = []
        for i in s.x.indices {
            guard let p = point(s.x[i], s.y[i]), bounds.contains(p) else { continue }
            if uniform {
                same.append(p)
                continue
            }
            let size = s.sizes.map { $0[i].isFinite ? min(max(0, $0[i]), 1000) : 0 } ?? s.size
            var color = s.color
            if let colors = s.colors {
                color = colors[i]
            } else if let values = s.values {
                guard values[i].isFinite else { continue }
                color = s.colormap.color(at: hi > lo ? (values[i] - lo) / (hi - lo) : 0.5)
            }
            MarkerPainter.draw(s.marker, at: p, size: size, color: color.withAlpha(color.alpha * s.alpha), on: canvas)
        }
        MarkerPainter.drawAll(s.marker, at: same, size: s.size, color: s.color.withAlpha(s.color.alpha * s.alpha),
                              on: canvas)
    }

    private func drawBars(_ b: BarSeries) {
        for i in b.lefts.indices {
            guard let p0 = point(b.lefts[i], b.bottoms[i]),
                  let p1 = point(b.lefts[i] + b.widths[i], b.bottoms[i] + b.heights[i]) else { continue }
            let rect = Rect(x: min(p0.x, p1.x), y: min(p0.y, p1.y), width: abs(p1.x - p0.x), height: abs(p1.y - p0.y))
            guard let visible = rect.intersection(bounds) else { continue }
            canvas.newPath()
            canvas.rectangle(visible)
            canvas.setColor(b.color)
            if let edge = b.edgeColor, rect.width > 3 {
                canvas.fillPreserve()
                canvas.setColor(edge)
                canvas.setLine(width: 0.6)
                canvas.stroke()
            } else {
                canvas.fill()
            }
        }
    }

    private func drawErrorBars(_ e: ErrorBarSeries) {
        let centres = zip(e.x, e.y).map { point($0, $1) }
        if e.connect {
            strokePolyline(centres, color: e.color, width: e.lineWidth, dash: .solid)
        }
        canvas.newPath()
        let cap = e.capSize
        for i in e.x.indices where centres[i] != nil {
            if let lo = e.yLower?[i], let hi = e.yUpper?[i],
               let a = point(e.x[i], e.y[i] - abs(lo)), let b = point(e.x[i], e.y[i] + abs(hi)) {
                addSegment(a, b)
                if cap > 0 {
                    addSegment(Point(x: a.x - cap, y: a.y), Point(x: a.x + cap, y: a.y))
                    addSegment(Point(x: b.x - cap, y: b.y), Point(x: b.x + cap, y: b.y))
                }
            }
            if let xe = e.xErrors?[i], let a = point(e.x[i] - abs(xe), e.y[i]), let b = point(e.x[i] + abs(xe), e.y[i]) {
                addSegment(a, b)
                if cap > 0 {
                    addSegment(Point(x: a.x, y: a.y - cap), Point(x: a.x, y: a.y + cap))
                    addSegment(Point(x: b.x, y: b.y - cap), Point(x: b.x, y: b.y + cap))
                }
            }
        }
        canvas.setColor(e.color)
        canvas.setLine(width: max(e.lineWidth * 0.75, 0.8))
        canvas.stroke()
        MarkerPainter.drawAll(e.marker, at: centres.compactMap { $0 }.filter { bounds.contains($0) },
                              size: e.markerSize, color: e.color, on: canvas)
    }

    private func addSegment(_ a: Point, _ b: Point) {
        guard let (c0, c1) = Clip.segment(a, b, bounds) else { return }
        canvas.move(to: c0)
        canvas.line(to: c1)
    }

    /// Fills between the curves; each run of finite values is its own polygon.
    private func drawBand(_ b: BandSeries) {
        var run: [(Point, Point)] = []
        func flush() {
            defer { run.removeAll() }
            guard run.count >= 2 else { return }
            let outline = run.map { $0.1 } + run.reversed().map { $0.0 }
            let clipped = Clip.polygon(outline, bounds)
            guard let first = clipped.first else { return }
            canvas.newPath()
            canvas.move(to: first)
            for p in clipped.dropFirst() { canvas.line(to: p) }
            canvas.closePath()
            canvas.setColor(b.color.withAlpha(b.color.alpha * b.alpha))
            canvas.fill()
        }
        for i in b.x.indices {
            guard let lo = point(b.x[i], b.lower[i]), let hi = point(b.x[i], b.upper[i]) else {
                flush()
                continue
            }
            run.append((lo, hi))
        }
        flush()
    }
}
