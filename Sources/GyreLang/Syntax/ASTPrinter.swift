/// Debug printing of the AST as S-expressions, for tests and `:ast` style inspection.
///
/// ```
/// -2^2 + f(x, axis: 1)[0, 1:]   →   (+ (- (^ 2 2)) (index (call f x axis:1) 0 (slice 1 _ _)))
/// ```
/// Forms: literals print as themselves (`1.5`, `"a\n"`, `true`, `none`); operators as
/// `(op lhs rhs)`; `(.. start end [step])`; `(call f args…)` with named arguments as
/// `label:value`; `(index x items…)` with `(slice start stop step)` (`_` when omitted)
/// and `...`; `(. base name)`; `(array …)`; `(record name:value …)`;
/// `(fn [name] (params…) body)` with defaults as `name=value`; `(if c then [else])`;
/// `(block …)`; statements `(= target value)`, `(+= target value)`,
/// `(for i iterable body)`, `(while c body)`, `(break)`, `(continue)`, `(return [v])`;
/// a silenced statement is wrapped as `(silent …)`.
public enum ASTPrinter {
    /// One statement per line.
    public static func print(_ program: Program) -> String {
        program.statements.map(print).joined(separator: "\n")
    }

    public static func print(_ stmt: Stmt) -> String {
        let text: String
        switch stmt.kind {
        case .expression(let e): text = print(e)
        case .assign(let target, let value): text = "(= \(print(target)) \(print(value)))"
        case .compoundAssign(let target, let op, let value): text = "(\(op.symbol)= \(print(target)) \(print(value)))"
        case .function(let f): text = print(f)
        case .forIn(let v, let iterable, let body): text = "(for \(v.name) \(print(iterable)) \(print(body)))"
        case .whileLoop(let c, let body): text = "(while \(print(c)) \(print(body)))"
        case .breakLoop: text = "(break)"
        case .continueLoop: text = "(continue)"
        case .returnValue(let v): text = v.map { "(return \(print($0)))" } ?? "(return)"
        }
        return stmt.isSilenced ? "(silent \(text))" : text
    }

    public static func print(_ expr: Expr) -> String {
        switch expr.kind {
        case .number(let v): return formatNumber(v)
        case .string(let s): return quote(s)
        case .boolean(let b): return b ? "true" : "false"
        case .noneLiteral: return "none"
        case .name(let n): return n.name
        case .array(let xs): return list("array", xs.map(print))
        case .record(let fields): return list("record", fields.map { "\($0.name.name):\(print($0.value))" })
        case .unary(let op, let x): return "(\(op.rawValue) \(print(x)))"
        case .binary(let op, let a, let b): return "(\(op.symbol) \(print(a)) \(print(b)))"
        case .logical(let op, let a, let b): return "(\(op.rawValue) \(print(a)) \(print(b)))"
        case .range(let a, let b, let s): return list("..", [print(a), print(b)] + (s.map { [print($0)] } ?? []))
        case .call(let f, let args): return list("call", [print(f)] + args.map(print))
        case .index(let base, let items): return list("index", [print(base)] + items.map(print))
        case .field(let base, let name): return "(. \(print(base)) \(name.name))"
        case .function(let f): return print(f)
        case .ifElse(let c, let then, let otherwise):
            return list("if", [print(c), print(then)] + (otherwise.map { [print($0)] } ?? []))
        case .block(let b): return print(b)
        }
    }

    public static func print(_ block: Block) -> String {
        list("block", block.statements.map(print))
    }

    static func print(_ f: FunctionLiteral) -> String {
        let params = f.parameters.map { p in p.defaultValue.map { "\(p.name.name)=\(print($0))" } ?? p.name.name }
        let head = f.name.map { "fn \($0.name)" } ?? "fn"
        return "(\(head) (\(params.joined(separator: " "))) \(print(f.body)))"
    }

    static func print(_ a: Argument) -> String {
        a.label.map { "\($0.name):\(print(a.value))" } ?? print(a.value)
    }

    static func print(_ item: IndexItem) -> String {
        switch item.kind {
        case .single(let e): return print(e)
        case .ellipsis: return "..."
        case .slice(let a, let b, let c): return list("slice", [a, b, c].map { $0.map(print) ?? "_" })
        }
    }

    static func print(_ t: AssignTarget) -> String {
        switch t.kind {
        case .name(let n): return n.name
        case .index(let base, let items): return list("index", [print(base)] + items.map(print))
        case .field(let base, let name): return "(. \(print(base)) \(name.name))"
        }
    }

    /// Integral values print without a fraction (`3`, `-1`); others as Swift prints them.
    static func formatNumber(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private static func list(_ head: String, _ items: [String]) -> String {
        "(" + ([head] + items).joined(separator: " ") + ")"
    }
}
