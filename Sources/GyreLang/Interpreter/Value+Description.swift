import GyreTensor

extension Interpreter {
    /// The display form of a value (REPL echo, notebook output). Strings are quoted.
    public func describe(_ v: Value) -> String { Self.describe(v, formatter: formatter, nested: false) }

    /// The text `print` writes: strings unquoted, everything else as displayed.
    public func printed(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return describe(v)
    }

    static func describe(_ v: Value, formatter: TensorFormatter, nested: Bool) -> String {
        switch v {
        case .number(let x): return TensorFormatter.number(x)
        case .array(let a):
            if a.rank == 0 { return TensorFormatter.number(a.value[flat: 0]) }
            if nested {
                if a.count <= 10 {
                    var f = formatter
                    f.showShape = false
                    return f.format(a.value).replacingOccurrences(of: "\n", with: "")
                }
                return "<array \(Shape.describe(a.shape))>"
            }
            return formatter.format(a.value)
        case .mask(let m):
            let body = maskText(m, dim: 0, offset: 0)
            return nested || m.rank == 0 ? body : body + "  (shape \(Shape.describe(m.shape)))"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quoted(s)
        case .none: return "none"
        case .list(let xs): return "[" + xs.map { describe($0, formatter: formatter, nested: true) }.joined(separator: ", ") + "]"
        case .record(let r):
            return "{" + r.fields.map { "\($0.0): \(describe($0.1, formatter: formatter, nested: true))" }.joined(separator: ", ") + "}"
        case .range(let r):
            let s = TensorFormatter.number(r.start), e = TensorFormatter.number(r.end)
            return r.step == 1 ? "\(s)..\(e)" : "\(s)..\(e)..\(TensorFormatter.number(r.step))"
        case .function(let f): return "<fn \(f.signature)>"
        case .handle(let h): return h.summary
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    private static func maskText(_ m: Tensor, dim: Int, offset: Int) -> String {
        if m.rank == 0 { return m[flat: 0] != 0 ? "true" : "false" }
        let n = m.shape[dim], inner = Shape.count(Array(m.shape[(dim + 1)...]))
        let show: [Int?] = n > 12 ? Array(0..<3).map { $0 } + [nil] + Array((n - 3)..<n).map { $0 } : Array(0..<n).map { $0 }
        let parts = show.map { i -> String in
            guard let i else { return "…" }
            if dim == m.rank - 1 { return m[flat: offset + i] != 0 ? "true" : "false" }
            return maskText(m, dim: dim + 1, offset: offset + i * inner)
        }
        return "[" + parts.joined(separator: dim == m.rank - 1 ? ", " : ",\n" + String(repeating: " ", count: dim + 1)) + "]"
    }
}
