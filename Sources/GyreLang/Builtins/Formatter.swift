import Foundation
import GyreTensor

/// `format("{:.3f}", x)`: a small subset of Python's format mini-language.
enum Formatter {
    static func format(_ template: String, _ values: [Value], interp: Interpreter, span: SourceSpan) throws -> String {
        var out = "", next = 0
        var chars = Array(template)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "{" {
                if chars.first == "{" { out.append("{"); chars = chars.dropFirst(); continue }
                guard let close = chars.firstIndex(of: "}") else {
                    throw RuntimeError("format: unclosed '{' in template", at: span)
                }
                let field = String(chars[chars.startIndex..<close])
                chars = chars[(close + 1)...]
                guard next < values.count else {
                    throw RuntimeError("format: the template has more {} fields than the \(values.count) values given", at: span)
                }
                let spec = field.hasPrefix(":") ? String(field.dropFirst()) : field
                out += try render(values[next], spec: spec, interp: interp, span: span)
                next += 1
            } else if c == "}" {
                if chars.first == "}" { chars = chars.dropFirst() }
                out.append("}")
            } else {
                out.append(c)
            }
        }
        return out
    }

    private static func render(_ v: Value, spec: String, interp: Interpreter, span: SourceSpan) throws -> String {
        guard !spec.isEmpty else { return interp.printed(v) }
        guard let x = v.variable?.value, x.count == 1 else {
            if case .string(let s) = v, let w = Int(spec.filter(\.isNumber)) { return s.padding(toLength: Swift.max(w, s.count), withPad: " ", startingAt: 0) }
            throw RuntimeError("format: spec '{:\(spec)}' needs a number, got \(v.typeName)", at: span)
        }
        let f = Double(x[flat: 0])
        let kind = spec.last.flatMap { "fegdx%".contains($0) ? $0 : nil }
        let body = kind == nil ? spec : String(spec.dropLast())
        guard body.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "," }) else {
            throw RuntimeError("format: unsupported spec '{:\(spec)}'", at: span)
        }
        switch kind {
        case "f": return String(format: "%\(body)f", f)
        case "e": return String(format: "%\(body)e", f)
        case "g", nil: return String(format: "%\(body)g", f)
        case "d": return String(format: "%\(body.split(separator: ".").first.map(String.init) ?? "")d", Int(f.rounded()))
        case "%": return String(format: "%\(body)f", f * 100) + "%"
        default: return String(format: "%\(body)g", f)
        }
    }
}
