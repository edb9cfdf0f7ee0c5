/// How a line is dashed. Dash lengths scale with the line width, as in matplotlib.
public enum LineDash: Sendable, Equatable {
    case solid
    case dashed
    case dotted
    case dashDot
    /// On/off lengths in points (not scaled by the line width).
    case custom([Double])

    /// Accepts `"-"`, `"--"`, `":"`, `"-."` and the names `solid`, `dashed`, `dotted`, `dashdot`.
    public init?(name: String) {
        switch name.lowercased() {
        case "-", "solid": self = .solid
        case "--", "dashed": self = .dashed
        case ":", "dotted": self = .dotted
        case "-.", "dashdot", "dash-dot": self = .dashDot
        default: return nil
        }
    }

    /// The Cairo dash array for a line of width `lineWidth`; empty means solid.
    func pattern(lineWidth: Double) -> [Double] {
        let w = max(lineWidth, 0.5)
        switch self {
        case .solid: return []
        case .dashed: return [3.7 * w, 1.6 * w]
        case .dotted: return [1 * w, 1.65 * w]
        case .dashDot: return [6.4 * w, 1.6 * w, 1 * w, 1.6 * w]
        case let .custom(lengths):
            let valid = lengths.filter { $0.isFinite && $0 > 0 }
            return valid.count == lengths.count ? valid : []
        }
    }
}

/// A marker drawn at each data point.
public enum Marker: String, Sendable, CaseIterable {
    case none
    case circle
    case square
    case triangle
    case diamond
    case plus
    case cross
    case point

    /// Accepts the case names and matplotlib's codes `o s ^ D d + x .`.
    public init?(name: String) {
        switch name {
        case "", "none": self = .none
        case "o": self = .circle
        case "s": self = .square
        case "^": self = .triangle
        case "D", "d": self = .diamond
        case "+": self = .plus
        case "x": self = .cross
        case ".": self = .point
        default:
            guard let m = Marker(rawValue: name.lowercased()) else { return nil }
            self = m
        }
    }

    /// Markers drawn as strokes only (no fill).
    var isStroked: Bool { self == .plus || self == .cross }
}

/// A scale for an axis.
public enum AxisScale: String, Sendable, Equatable {
    case linear
    /// Base-10 logarithmic; non-positive values are skipped.
    case log
}

/// Explicit axis limits. `lower > upper` is allowed and flips the axis.
public struct AxisLimits: Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    public init(_ lower: Double, _ upper: Double) throws {
        guard lower.isFinite, upper.isFinite else {
            throw PlotError.invalidData("axis limits must be finite numbers, got \(lower) and \(upper)")
        }
        guard lower != upper else {
            throw PlotError.invalidData("axis limits must differ, got \(lower) twice")
        }
        self.lower = lower
        self.upper = upper
    }
}

/// A tick at `value` labelled `label` (custom or categorical ticks).
public struct Tick: Sendable, Equatable {
    public var value: Double
    public var label: String

    public init(_ value: Double, _ label: String) {
        self.value = value
        self.label = label
    }
}

/// Where the legend goes. `.best` picks the inside corner or edge overlapping the least data.
public enum LegendLocation: String, Sendable, CaseIterable {
    case best
    case upperRight
    case upperLeft
    case lowerLeft
    case lowerRight
    case centerRight
    case centerLeft
    case lowerCenter
    case upperCenter
    case center
    case hidden

    /// Accepts the case names and matplotlib's spellings (`"upper right"`, `"best"`, `"none"`).
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "_", with: "")
        if key == "none" || key == "off" {
            self = .hidden
            return
        }
        if key == "right" {
            self = .centerRight
            return
        }
        guard let match = LegendLocation.allCases.first(where: { $0.rawValue.lowercased() == key }) else {
            return nil
        }
        self = match
    }
}
