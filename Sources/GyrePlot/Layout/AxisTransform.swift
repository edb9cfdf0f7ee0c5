import Foundation

/// Maps data values on one axis to drawing coordinates: `lower` goes to `start` and
/// `upper` to `end` (for a y axis `start` is the bottom edge, so `start > end`).
public struct AxisTransform: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let scale: AxisScale
    public let start: Double
    public let end: Double

    public init(lower: Double, upper: Double, scale: AxisScale, start: Double, end: Double) {
        self.lower = lower
        self.upper = upper
        self.scale = scale
        self.start = start
        self.end = end
    }

    /// The drawing coordinate of `value`, or `nil` for NaN, ±∞ or a non-positive value
    /// on a log axis.
    public func position(_ value: Double) -> Double? {
        guard let f = warp(value), let a = warp(lower), let b = warp(upper), a != b else { return nil }
        let p = start + (f - a) / (b - a) * (end - start)
        return p.isFinite ? p : nil
    }

    /// The data value at drawing coordinate `p` (inverse of `position`).
    public func value(at p: Double) -> Double? {
        guard let a = warp(lower), let b = warp(upper), end != start else { return nil }
        let f = a + (p - start) / (end - start) * (b - a)
        return scale == .log ? Foundation.pow(10, f) : f
    }

    /// True when `value` lies within the limits (inclusive, either orientation).
    public func contains(_ value: Double) -> Bool {
        value >= Swift.min(lower, upper) - 1e-12 * abs(upper - lower)
            && value <= Swift.max(lower, upper) + 1e-12 * abs(upper - lower)
    }

    func scaled(by s: Double) -> AxisTransform {
        AxisTransform(lower: lower, upper: upper, scale: scale, start: start * s, end: end * s)
    }

    private func warp(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch scale {
        case .linear: return v
        case .log: return v > 0 ? Foundation.log10(v) : nil
        }
    }
}
