import Foundation

/// Tick positions at "nice" numbers.
///
/// Linear axes use the 1-2-5 rule: the step is 1, 2 or 5 times a power of ten, the
/// smallest such step giving at most `maxTicks` ticks inside the range. Log axes put
/// major ticks at powers of ten (every k-th decade when there are many) and minor ticks
/// at 2…9 times each decade.
///
///     NiceTicks.linear(0, 1, maxTicks: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1]
public enum NiceTicks {
    /// Ticks inside `[lower, upper]` (either order); never more than `max(maxTicks, 2)`.
    public static func linear(_ lower: Double, _ upper: Double, maxTicks: Int = 6) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [] }
        let lo = min(lower, upper), hi = max(lower, upper)
        if lo == hi { return [lo] }
        let limit = max(maxTicks, 2)
        let raw = (hi - lo) / Double(limit - 1)
        guard raw.isFinite, raw > 0 else { return [lo, hi] }
        let e = Int(Foundation.floor(Foundation.log10(raw)))
        let candidates = (e - 1...e + 1).flatMap { p in [1, 2, 5].map { (mantissa: $0, exponent: p) } }
        let counted = candidates.map { ($0, count(lo, hi, $0.mantissa, $0.exponent)) }
        guard var best = counted.first(where: { $0.1 >= 0 && $0.1 <= limit }) else { return [lo, hi] }
        if best.1 < 2, let denser = counted.last(where: { $0.1 >= 2 && $0.1 <= 2 * limit }) {
            best = denser
        }
        return values(lo, hi, best.0.mantissa, best.0.exponent)
    }

    /// The 1-2-5 step `linear` would use.
    public static func step(_ lower: Double, _ upper: Double, maxTicks: Int = 6) -> Double? {
        let t = linear(lower, upper, maxTicks: maxTicks)
        return t.count >= 2 ? t[1] - t[0] : nil
    }

    /// Major ticks at powers of ten inside `[lower, upper]` and minor ticks at 2…9 × 10ᵏ,
    /// or `nil` when fewer than two decades fall inside (use linear ticks then).
    /// Returns the exponents of the major ticks so labels can be written as 10ᵏ.
    public static func logDecades(_ lower: Double, _ upper: Double, maxTicks: Int = 8)
        -> (major: [Double], exponents: [Int], minor: [Double])? {
        guard lower.isFinite, upper.isFinite, lower > 0, upper > 0 else { return nil }
        let lo = min(lower, upper), hi = max(lower, upper)
        let e0 = Int(Foundation.ceil(Foundation.log10(lo) - 1e-9))
        let e1 = Int(Foundation.floor(Foundation.log10(hi) + 1e-9))
        guard e1 - e0 + 1 >= 2, e1 - e0 < 700 else { return nil }
        let decades = e1 - e0 + 1
        let every = max(1, Int((Double(decades) / Double(max(maxTicks, 2))).rounded(.up)))
        let exponents = (e0...e1).filter { $0 % every == 0 }
        let major = exponents.map { Foundation.pow(10, Double($0)) }
        var minor: [Double] = []
        if every == 1 {
            for d in (e0 - 1)...e1 {
                for m in 2...9 {
                    let v = Double(m) * Foundation.pow(10, Double(d))
                    if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { minor.append(v) }
                }
            }
        }
        return (major, exponents, minor)
    }

    /// Ticks for a log axis spanning less than about two decades: mantissas 1, 2, 5 (or
    /// every integer mantissa when that gives fewer than three) times powers of ten, so
    /// the ticks are evenly spread on the log scale instead of bunching at the top.
    public static func logMantissas(_ lower: Double, _ upper: Double) -> [Double]? {
        guard lower.isFinite, upper.isFinite, lower > 0, upper > 0, lower != upper else { return nil }
        let lo = min(lower, upper), hi = max(lower, upper)
        let e0 = Int(Foundation.floor(Foundation.log10(lo))), e1 = Int(Foundation.floor(Foundation.log10(hi)))
        guard e1 - e0 <= 2 else { return nil }
        func ticks(_ mantissas: [Int]) -> [Double] {
            var out: [Double] = []
            for e in e0...e1 {
                let scale: Double = Foundation.pow(10, Double(e))
                for k in mantissas {
                    let v = Double(k) * scale
                    if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { out.append(v) }
                }
            }
            return out
        }
        let coarse = ticks([1, 2, 5])
        return coarse.count >= 3 ? coarse : ticks(Array(1...9))
    }

    private static func value(_ k: Int, _ mantissa: Int, _ exponent: Int) -> Double {
        let n = Double(k * mantissa)
        return exponent >= 0 ? n * Foundation.pow(10, Double(exponent)) : n / Foundation.pow(10, Double(-exponent))
    }

    private static func stepValue(_ mantissa: Int, _ exponent: Int) -> Double {
        value(1, mantissa, exponent)
    }

    private static func bounds(_ lo: Double, _ hi: Double, _ mantissa: Int, _ exponent: Int) -> (Int, Int)? {
        let s = stepValue(mantissa, exponent)
        let a = Foundation.ceil(lo / s - 1e-9), b = Foundation.floor(hi / s + 1e-9)
        guard a.isFinite, b.isFinite, abs(a) < 1e14, abs(b) < 1e14 else { return nil }
        return (Int(a), Int(b))
    }

    private static func count(_ lo: Double, _ hi: Double, _ mantissa: Int, _ exponent: Int) -> Int {
        guard let (a, b) = bounds(lo, hi, mantissa, exponent) else { return -1 }
        return b - a + 1
    }

    private static func values(_ lo: Double, _ hi: Double, _ mantissa: Int, _ exponent: Int) -> [Double] {
        guard let (a, b) = bounds(lo, hi, mantissa, exponent), a <= b else { return [] }
        return (a...b).map { value($0, mantissa, exponent) }
    }
}
