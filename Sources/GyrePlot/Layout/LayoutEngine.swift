import Foundation

/// Lays out a figure in points.
///
/// The figure (minus padding and its title) is cut into equal cells, one per axes. Each
/// axes' data area is its cell minus the margins its text needs; margins are aligned
/// across a row (top, bottom) and a column (left, right) so subplots line up. Ticks
/// depend on the data area's length and margins on the ticks' labels, so this iterates
/// from a guess until the areas settle (usually two or three rounds). The final areas
/// always come from the margins of the last ticks, so labels are never clipped.
enum LayoutEngine {
    static func layout(_ figure: Figure, scale: Double, _ m: TextMeasuring) -> FigureGeometry {
        let width = figure.width * 72, height = figure.height * 72
        let pad = Theme.outerPad
        var top = pad
        var title: PlacedText?
        if let t = figure.title, !t.isEmpty {
            let fitted = FittedText.fit(t, Theme.figureTitle, maxWidth: width - 2 * pad, m)
            title = PlacedText(fitted, at: Point(x: width / 2, y: pad), anchor: .middle, baseline: .top)
            top += fitted.size.height + 4
        }
        let area = Rect(x: pad, y: top, width: max(width - 2 * pad, 1), height: max(height - top - pad, 1))
        let (rows, cols) = (figure.rows, figure.columns)
        let gap = Theme.cellGap
        let cw = max((area.width - Double(cols - 1) * gap) / Double(cols), 1)
        let ch = max((area.height - Double(rows - 1) * gap) / Double(rows), 1)
        var plans = figure.axes.map { ax in
            AxesPlan(ax, cell: Rect(x: area.x + Double(ax.column) * (cw + gap), y: area.y + Double(ax.row) * (ch + gap),
                                    width: cw, height: ch), m)
        }
        var rects = plans.map { $0.cell.inset(left: 45, top: 20, right: 12, bottom: 35) }
        for _ in 0..<4 {
            for i in plans.indices { plans[i].plan(plot: rects[i], m) }
            let next = aligned(plans, rows: rows, cols: cols)
            let settled = zip(next, rects).allSatisfy { a, b in
                abs(a.minX - b.minX) + abs(a.maxX - b.maxX) + abs(a.minY - b.minY) + abs(a.maxY - b.maxY) < 0.5
            }
            rects = next
            if settled { break }
        }
        let axes = plans.indices.map { plans[$0].finalize(area: rects[$0], scale: scale, m) }
        return FigureGeometry(width: width, height: height, title: title, axes: axes)
    }

    /// Data areas with margins equalised along rows and columns.
    private static func aligned(_ plans: [AxesPlan], rows: Int, cols: Int) -> [Rect] {
        var left = [Double](repeating: 0, count: cols), right = left
        var top = [Double](repeating: 0, count: rows), bottom = top
        for p in plans {
            let (r, c) = (p.axes.row, p.axes.column)
            left[c] = max(left[c], p.margins.left)
            right[c] = max(right[c], p.margins.right)
            top[r] = max(top[r], p.margins.top)
            bottom[r] = max(bottom[r], p.margins.bottom)
        }
        return plans.map { p in
            let (r, c) = (p.axes.row, p.axes.column)
            return p.cell.inset(left: left[c], top: top[r], right: right[c], bottom: bottom[r])
        }
    }
}
