import Foundation

extension AxesPlan {
    /// Places everything for the final data area `area` (before equal-aspect shrinking).
    func finalize(area: Rect, scale: Double, _ m: TextMeasuring) -> AxesGeometry {
        var plan = self
        let plot = equalAspect(area)
        if plot != area { plan.plan(plot: plot, m) }
        let (xt, yt) = plan.transforms(plot)
        var g = AxesGeometry(axes: axes, cell: cell, plot: plot, x: xt, y: yt, xTicks: plan.xTicks, yTicks: plan.yTicks)
        if let t = title {
            let cx = clamp(plot.midX, t.size.width / 2, cell.minX, cell.maxX)
            g.title = PlacedText(t, at: Point(x: cx, y: plot.minY - Theme.titlePad), anchor: .middle, baseline: .bottom)
        }
        if let t = xLabel {
            let y = plot.maxY + plan.tickSpace(plan.xTicks, depth: plan.xTicks.depth) + Theme.labelPad
            let cx = clamp(plot.midX, t.size.width / 2, cell.minX, cell.maxX)
            g.xLabel = PlacedText(t, at: Point(x: cx, y: y), anchor: .middle, baseline: .top)
        }
        if let t = yLabel {
            let x = plot.minX - plan.tickSpace(plan.yTicks, depth: plan.yTicks.maxWidth) - Theme.labelPad
            let cy = clamp(plot.midY, t.size.width / 2, cell.minY, cell.maxY)
            g.yLabel = PlacedText(t, at: Point(x: x, y: cy), anchor: .middle, baseline: .bottom, angle: .pi / 2)
        }
        g.colorbar = plan.colorbarGeometry(plot)
        let entries = LegendGeometry.entries(for: axes, maxLabelWidth: max(plot.width * 0.7, 20), m)
        g.legend = LegendGeometry.place(entries, in: plot, location: axes.legend, footprint: Footprint(axes, x: xt, y: yt))
        if let grid = axes.series.lazy.compactMap({ s -> ImageGridSeries? in
            if case let .imageGrid(g) = s { return g } else { return nil }
        }).first {
            (g.tiles, g.captions) = AxesPlan.tiles(grid, in: plot, scale: scale, m)
        }
        return g
    }

    /// Shrinks `area` so one data unit is as long on x as on y (images).
    private func equalAspect(_ area: Rect) -> Rect {
        guard axes.equalAspect, xAxis.scale == .linear, yAxis.scale == .linear else { return area }
        let dx = abs(xAxis.upper - xAxis.lower), dy = abs(yAxis.upper - yAxis.lower)
        guard dx > 0, dy > 0, dx.isFinite, dy.isFinite else { return area }
        if area.width / area.height > dx / dy {
            let w = area.height * dx / dy
            return Rect(x: area.midX - w / 2, y: area.minY, width: w, height: area.height)
        }
        let h = area.width * dy / dx
        return Rect(x: area.minX, y: area.midY - h / 2, width: area.width, height: h)
    }

    private func colorbarGeometry(_ plot: Rect) -> ColorbarGeometry? {
        guard let c = colorbar else { return nil }
        let bar = Rect(x: plot.maxX + Theme.colorbarGap, y: plot.minY, width: Theme.colorbarWidth, height: plot.height)
        let axis = AxisTransform(lower: c.lower, upper: c.upper, scale: .linear, start: bar.maxY, end: bar.minY)
        let label = c.label.map { t -> PlacedText in
            let x = bar.maxX + Theme.tickLength + Theme.tickPad + colorbarTicks.maxWidth + Theme.labelPad
            let cy = clamp(bar.midY, t.size.width / 2, cell.minY, cell.maxY)
            return PlacedText(t, at: Point(x: x, y: cy), anchor: .middle, baseline: .top, angle: .pi / 2)
        }
        return ColorbarGeometry(bar: bar, axis: axis, ticks: colorbarTicks, colormap: c.colormap, label: label)
    }

    /// Tiles of an image grid centred in `plot`, snapped to device pixels, and captions.
    static func tiles(_ grid: ImageGridSeries, in plot: Rect, scale: Double, _ m: TextMeasuring)
        -> ([Rect], [PlacedText]) {
        let n = grid.images.count
        guard n > 0 else { return ([], []) }
        let cols = max(1, min(grid.columns, n)), rows = (n + cols - 1) / cols
        let first = grid.images[0]
        let aspect = first.width > 0 && first.height > 0 ? Double(first.height) / Double(first.width) : 1
        let captionHeight = grid.captions == nil ? 0 : Theme.captionPad + m.measure("Ag", Theme.caption).height
        let gap = Theme.tileGap
        let byWidth = (plot.width - Double(cols - 1) * gap) / Double(cols)
        let byHeight = (plot.height - Double(rows) * captionHeight - Double(rows - 1) * gap) / Double(rows) / aspect
        var tileW = max(min(byWidth, byHeight), 1 / scale)
        // Upscaled pictures get a whole number of device pixels per image pixel, so every
        // image pixel is drawn as an equal square.
        if first.width > 0, tileW * scale >= Double(first.width) {
            tileW = (tileW * scale / Double(first.width)).rounded(.down) * Double(first.width) / scale
        }
        let tileH = tileW * aspect
        let gridW = Double(cols) * tileW + Double(cols - 1) * gap
        let gridH = Double(rows) * (tileH + captionHeight) + Double(rows - 1) * gap
        let x0 = plot.midX - gridW / 2, y0 = plot.midY - gridH / 2
        var tiles: [Rect] = [], captions: [PlacedText] = []
        for k in 0..<n {
            let (row, col) = (k / cols, k % cols)
            let tile = Rect(x: x0 + Double(col) * (tileW + gap), y: y0 + Double(row) * (tileH + captionHeight + gap),
                            width: tileW, height: tileH).snapped(scale: scale)
            tiles.append(tile)
            if let text = grid.captions?[k], !text.isEmpty {
                let fitted = FittedText.fit(text, Theme.caption, maxWidth: tileW + gap - 1, m)
                captions.append(PlacedText(fitted, at: Point(x: tile.midX, y: tile.maxY + Theme.captionPad),
                                           anchor: .middle, baseline: .top))
            }
        }
        return (tiles, captions)
    }

    /// Centre `c` moved so a span of ±`half` stays within `lo…hi` (when it can).
    private func clamp(_ c: Double, _ half: Double, _ lo: Double, _ hi: Double) -> Double {
        guard hi - lo >= 2 * half else { return (lo + hi) / 2 }
        return min(max(c, lo + half), hi - half)
    }
}
