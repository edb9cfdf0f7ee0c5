import Foundation

/// Marker shapes, centred on a point and `size` points across.
enum MarkerPainter {
    /// Adds the marker's outline to the current path (filled markers only).
    static func addPath(_ marker: Marker, at c: Point, size: Double, on canvas: CairoCanvas) {
        let r = size / 2
        switch marker {
        case .none, .plus, .cross:
            return
        case .circle:
            canvas.circle(c, radius: r)
        case .point:
            canvas.circle(c, radius: r * 0.5)
        case .square:
            let s = r * 0.9
            canvas.rectangle(Rect(x: c.x - s, y: c.y - s, width: 2 * s, height: 2 * s))
        case .triangle:
            let s = r * 1.15
            canvas.move(to: Point(x: c.x, y: c.y - s))
            canvas.line(to: Point(x: c.x + s * 0.866, y: c.y + s * 0.5))
            canvas.line(to: Point(x: c.x - s * 0.866, y: c.y + s * 0.5))
            canvas.closePath()
        case .diamond:
            let s = r * 1.1
            canvas.move(to: Point(x: c.x, y: c.y - s))
            canvas.line(to: Point(x: c.x + s * 0.75, y: c.y))
            canvas.line(to: Point(x: c.x, y: c.y + s))
            canvas.line(to: Point(x: c.x - s * 0.75, y: c.y))
            canvas.closePath()
        }
    }

    /// Draws one marker in `color` (stroked for `+` and `x`, filled otherwise).
    static func draw(_ marker: Marker, at c: Point, size: Double, color: Color, on canvas: CairoCanvas) {
        guard marker != .none, size > 0 else { return }
        canvas.newPath()
        canvas.setColor(color)
        if marker.isStroked {
            let r = size / 2
            canvas.setLine(width: max(1, size / 6))
            if marker == .plus {
                canvas.move(to: Point(x: c.x - r, y: c.y)); canvas.line(to: Point(x: c.x + r, y: c.y))
                canvas.move(to: Point(x: c.x, y: c.y - r)); canvas.line(to: Point(x: c.x, y: c.y + r))
            } else {
                let d = r * 0.8
                canvas.move(to: Point(x: c.x - d, y: c.y - d)); canvas.line(to: Point(x: c.x + d, y: c.y + d))
                canvas.move(to: Point(x: c.x - d, y: c.y + d)); canvas.line(to: Point(x: c.x + d, y: c.y - d))
            }
            canvas.stroke()
        } else {
            addPath(marker, at: c, size: size, on: canvas)
            canvas.fill()
        }
    }

    /// Draws the same marker at many points; one fill when opaque and fillable.
    static func drawAll(_ marker: Marker, at points: [Point], size: Double, color: Color, on canvas: CairoCanvas) {
        guard marker != .none, !points.isEmpty else { return }
        if marker.isStroked || color.alpha < 1 {
            for p in points { draw(marker, at: p, size: size, color: color, on: canvas) }
            return
        }
        canvas.newPath()
        canvas.setColor(color)
        for p in points { addPath(marker, at: p, size: size, on: canvas) }
        canvas.fill()
    }
}
