/// A line through points, optionally with markers at the points.
public struct LineSeries: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var color: Color
    public var lineWidth: Double
    public var dash: LineDash
    public var marker: Marker
    public var markerSize: Double
    public var label: String?
}

/// Markers at points; size (diameter in points) and colour may vary per point.
public struct ScatterSeries: Sendable {
    public var x: [Double]
    public var y: [Double]
    /// Per-point diameters in points; `nil` uses `size` for every point.
    public var sizes: [Double]?
    public var size: Double
    /// Per-point colours; takes precedence over `values`.
    public var colors: [Color]?
    /// Per-point values mapped through `colormap` over their finite range.
    public var values: [Double]?
    public var colormap: Colormap
    public var color: Color
    public var marker: Marker
    public var alpha: Double
    public var label: String?
}

/// Vertical bars from `bottoms[i]` to `bottoms[i] + heights[i]`, spanning
/// `lefts[i] ..< lefts[i] + widths[i]`. Histograms are bars with adjacent edges.
public struct BarSeries: Sendable {
    public var lefts: [Double]
    public var widths: [Double]
    public var heights: [Double]
    public var bottoms: [Double]
    public var color: Color
    public var edgeColor: Color?
    public var label: String?
}

/// Points with error bars. `yLower`/`yUpper` are distances below/above `y` (non-negative).
public struct ErrorBarSeries: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var yLower: [Double]?
    public var yUpper: [Double]?
    public var xErrors: [Double]?
    public var color: Color
    public var lineWidth: Double
    public var capSize: Double
    public var marker: Marker
    public var markerSize: Double
    /// Also draw a line through the points.
    public var connect: Bool
    public var label: String?
}

/// A shaded band between `lower` and `upper` over `x` (`fill_between`).
public struct BandSeries: Sendable {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var color: Color
    public var alpha: Double
    public var label: String?
}

/// One image covering data coordinates `0…width × 0…height`, row 0 at the top.
public struct ImageSeries: Sendable {
    public var image: PlotImage
    public var colormap: Colormap
    public var lower: Double
    public var upper: Double
    public var showColorbar: Bool
}

/// Images tiled in a grid (row-major), each with an optional caption below it.
public struct ImageGridSeries: Sendable {
    public var images: [PlotImage]
    public var columns: Int
    public var captions: [String]?
    public var colormap: Colormap
}

/// A matrix of values drawn as coloured cells (row 0 at the top) with a colour bar.
public struct HeatmapSeries: Sendable {
    /// Row-major, `rows * columns` entries; NaN cells are left blank.
    public var values: [Double]
    public var rows: Int
    public var columns: Int
    public var colormap: Colormap
    public var lower: Double
    public var upper: Double
    public var showColorbar: Bool
    public var colorbarLabel: String?
    /// Print each cell's value in it.
    public var annotate: Bool
}

/// Anything an `Axes` can draw.
public enum Series: Sendable {
    case line(LineSeries)
    case scatter(ScatterSeries)
    case bars(BarSeries)
    case errorBars(ErrorBarSeries)
    case band(BandSeries)
    case image(ImageSeries)
    case imageGrid(ImageGridSeries)
    case heatmap(HeatmapSeries)

    /// The legend label, if any.
    public var label: String? {
        switch self {
        case let .line(s): return s.label
        case let .scatter(s): return s.label
        case let .bars(s): return s.label
        case let .errorBars(s): return s.label
        case let .band(s): return s.label
        case .image, .imageGrid, .heatmap: return nil
        }
    }

    /// True for kinds drawn as pictures (no numeric axes of their own).
    var isRaster: Bool {
        switch self {
        case .image, .imageGrid, .heatmap: return true
        default: return false
        }
    }
}
