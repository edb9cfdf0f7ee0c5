import Foundation

/// NumPy-like text for a tensor: nested brackets, aligned columns, long
/// dimensions summarised with `…`, and the shape shown for non-scalars.
public struct TensorFormatter {
    /// Dimensions longer than this are summarised (`edge` items at each end).
    public var threshold: Int
    public var edge: Int
    public var showShape: Bool

    public init(threshold: Int = 1000, edge: Int = 3, showShape: Bool = true) {
        self.threshold = threshold
        self.edge = edge
        self.showShape = showShape
    }

    public func format(_ t: Tensor) -> String {
        if t.isScalar { return Self.number(t[flat: 0]) }
        let summarise = t.count > threshold
        let width = cellWidth(t, summarise: summarise)
        var out = ""
        render(t, dim: 0, offset: 0, indent: 1, width: width, summarise: summarise, into: &out)
        if showShape { out += "  (shape \(Shape.describe(t.shape)))" }
        return out
    }

    /// Shortest round-trip-ish text: integers without a decimal point, else up to 6 significant digits.
    public static func number(_ v: Float) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded() && abs(v) < 1e7 { return String(Int(v)) }
        let a = abs(v)
        if a >= 1e-4 && a < 1e7 {
            var s = String(format: "%.6g", Double(v))
            if s.contains("e") { s = String(format: "%.4f", Double(v)) }
            return s
        }
        return String(format: "%.4e", Double(v))
    }

    private func visibleIndices(_ n: Int, summarise: Bool) -> [Int?] {
        if summarise && n > 2 * edge { return Array(0..<edge).map { $0 } + [nil] + Array((n - edge)..<n).map { $0 } }
        return Array(0..<n).map { $0 }
    }

    private func cellWidth(_ t: Tensor, summarise: Bool) -> Int {
        var w = 1
        t.withUnsafeBufferPointer { buf in
            let step = summarise ? max(1, buf.count / 4096) : 1
            for i in stride(from: 0, to: buf.count, by: step) { w = max(w, Self.number(buf[i]).count) }
        }
        return w
    }

    private func render(_ t: Tensor, dim: Int, offset: Int, indent: Int, width: Int, summarise: Bool, into out: inout String) {
        let n = t.shape[dim]
        let inner = Shape.count(Array(t.shape[(dim + 1)...]))
        out += "["
        let items = visibleIndices(n, summarise: summarise)
        for (k, item) in items.enumerated() {
            if k > 0 {
                out += dim == t.rank - 1 ? ", " : ",\n" + String(repeating: "\n", count: max(0, t.rank - dim - 2)) + String(repeating: " ", count: indent)
            }
            guard let i = item else { out += "…"; continue }
            if dim == t.rank - 1 {
                let s = Self.number(t[flat: offset + i])
                out += String(repeating: " ", count: max(0, width - s.count)) + s
            } else {
                render(t, dim: dim + 1, offset: offset + i * inner, indent: indent + 1, width: width, summarise: summarise, into: &out)
            }
        }
        out += "]"
    }
}
