/// The little picture drawn before a legend label.
enum LegendHandle {
    case line(color: Color, width: Double, dash: LineDash, marker: Marker, markerSize: Double)
    case marker(color: Color, marker: Marker, size: Double)
    case patch(color: Color)
    case errorBar(color: Color, width: Double, marker: Marker, markerSize: Double)
}

struct LegendEntry {
    var handle: LegendHandle
    var label: FittedText
}

/// A sized and placed legend.
struct LegendGeometry {
    var box: Rect
    var entries: [LegendEntry]
    var rowHeight: Double

    /// Entries for every labelled series, in drawing order.
    static func entries(for axes: Axes, maxLabelWidth: Double, _ m: TextMeasuring) -> [LegendEntry] {
        axes.series.compactMap { s -> LegendEntry? in
            guard let label = s.label, !label.isEmpty else { return nil }
            let text = FittedText.fit(label, Theme.legend, maxWidth: maxLabelWidth, m)
            switch s {
            case let .line(l):
                return LegendEntry(handle: .line(color: l.color, width: l.lineWidth, dash: l.dash, marker: l.marker,
                                                 markerSize: l.markerSize), label: text)
            case let .scatter(p):
                let color = p.colors?.first ?? (p.values == nil ? p.color : p.colormap.color(at: 0.6))
                return LegendEntry(handle: .marker(color: color.withAlpha(p.alpha), marker: p.marker,
                                                   size: min(max(p.size, 4), 10)), label: text)
            case let .bars(b):
                return LegendEntry(handle: .patch(color: b.color), label: text)
            case let .band(b):
                return LegendEntry(handle: .patch(color: b.color.withAlpha(b.alpha)), label: text)
            case let .errorBars(e):
                return LegendEntry(handle: .errorBar(color: e.color, width: e.lineWidth, marker: e.marker,
                                                     markerSize: e.markerSize), label: text)
            case .image, .imageGrid, .heatmap:
                return nil
            }
        }
    }

    /// Lays out `entries` inside `plot`, at `location` or (for `.best`) where it covers
    /// the least of `footprint`.
    static func place(_ entries: [LegendEntry], in plot: Rect, location: LegendLocation,
                      footprint: Footprint) -> LegendGeometry? {
        guard !entries.isEmpty, location != .hidden else { return nil }
        let rowHeight = entries.map { $0.label.size.height }.max() ?? 0
        let labelWidth = entries.map { $0.label.size.width }.max() ?? 0
        let width = 2 * Theme.legendPad + Theme.legendHandleLength + Theme.legendHandleGap + labelWidth
        let n = Double(entries.count)
        let height = 2 * Theme.legendPad + n * rowHeight + (n - 1) * Theme.legendRowGap
        let candidates: [LegendLocation] = location == .best
            ? [.upperRight, .upperLeft, .lowerLeft, .lowerRight, .centerRight, .centerLeft,
               .lowerCenter, .upperCenter, .center]
            : [location]
        var best: (Rect, Double)?
        for c in candidates {
            let box = frame(c, width: width, height: height, in: plot)
            let score = footprint.overlap(with: box)
            if score < (best?.1 ?? .infinity) - 1e-9 { best = (box, score) }
            if score == 0 { break }
        }
        guard let chosen = best?.0 else { return nil }
        return LegendGeometry(box: chosen, entries: entries, rowHeight: rowHeight)
    }

    private static func frame(_ loc: LegendLocation, width: Double, height: Double, in p: Rect) -> Rect {
        let i = Theme.legendInset
        let left = p.minX + i, right = p.maxX - i - width, midX = p.midX - width / 2
        let top = p.minY + i, bottom = p.maxY - i - height, midY = p.midY - height / 2
        let (x, y): (Double, Double)
        switch loc {
        case .upperRight, .best, .hidden: (x, y) = (right, top)
        case .upperLeft: (x, y) = (left, top)
        case .lowerLeft: (x, y) = (left, bottom)
        case .lowerRight: (x, y) = (right, bottom)
        case .centerRight: (x, y) = (right, midY)
        case .centerLeft: (x, y) = (left, midY)
        case .lowerCenter: (x, y) = (midX, bottom)
        case .upperCenter: (x, y) = (midX, top)
        case .center: (x, y) = (midX, midY)
        }
        return Rect(x: x, y: y, width: width, height: height)
    }
}
