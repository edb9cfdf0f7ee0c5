import Foundation

/// Draws text runs, legends and colour bars.
struct DecorationPainter {
    let canvas: CairoCanvas
    let scale: Double

    func draw(_ t: PlacedText?, color: Color = Theme.textColor) {
        guard let t else { return }
        canvas.drawText(t.text, at: t.origin, style: t.style, color: color, anchor: t.anchor, baseline: t.baseline,
                        angle: t.angle)
    }

    func drawLegend(_ legend: LegendGeometry) {
        canvas.newPath()
        canvas.roundedRectangle(legend.box, radius: 2.5)
        canvas.setColor(Color.white.withAlpha(0.85))
        canvas.fillPreserve()
        canvas.setColor(Theme.legendFrame)
        canvas.setLine(width: Theme.lineWidth)
        canvas.stroke()
        let x0 = legend.box.minX + Theme.legendPad
        for (i, entry) in legend.entries.enumerated() {
            let top = legend.box.minY + Theme.legendPad + Double(i) * (legend.rowHeight + Theme.legendRowGap)
            let cy = top + legend.rowHeight / 2
            drawHandle(entry.handle, x0: x0, cy: cy, rowHeight: legend.rowHeight)
            canvas.drawText(entry.label.text, at: Point(x: x0 + Theme.legendHandleLength + Theme.legendHandleGap, y: cy),
                            style: entry.label.style, color: Theme.textColor, anchor: .start, baseline: .middle)
        }
    }

    private func drawHandle(_ handle: LegendHandle, x0: Double, cy: Double, rowHeight: Double) {
        let length = Theme.legendHandleLength
        let mid = Point(x: x0 + length / 2, y: cy)
        func hline(_ color: Color, _ width: Double, _ dash: LineDash) {
            canvas.newPath()
            canvas.move(to: Point(x: x0, y: cy))
            canvas.line(to: Point(x: x0 + length, y: cy))
            canvas.setColor(color)
            canvas.setLine(width: width, dash: dash.pattern(lineWidth: width))
            canvas.stroke()
            canvas.setLine(width: width)
        }
        switch handle {
        case let .line(color, width, dash, marker, markerSize):
            hline(color, width, dash)
            MarkerPainter.draw(marker, at: mid, size: min(markerSize, rowHeight), color: color, on: canvas)
        case let .marker(color, marker, size):
            MarkerPainter.draw(marker, at: mid, size: size, color: color, on: canvas)
        case let .patch(color):
            canvas.newPath()
            canvas.rectangle(Rect(x: x0, y: cy - rowHeight * 0.35, width: length, height: rowHeight * 0.7))
            canvas.setColor(color)
            canvas.fill()
        case let .errorBar(color, width, marker, markerSize):
            hline(color, width, .solid)
            let h = rowHeight * 0.45
            canvas.newPath()
            canvas.move(to: Point(x: mid.x, y: cy - h)); canvas.line(to: Point(x: mid.x, y: cy + h))
            canvas.move(to: Point(x: mid.x - 3, y: cy - h)); canvas.line(to: Point(x: mid.x + 3, y: cy - h))
            canvas.move(to: Point(x: mid.x - 3, y: cy + h)); canvas.line(to: Point(x: mid.x + 3, y: cy + h))
            canvas.setLine(width: max(width * 0.75, 0.8))
            canvas.stroke()
            MarkerPainter.draw(marker, at: mid, size: min(markerSize, rowHeight), color: color, on: canvas)
        }
    }

    func drawColorbar(_ c: ColorbarGeometry) {
        // A 1×256 strip, top = upper end of the range, smoothly stretched.
        let strip = (0..<256).map { c.colormap.table[255 - $0] }
        canvas.drawImage(strip, width: 1, height: 256, in: c.bar, smooth: true)
        canvas.newPath()
        canvas.rectangle(c.bar)
        for v in c.ticks.values {
            guard let py = c.axis.position(v) else { continue }
            canvas.move(to: Point(x: c.bar.maxX, y: py))
            canvas.line(to: Point(x: c.bar.maxX + Theme.tickLength, y: py))
        }
        canvas.setColor(Theme.spineColor)
        canvas.setLine(width: Theme.lineWidth)
        canvas.stroke()
        for (v, text) in zip(c.ticks.values, c.ticks.labels) {
            guard let py = c.axis.position(v) else { continue }
            canvas.drawText(text, at: Point(x: c.bar.maxX + Theme.tickLength + Theme.tickPad, y: py),
                            style: Theme.tick, color: Theme.textColor, anchor: .start, baseline: .middle)
        }
        draw(c.label)
    }
}
