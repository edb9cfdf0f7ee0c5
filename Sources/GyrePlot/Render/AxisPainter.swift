import Foundation

/// Draws the frame, grid lines, ticks and tick labels of one axes.
struct AxisPainter {
    let canvas: CairoCanvas
    let geometry: AxesGeometry
    /// Device pixels per point, to put 1-pixel lines on pixel centres.
    let scale: Double

    /// Moves a coordinate to the nearest device pixel centre, for crisp thin lines.
    func crisp(_ v: Double) -> Double {
        ((v * scale).rounded(.down) + 0.5) / scale
    }

    func drawGrid() {
        let p = geometry.plot
        canvas.newPath()
        for v in geometry.xTicks.values {
            guard let px = geometry.x.position(v), px >= p.minX, px <= p.maxX else { continue }
            canvas.move(to: Point(x: crisp(px), y: p.minY))
            canvas.line(to: Point(x: crisp(px), y: p.maxY))
        }
        for v in geometry.yTicks.values {
            guard let py = geometry.y.position(v), py >= p.minY, py <= p.maxY else { continue }
            canvas.move(to: Point(x: p.minX, y: crisp(py)))
            canvas.line(to: Point(x: p.maxX, y: crisp(py)))
        }
        canvas.setColor(Theme.gridColor)
        canvas.setLine(width: Theme.lineWidth)
        canvas.stroke()
    }

    func drawFrameAndTicks() {
        let p = geometry.plot
        let frame = Rect(x: crisp(p.minX), y: crisp(p.minY), width: crisp(p.maxX) - crisp(p.minX),
                         height: crisp(p.maxY) - crisp(p.minY))
        canvas.newPath()
        canvas.rectangle(frame)
        ticks(geometry.xTicks.values, on: geometry.x, length: Theme.tickLength, horizontal: true)
        ticks(geometry.xTicks.minor, on: geometry.x, length: Theme.minorTickLength, horizontal: true)
        ticks(geometry.yTicks.values, on: geometry.y, length: Theme.tickLength, horizontal: false)
        ticks(geometry.yTicks.minor, on: geometry.y, length: Theme.minorTickLength, horizontal: false)
        canvas.setColor(Theme.spineColor)
        canvas.setLine(width: Theme.lineWidth)
        canvas.stroke()
        labels()
    }

    /// Adds outward tick marks to the path: below the frame for x, left of it for y.
    private func ticks(_ values: [Double], on t: AxisTransform, length: Double, horizontal: Bool) {
        let p = geometry.plot
        for v in values {
            guard let pos = t.position(v) else { continue }
            if horizontal {
                guard pos >= p.minX - 0.01, pos <= p.maxX + 0.01 else { continue }
                canvas.move(to: Point(x: crisp(pos), y: p.maxY))
                canvas.line(to: Point(x: crisp(pos), y: p.maxY + length))
            } else {
                guard pos >= p.minY - 0.01, pos <= p.maxY + 0.01 else { continue }
                canvas.move(to: Point(x: p.minX, y: crisp(pos)))
                canvas.line(to: Point(x: p.minX - length, y: crisp(pos)))
            }
        }
    }

    private func labels() {
        let p = geometry.plot
        let gap = Theme.tickLength + Theme.tickPad
        let xt = geometry.xTicks
        for (v, text) in zip(xt.values, xt.labels) {
            guard let px = geometry.x.position(v) else { continue }
            if xt.rotated {
                canvas.drawText(text, at: Point(x: px, y: p.maxY + gap), style: Theme.tick, color: Theme.textColor,
                                anchor: .end, baseline: .middle, angle: .pi / 2)
            } else {
                canvas.drawText(text, at: Point(x: px, y: p.maxY + gap), style: Theme.tick, color: Theme.textColor,
                                anchor: .middle, baseline: .top)
            }
        }
        for (v, text) in zip(geometry.yTicks.values, geometry.yTicks.labels) {
            guard let py = geometry.y.position(v) else { continue }
            canvas.drawText(text, at: Point(x: p.minX - gap, y: py), style: Theme.tick, color: Theme.textColor,
                            anchor: .end, baseline: .middle)
        }
    }
}
