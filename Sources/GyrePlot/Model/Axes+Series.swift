/// The series-adding API the language builtins call. Every method validates its input and
/// throws `PlotError.invalidData` with a readable message instead of trapping; NaN values
/// are accepted and simply not drawn.
extension Axes {
    /// A line through `(x[i], y[i])`; `x` defaults to `0, 1, 2, …`.
    public func plot(x: [Double]? = nil, y: [Double], color: Color? = nil, lineWidth: Double = 1.5,
                     dash: LineDash = .solid, marker: Marker = .none, markerSize: Double = 6,
                     label: String? = nil) throws {
        let xs = x ?? y.indices.map(Double.init)
        try Axes.requireSameCount("plot", ("x", xs.count), ("y", y.count))
        add(.line(LineSeries(x: xs, y: y, color: color ?? nextColor(), lineWidth: Axes.positive(lineWidth, 1.5),
                             dash: dash, marker: marker, markerSize: Axes.positive(markerSize, 6), label: label)))
    }

    /// Markers at `(x[i], y[i])`. `sizes` are diameters in points; `colors` or `values`
    /// (mapped through `colormap`) colour each point.
    public func scatter(x: [Double], y: [Double], sizes: [Double]? = nil, size: Double = 6,
                        colors: [Color]? = nil, values: [Double]? = nil, colormap: Colormap = .viridis,
                        color: Color? = nil, marker: Marker = .circle, alpha: Double = 1,
                        label: String? = nil) throws {
        try Axes.requireSameCount("scatter", ("x", x.count), ("y", y.count))
        if let sizes { try Axes.requireSameCount("scatter", ("x", x.count), ("sizes", sizes.count)) }
        if let colors { try Axes.requireSameCount("scatter", ("x", x.count), ("colors", colors.count)) }
        if let values { try Axes.requireSameCount("scatter", ("x", x.count), ("values", values.count)) }
        add(.scatter(ScatterSeries(x: x, y: y, sizes: sizes, size: Axes.positive(size, 6), colors: colors,
                                   values: values, colormap: colormap, color: color ?? nextColor(),
                                   marker: marker == .none ? .circle : marker, alpha: alpha, label: label)))
    }

    /// A histogram of the finite values; returns the bins it drew.
    @discardableResult
    public func hist(_ values: [Double], bins: Int = 10, range: (Double, Double)? = nil, density: Bool = false,
                     color: Color? = nil, alpha: Double = 1, label: String? = nil) throws -> Histogram {
        guard bins >= 1, bins <= 100_000 else {
            throw PlotError.invalidData("hist: bins must be between 1 and 100000, got \(bins)")
        }
        let h = Histogram.compute(values, bins: bins, range: range, density: density)
        let lefts = Array(h.edges.dropLast())
        let widths = zip(h.edges.dropFirst(), h.edges).map { $0 - $1 }
        let fill = (color ?? nextColor()).withAlpha(min(max(alpha, 0), 1))
        add(.bars(BarSeries(lefts: lefts, widths: widths, heights: h.counts,
                            bottoms: [Double](repeating: 0, count: h.counts.count),
                            color: fill, edgeColor: .white, label: label)))
        return h
    }

    /// Bars of `heights` centred at `x`.
    public func bar(x: [Double], heights: [Double], width: Double = 0.8, bottoms: [Double]? = nil,
                    color: Color? = nil, label: String? = nil) throws {
        try Axes.requireSameCount("bar", ("x", x.count), ("heights", heights.count))
        if let bottoms { try Axes.requireSameCount("bar", ("x", x.count), ("bottoms", bottoms.count)) }
        let w = Axes.positive(width, 0.8)
        add(.bars(BarSeries(lefts: x.map { $0 - w / 2 }, widths: [Double](repeating: w, count: x.count),
                            heights: heights, bottoms: bottoms ?? [Double](repeating: 0, count: x.count),
                            color: color ?? nextColor(), edgeColor: nil, label: label)))
    }

    /// Bars for named categories at `0, 1, 2, …`, with the names as x tick labels.
    public func bar(categories: [String], heights: [Double], width: Double = 0.8, color: Color? = nil,
                    label: String? = nil) throws {
        try Axes.requireSameCount("bar", ("categories", categories.count), ("heights", heights.count))
        try bar(x: categories.indices.map(Double.init), heights: heights, width: width, color: color, label: label)
        xTicks = categories.enumerated().map { Tick(Double($0.offset), $0.element) }
    }

    /// Points with symmetric error bars `yErrors` (and optionally `xErrors`).
    public func errorbar(x: [Double], y: [Double], yErrors: [Double]? = nil, xErrors: [Double]? = nil,
                         color: Color? = nil, lineWidth: Double = 1.5, capSize: Double = 3,
                         marker: Marker = .circle, markerSize: Double = 5, connect: Bool = true,
                         label: String? = nil) throws {
        try errorbar(x: x, y: y, yLower: yErrors, yUpper: yErrors, xErrors: xErrors, color: color,
                     lineWidth: lineWidth, capSize: capSize, marker: marker, markerSize: markerSize,
                     connect: connect, label: label)
    }

    /// Points with asymmetric error bars: `yLower`/`yUpper` are distances below/above `y`.
    public func errorbar(x: [Double], y: [Double], yLower: [Double]?, yUpper: [Double]?, xErrors: [Double]? = nil,
                         color: Color? = nil, lineWidth: Double = 1.5, capSize: Double = 3,
                         marker: Marker = .circle, markerSize: Double = 5, connect: Bool = true,
                         label: String? = nil) throws {
        try Axes.requireSameCount("errorbar", ("x", x.count), ("y", y.count))
        for (name, errs) in [("yerr", yLower), ("yerr", yUpper), ("xerr", xErrors)] {
            if let errs { try Axes.requireSameCount("errorbar", ("x", x.count), (name, errs.count)) }
        }
        add(.errorBars(ErrorBarSeries(x: x, y: y, yLower: yLower, yUpper: yUpper, xErrors: xErrors,
                                      color: color ?? nextColor(), lineWidth: Axes.positive(lineWidth, 1.5),
                                      capSize: max(0, capSize.isFinite ? capSize : 3), marker: marker,
                                      markerSize: Axes.positive(markerSize, 5), connect: connect, label: label)))
    }

    /// A shaded band between `lower` and `upper` (`fill_between`).
    public func fillBetween(x: [Double], lower: [Double], upper: [Double], color: Color? = nil,
                            alpha: Double = 0.25, label: String? = nil) throws {
        try Axes.requireSameCount("fill_between", ("x", x.count), ("lower", lower.count))
        try Axes.requireSameCount("fill_between", ("x", x.count), ("upper", upper.count))
        add(.band(BandSeries(x: x, lower: lower, upper: upper, color: color ?? nextColor(),
                             alpha: min(max(alpha.isNaN ? 0.25 : alpha, 0), 1), label: label)))
    }

    /// Shows one image (row 0 at the top, equal aspect, pixel-index ticks). Greyscale
    /// images go through `colormap` with `lower`→0 and `upper`→1.
    public func imshow(_ image: PlotImage, colormap: Colormap = .gray, lower: Double = 0, upper: Double = 1,
                       colorbar: Bool = false) {
        add(.image(ImageSeries(image: image, colormap: colormap, lower: lower.isFinite ? lower : 0,
                               upper: upper.isFinite ? upper : 1, showColorbar: colorbar && image.isGrayscale)))
        equalAspect = true
    }

    /// Tiles `images` row-major in `columns` columns (default ≈ √n), each with an optional caption.
    public func imageGrid(_ images: [PlotImage], columns: Int? = nil, captions: [String]? = nil,
                          colormap: Colormap = .gray) throws {
        if let captions, captions.count != images.count {
            throw PlotError.invalidData("image_grid: \(images.count) images but \(captions.count) captions")
        }
        let auto = Int(Double(images.count).squareRoot().rounded(.up))
        let cols = max(1, min(columns ?? auto, max(images.count, 1)))
        if let columns, columns < 1 {
            throw PlotError.invalidData("image_grid: columns must be at least 1, got \(columns)")
        }
        add(.imageGrid(ImageGridSeries(images: images, columns: cols, captions: captions, colormap: colormap)))
        showAxes = false
    }

    /// A heatmap of a row-major `rows × columns` matrix with a colour bar. The colour range
    /// defaults to the finite min…max; labels, when given, become the tick labels.
    public func heatmap(_ values: [Double], rows: Int, columns: Int, colormap: Colormap = .viridis,
                        lower: Double? = nil, upper: Double? = nil, colorbar: Bool = true,
                        colorbarLabel: String? = nil, rowLabels: [String]? = nil,
                        columnLabels: [String]? = nil, annotate: Bool = false) throws {
        guard rows >= 0, columns >= 0, rows.multipliedReportingOverflow(by: columns).partialValue == values.count,
              !rows.multipliedReportingOverflow(by: columns).overflow else {
            throw PlotError.invalidData("heatmap: a \(rows)×\(columns) matrix needs \(rows)×\(columns) values, got \(values.count)")
        }
        if let rowLabels { try Axes.requireSameCount("heatmap", ("rows", rows), ("row labels", rowLabels.count)) }
        if let columnLabels {
            try Axes.requireSameCount("heatmap", ("columns", columns), ("column labels", columnLabels.count))
        }
        let finite = values.filter { $0.isFinite }
        var lo = lower ?? finite.min() ?? 0, hi = upper ?? finite.max() ?? 1
        if !lo.isFinite { lo = 0 }
        if !hi.isFinite { hi = lo + 1 }
        if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
        add(.heatmap(HeatmapSeries(values: values, rows: rows, columns: columns, colormap: colormap,
                                   lower: lo, upper: hi, showColorbar: colorbar, colorbarLabel: colorbarLabel,
                                   annotate: annotate)))
        if let rowLabels { yTicks = rowLabels.enumerated().map { Tick(Double($0.offset) + 0.5, $0.element) } }
        if let columnLabels { xTicks = columnLabels.enumerated().map { Tick(Double($0.offset) + 0.5, $0.element) } }
    }

    static func requireSameCount(_ function: String, _ a: (String, Int), _ b: (String, Int)) throws {
        guard a.1 == b.1 else {
            throw PlotError.invalidData("\(function): \(a.0) has \(a.1) values but \(b.0) has \(b.1)")
        }
    }

    /// `v` if it is a sensible size in points (0 < v ≤ 1000), else `fallback`.
    static func positive(_ v: Double, _ fallback: Double) -> Double {
        v.isFinite && v > 0 ? min(v, 1000) : fallback
    }
}
