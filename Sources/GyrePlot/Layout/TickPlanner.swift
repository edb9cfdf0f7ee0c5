import Foundation

/// The ticks of one axis, with their labels already measured.
struct AxisTicks {
    var values: [Double] = []
    var labels: [String] = []
    var sizes: [TextSize] = []
    var minor: [Double] = []
    /// Labels of a horizontal axis turned to read bottom-to-top (crowded categories).
    var rotated = false

    /// How far the labels reach away from the axis line.
    var depth: Double {
        if rotated { return sizes.map { $0.width }.max() ?? 0 }
        return sizes.map { $0.height }.max() ?? 0
    }

    var maxWidth: Double { sizes.map { $0.width }.max() ?? 0 }
}

/// Chooses ticks for an axis of a given length so that labels never collide: it starts
/// from a density suited to the length and thins the ticks until neighbours fit.
enum TickPlanner {
    /// `spacing` is the smallest distance (points) wanted between ticks before labels
    /// are considered; horizontal axes then thin further until labels fit.
    static func plan(_ axis: ResolvedAxis, along t: AxisTransform, horizontal: Bool, spacing: Double? = nil,
                     _ m: TextMeasuring) -> AxisTicks {
        let length = abs(t.end - t.start)
        let density = Int(length / (spacing ?? (horizontal ? 35 : 25))) + 1
        var maxTicks = min(max(density, 2), 10)
        switch axis.mode {
        case let .custom(ticks):
            let inside = ticks.filter { $0.value.isFinite && t.contains($0.value) && t.position($0.value) != nil }
            var result = measured(inside.map { $0.value }, inside.map { $0.label }, m)
            if horizontal && collides(result, t) { result.rotated = true }
            return result
        case let .index(count):
            while true {
                let picks = NiceTicks.linear(0, Double(max(count - 1, 0)), maxTicks: maxTicks)
                    .filter { $0 == $0.rounded() && $0 >= 0 }
                let result = measured(picks.map { $0 + 0.5 }, picks.map { String(Int($0)) }, m)
                if !horizontal || !collides(result, t) || maxTicks <= 2 { return result }
                maxTicks -= 1
            }
        case .numeric:
            if axis.scale == .log, let d = NiceTicks.logDecades(axis.lower, axis.upper, maxTicks: maxTicks), d.major.count >= 3 {
                var result = measured(d.major, d.exponents.map(TickFormatter.power), m)
                result.minor = d.minor
                return result
            }
            if axis.scale == .log, let values = NiceTicks.logMantissas(axis.lower, axis.upper) {
                var picks = values
                while true {
                    let result = measured(picks, TickFormatter.labels(picks), m)
                    if !horizontal || !collides(result, t) || picks.count <= 2 { return result }
                    picks = stride(from: 0, to: picks.count, by: 2).map { picks[$0] }
                }
            }
            if axis.scale == .log, let d = NiceTicks.logDecades(axis.lower, axis.upper, maxTicks: maxTicks) {
                var result = measured(d.major, d.exponents.map(TickFormatter.power), m)
                result.minor = d.minor
                return result
            }
            while true {
                let values = NiceTicks.linear(axis.lower, axis.upper, maxTicks: maxTicks)
                let result = measured(values, TickFormatter.labels(values), m)
                if !horizontal || !collides(result, t) || maxTicks <= 2 { return result }
                maxTicks -= 1
            }
        }
    }

    private static func measured(_ values: [Double], _ labels: [String], _ m: TextMeasuring) -> AxisTicks {
        AxisTicks(values: values, labels: labels, sizes: labels.map { m.measure($0, Theme.tick) })
    }

    /// True when two neighbouring horizontal labels would come closer than 5 pt.
    private static func collides(_ ticks: AxisTicks, _ t: AxisTransform) -> Bool {
        let spans: [(Double, Double)] = zip(ticks.values, ticks.sizes).compactMap { v, s in
            t.position(v).map { ($0 - s.width / 2, $0 + s.width / 2) }
        }.sorted { $0.0 < $1.0 }
        return zip(spans, spans.dropFirst()).contains { a, b in b.0 - a.1 < 5 }
    }
}
