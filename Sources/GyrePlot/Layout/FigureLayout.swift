// MARK: - Internal geometry (points)

/// A colour bar beside an axes.
struct ColorbarGeometry {
    var bar: Rect
    var axis: AxisTransform
    var ticks: AxisTicks
    var colormap: Colormap
    var label: PlacedText?
}

/// Everything the renderer needs to draw one axes, in points.
struct AxesGeometry {
    var axes: Axes
    var cell: Rect
    var plot: Rect
    var x: AxisTransform
    var y: AxisTransform
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    var title: PlacedText?
    var xLabel: PlacedText?
    var yLabel: PlacedText?
    var legend: LegendGeometry?
    var colorbar: ColorbarGeometry?
    var tiles: [Rect] = []
    var captions: [PlacedText] = []
}

/// A whole laid-out figure, in points.
struct FigureGeometry {
    var width: Double
    var height: Double
    var title: PlacedText?
    var axes: [AxesGeometry]
}

// MARK: - Public layout (device pixels)

/// Where things landed on a rendered figure, in device pixels (points × dpi / 72) for
/// PNGs. Tests use it to find the pixel of a data point; embedders to map clicks back.
public struct AxesLayout: Sendable {
    /// The data area (inside the frame).
    public let plotRect: Rect
    /// Data → pixel mapping of each axis.
    public let x: AxisTransform
    public let y: AxisTransform
    /// Tile rectangles of an image grid, in image order.
    public let tiles: [Rect]
    public let titleRect: Rect?
    public let xLabelRect: Rect?
    public let yLabelRect: Rect?
    public let legendRect: Rect?
    public let colorbarRect: Rect?

    /// The pixel position of data point `(x, y)`, or `nil` if it cannot be drawn
    /// (NaN, or non-positive on a log axis). Pixel `(i, j)` covers `[i, i+1) × [j, j+1)`.
    public func pixel(x: Double, y: Double) -> Point? {
        guard let px = self.x.position(x), let py = self.y.position(y) else { return nil }
        return Point(x: px, y: py)
    }

    init(_ g: AxesGeometry, scale s: Double) {
        plotRect = g.plot.scaled(by: s)
        x = g.x.scaled(by: s)
        y = g.y.scaled(by: s)
        tiles = g.tiles.map { $0.scaled(by: s) }
        titleRect = g.title?.box.scaled(by: s)
        xLabelRect = g.xLabel?.box.scaled(by: s)
        yLabelRect = g.yLabel?.box.scaled(by: s)
        legendRect = g.legend?.box.scaled(by: s)
        colorbarRect = g.colorbar?.bar.scaled(by: s)
    }
}

/// The layout of a whole figure, in device pixels.
public struct FigureLayout: Sendable {
    public let width: Int
    public let height: Int
    /// Device pixels per point (`dpi / 72`).
    public let pixelsPerPoint: Double
    public let titleRect: Rect?
    /// Row-major, like `Figure.axes`.
    public let axes: [AxesLayout]

    init(_ g: FigureGeometry, pixelWidth: Int, pixelHeight: Int, scale s: Double) {
        width = pixelWidth
        height = pixelHeight
        pixelsPerPoint = s
        titleRect = g.title?.box.scaled(by: s)
        axes = g.axes.map { AxesLayout($0, scale: s) }
    }
}
