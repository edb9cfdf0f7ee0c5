import Foundation

/// Tick labels: one number of decimals for all ticks, as few as write them exactly
/// (so `0.0 0.5 1.0`, as matplotlib does), a real minus sign (−),
/// and `m×10ⁿ` with a shared exponent for very large or very small magnitudes.
///
///     TickFormatter.labels([0, 0.25, 0.5]) == ["0.00", "0.25", "0.50"]
///     TickFormatter.labels([0, 2e6, 4e6]) == ["0", "2×10⁶", "4×10⁶"]
public enum TickFormatter {
    public static func labels(_ ticks: [Double]) -> [String] {
        let finite = ticks.filter { $0.isFinite }
        let maxAbs = finite.map(abs).max() ?? 0
        guard maxAbs > 0 else { return ticks.map { $0.isFinite ? "0" : "" } }
        if maxAbs >= 1e6 || maxAbs < 1e-4 {
            let e = Int(Foundation.floor(Foundation.log10(maxAbs)))
            let scale = Foundation.pow(10, Double(e))
            let mantissas = ticks.map { $0 / scale }
            let d = decimals(mantissas, tolerance: 1e-6)
            return mantissas.map { m in
                guard m.isFinite else { return "" }
                return abs(m) < 1e-9 ? "0" : fixed(m, d) + "×" + power(e)
            }
        }
        let d = decimals(ticks, tolerance: 1e-9 * maxAbs)
        return ticks.map { $0.isFinite ? fixed($0, d) : "" }
    }

    /// One number, formatted like a lone tick label (used for colour-bar and cell values).
    public static func label(_ value: Double, significant: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == 0 { return "0" }
        let text = String(format: "%.\(max(1, significant))g", value)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// `10ⁿ` with Unicode superscripts, e.g. `power(-3) == "10⁻³"`.
    public static func power(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(exponent)).compactMap { c in c.wholeNumberValue.map { digits[$0] } }
        return "10" + (exponent < 0 ? "⁻" : "") + String(body)
    }

    /// Smallest number of decimals (0…10) that writes every value exactly to `tolerance`.
    private static func decimals(_ values: [Double], tolerance: Double) -> Int {
        for d in 0...10 {
            let p = Foundation.pow(10, Double(d))
            let exact = values.allSatisfy { v in !v.isFinite || abs((v * p).rounded() / p - v) <= max(tolerance, 1e-12) }
            if exact { return d }
        }
        return 10
    }

    private static func fixed(_ v: Double, _ decimals: Int) -> String {
        let half = 0.5 * Foundation.pow(10, Double(-decimals))
        let text = String(format: "%.\(decimals)f", abs(v) < half ? 0 : v)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}
