import Foundation

/// A figure: a size in inches, a resolution, an optional title and a grid of axes.
///
/// Layout is done in points (1/72 inch); `dpi` only changes how many pixels a PNG has.
///
///     let fig = Figure(width: 6.4, height: 4.8, dpi: 100)
///     try fig.axes[0].plot(y: [3, 1, 2], label: "loss")
///     try fig.save(to: "loss.png")
public final class Figure {
    public var width: Double
    public var height: Double
    public var dpi: Double
    /// A title centred above all axes (matplotlib's `suptitle`).
    public var title: String?
    public let rows: Int
    public let columns: Int
    /// Row-major: `axes[row * columns + column]`.
    public let axes: [Axes]

    /// Makes a figure with `rows × columns` axes (each clamped to 1…16).
    public init(width: Double = 6.4, height: Double = 4.8, dpi: Double = 100, rows: Int = 1, columns: Int = 1) {
        self.width = width
        self.height = height
        self.dpi = dpi
        self.rows = min(max(rows, 1), 16)
        self.columns = min(max(columns, 1), 16)
        let (r, c) = (self.rows, self.columns)
        self.axes = (0..<(r * c)).map { Axes(row: $0 / c, column: $0 % c) }
    }

    /// The axes at `row`, `column`, or `nil` when out of range.
    public func axes(row: Int, column: Int) -> Axes? {
        guard (0..<rows).contains(row), (0..<columns).contains(column) else { return nil }
        return axes[row * columns + column]
    }

    /// A figure sized for a sample sheet: `columns` tiles per row, with room for captions
    /// and a title. By default a tile is a whole multiple of the image size close to
    /// 0.8 inch (64 px for 32-pixel images at 100 dpi), so image pixels stay square.
    public static func imageGrid(_ images: [PlotImage], columns: Int? = nil, captions: [String]? = nil,
                                 title: String? = nil, tileInches: Double? = nil, dpi: Double = 100,
                                 colormap: Colormap = .gray) throws -> Figure {
        let auto = Int(Double(images.count).squareRoot().rounded(.up))
        let cols = max(1, min(columns ?? auto, max(images.count, 1)))
        let rows = max(1, (images.count + cols - 1) / cols)
        let aspect = images.first.map { $0.width > 0 && $0.height > 0 ? Double($0.height) / Double($0.width) : 1 } ?? 1
        let tile = tileInches.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
            ?? defaultTileInches(imageWidth: images.first?.width ?? 0, dpi: dpi)
        let gap = Theme.tileGap / 72, pad = Theme.outerPad / 72, slack = 0.04
        let captionInches = captions == nil ? 0 : (Theme.captionPad + Theme.caption.size * 1.17) / 72
        let titleInches = title == nil ? 0 : (Theme.figureTitle.size * 1.17 + 4) / 72
        let width = Double(cols) * tile + Double(cols - 1) * gap + 2 * pad + slack
        let height = Double(rows) * (tile * aspect + captionInches) + Double(rows - 1) * gap + 2 * pad + slack
            + titleInches
        let fig = Figure(width: width, height: height, dpi: dpi)
        fig.title = title
        try fig.axes[0].imageGrid(images, columns: cols, captions: captions, colormap: colormap)
        return fig
    }

    private static func defaultTileInches(imageWidth: Int, dpi: Double) -> Double {
        guard imageWidth > 0, dpi.isFinite, dpi > 0 else { return 0.8 }
        let multiple = max(1, (0.8 * dpi / Double(imageWidth)).rounded(.down))
        return min(multiple * Double(imageWidth) / dpi, 3)
    }

    /// Pixel size of a PNG of this figure.
    public var pixelSize: (width: Int, height: Int) {
        func pixels(_ inches: Double) -> Int {
            let v = (inches * dpi).rounded()
            return v.isFinite ? Int(min(max(v, -1), 1e9)) : -1
        }
        return (pixels(width), pixels(height))
    }

    /// A one-line description for the REPL, e.g.
    /// `Figure 6.4×4.8 in @ 100 dpi (640×480 px), 1 axes: 2 lines — "Loss"`.
    public var summary: String {
        let px = validated() == nil ? "\(pixelSize.width)×\(pixelSize.height) px" : "invalid size"
        let contents = axes.count == 1 ? axes[0].contentsSummary
            : "\(rows)×\(columns) axes: " + axes.map { $0.contentsSummary }.joined(separator: " | ")
        let name = title ?? axes.first?.title
        return "Figure \(Figure.short(width))×\(Figure.short(height)) in @ \(Figure.short(dpi)) dpi (\(px)), "
            + contents + (name.map { " — \"\($0)\"" } ?? "")
    }

    /// Checks that the figure can be rendered; returns the problem or `nil`.
    func validated() -> String? {
        guard width.isFinite, height.isFinite, width > 0, height > 0 else {
            return "size must be positive, got \(width)×\(height) inches"
        }
        guard dpi.isFinite, dpi >= 10, dpi <= 2400 else { return "dpi must be between 10 and 2400, got \(dpi)" }
        guard width <= 200, height <= 200 else { return "size must be at most 200×200 inches" }
        let (w, h) = pixelSize
        guard w >= 1, h >= 1, w <= 16384, h <= 16384 else {
            return "a \(w)×\(h) pixel image is too large (at most 16384 pixels a side)"
        }
        return nil
    }

    private static func short(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(format: "%.3g", v)
    }
}
