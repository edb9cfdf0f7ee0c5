import Foundation

/// Space an axes needs around its data area for ticks, labels, title and colour bar.
struct Margins {
    var left = 0.0
    var top = 0.0
    var right = 0.0
    var bottom = 0.0
}

/// One axes while the figure is being laid out: its fitted texts, its ticks for the
/// current guess of the data area, and the margins those need.
struct AxesPlan {
    let axes: Axes
    let cell: Rect
    let xAxis: ResolvedAxis
    let yAxis: ResolvedAxis
    let title: FittedText?
    let xLabel: FittedText?
    let yLabel: FittedText?
    let colorbar: (colormap: Colormap, lower: Double, upper: Double, label: FittedText?)?
    private(set) var xTicks = AxisTicks()
    private(set) var yTicks = AxisTicks()
    private(set) var colorbarTicks = AxisTicks()
    private(set) var margins = Margins()

    init(_ axes: Axes, cell: Rect, _ m: TextMeasuring) {
        self.axes = axes
        self.cell = cell
        (xAxis, yAxis) = Autoscale.resolve(axes)
        func fit(_ s: String?, _ style: TextStyle, _ width: Double) -> FittedText? {
            guard let s, !s.isEmpty else { return nil }
            return FittedText.fit(s, style, maxWidth: width, m)
        }
        title = fit(axes.title, Theme.title, cell.width)
        xLabel = fit(axes.xLabel, Theme.label, cell.width)
        yLabel = fit(axes.yLabel, Theme.label, cell.height)
        colorbar = AxesPlan.colorbarSpec(axes).map { spec in
            (spec.0, spec.1, spec.2, fit(spec.3, Theme.label, cell.height))
        }
    }

    private static func colorbarSpec(_ axes: Axes) -> (Colormap, Double, Double, String?)? {
        for s in axes.series {
            if case let .heatmap(h) = s, h.showColorbar { return (h.colormap, h.lower, h.upper, h.colorbarLabel) }
            if case let .image(i) = s, i.showColorbar { return (i.colormap, i.lower, i.upper, nil) }
        }
        return nil
    }

    var drawsTicks: Bool { axes.showAxes }

    func transforms(_ plot: Rect) -> (AxisTransform, AxisTransform) {
        (AxisTransform(lower: xAxis.lower, upper: xAxis.upper, scale: xAxis.scale, start: plot.minX, end: plot.maxX),
         AxisTransform(lower: yAxis.lower, upper: yAxis.upper, scale: yAxis.scale, start: plot.maxY, end: plot.minY))
    }

    func colorbarTransform(_ plot: Rect) -> AxisTransform? {
        colorbar.map { AxisTransform(lower: $0.lower, upper: $0.upper, scale: .linear, start: plot.maxY, end: plot.minY) }
    }

    /// Chooses ticks for a data area of `plot` and measures the margins they need.
    mutating func plan(plot: Rect, _ m: TextMeasuring) {
        let (xt, yt) = transforms(plot)
        if drawsTicks {
            xTicks = TickPlanner.plan(xAxis, along: xt, horizontal: true, m)
            yTicks = TickPlanner.plan(yAxis, along: yt, horizontal: false, m)
        }
        if let c = colorbar, let ct = colorbarTransform(plot) {
            colorbarTicks = TickPlanner.plan(ResolvedAxis(lower: c.lower, upper: c.upper, scale: .linear, mode: .numeric),
                                             along: ct, horizontal: false, spacing: 40, m)
        }
        margins = measureMargins(plot, xt, yt)
    }

    func tickSpace(_ ticks: AxisTicks, depth: Double) -> Double {
        guard drawsTicks else { return 0 }
        return ticks.values.isEmpty ? Theme.tickLength : Theme.tickLength + Theme.tickPad + depth
    }

    private func measureMargins(_ plot: Rect, _ xt: AxisTransform, _ yt: AxisTransform) -> Margins {
        var out = Margins()
        out.left = tickSpace(yTicks, depth: yTicks.maxWidth) + (yLabel.map { Theme.labelPad + $0.size.height } ?? 0)
        out.bottom = tickSpace(xTicks, depth: xTicks.depth) + (xLabel.map { Theme.labelPad + $0.size.height } ?? 0)
        out.top = title.map { Theme.titlePad + $0.size.height } ?? 0
        // Labels centred on ticks near the ends overhang the frame.
        if drawsTicks && !xTicks.rotated {
            for (v, s) in zip(xTicks.values, xTicks.sizes) {
                guard let p = xt.position(v) else { continue }
                out.left = max(out.left, plot.minX - (p - s.width / 2))
                out.right = max(out.right, p + s.width / 2 - plot.maxX)
            }
        }
        var overhang = 0.0
        for (v, s) in zip(yTicks.values, yTicks.sizes) {
            guard let p = yt.position(v) else { continue }
            overhang = max(overhang, plot.minY - (p - s.height / 2), p + s.height / 2 - plot.maxY)
        }
        if let c = colorbar {
            let labels = colorbarTicks.maxWidth + Theme.tickLength + Theme.tickPad
            out.right = max(out.right, Theme.colorbarGap + Theme.colorbarWidth + labels
                                + (c.label.map { Theme.labelPad + $0.size.height } ?? 0))
            overhang = max(overhang, (colorbarTicks.sizes.map { $0.height }.max() ?? 0) / 2)
        }
        out.top = max(out.top, overhang)
        out.bottom = max(out.bottom, overhang)
        out.right = max(out.right, 2)
        return out
    }
}
