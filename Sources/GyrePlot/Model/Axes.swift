/// One plotting area of a figure: its series and its decorations.
///
/// Axes are reference objects owned by their `Figure`; mutate them in place:
///
///     let fig = Figure()
///     let ax = fig.axes[0]
///     try ax.plot(x: [0, 1, 2], y: [0, 1, 4], label: "x²")
///     ax.title = "Growth"
public final class Axes {
    /// Row and column of this axes in its figure's grid.
    public let row: Int
    public let column: Int

    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// Explicit limits; `nil` fits the data (with a 5 % margin for points and lines).
    public var xLimits: AxisLimits?
    public var yLimits: AxisLimits?
    public var xScale: AxisScale = .linear
    public var yScale: AxisScale = .linear
    /// Light grid lines at the major ticks.
    public var grid = false
    /// Shown when at least one series has a label, unless `.hidden`.
    public var legend: LegendLocation = .best
    /// Custom ticks; `nil` picks nice numbers.
    public var xTicks: [Tick]?
    public var yTicks: [Tick]?
    /// Draw the frame, ticks and tick labels (image grids never do).
    public var showAxes = true
    /// Equal data units on x and y (on by default for `imshow`).
    public var equalAspect = false

    public private(set) var series: [Series] = []
    private var colorIndex = 0

    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Removes every series and resets the colour cycle; decorations stay.
    public func clear() {
        series.removeAll()
        colorIndex = 0
    }

    /// Adds a series; only the validating methods in `Axes+Series.swift` call this, so
    /// every stored series has consistent lengths.
    func add(_ s: Series) {
        series.append(s)
    }

    /// The next colour of the default cycle.
    func nextColor() -> Color {
        defer { colorIndex += 1 }
        return Color.cycle[colorIndex % Color.cycle.count]
    }

    /// True when some series would appear in the legend.
    var hasLegendEntries: Bool {
        legend != .hidden && series.contains { ($0.label ?? "").isEmpty == false }
    }

    /// A one-line description, e.g. `2 lines, 1 scatter`.
    var contentsSummary: String {
        var counts: [(String, Int)] = []
        func bump(_ name: String) {
            if let i = counts.firstIndex(where: { $0.0 == name }) {
                counts[i].1 += 1
            } else {
                counts.append((name, 1))
            }
        }
        for s in series {
            switch s {
            case .line: bump("line")
            case .scatter: bump("scatter")
            case .bars: bump("bars")
            case .errorBars: bump("errorbar")
            case .band: bump("band")
            case .image: bump("image")
            case .imageGrid: bump("image grid")
            case .heatmap: bump("heatmap")
            }
        }
        if counts.isEmpty { return "empty" }
        return counts.map { "\($0.1) \($0.0)\($0.1 > 1 && !$0.0.hasSuffix("s") ? "s" : "")" }
            .joined(separator: ", ")
    }
}
