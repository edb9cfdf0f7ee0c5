import GyreTensor
import GyreAutodiff

extension Interpreter {
    func eval(_ e: Expr, _ env: Environment) throws -> Value {
        switch e.kind {
        case .number(let d): return .number(Float(d))
        case .string(let s): return .string(s)
        case .boolean(let b): return .bool(b)
        case .noneLiteral: return .none
        case .name(let symbol):
            guard let v = env.lookup(symbol) else {
                throw RuntimeError.unknownName(symbol.name, candidates: env.visibleNames, at: e.span)
            }
            return v
        case .array(let items):
            return try arrayLiteral(items.map { try eval($0, env) }, spans: items.map(\.span), at: e.span)
        case .record(let fields):
            var r = Record()
            for f in fields { r[f.name.name] = try eval(f.value, env) }
            return .record(r)
        case .unary(let op, let x):
            return try unary(op, try eval(x, env), at: e.span)
        case .binary(let op, let a, let b):
            let lhs = try eval(a, env), rhs = try eval(b, env)
            return try binary(op, lhs, rhs, at: e.span)
        case .logical(let op, let a, let b):
            return try logical(op, a, b, env, at: e.span)
        case .range(let start, let end, let step):
            let s = try scalar(try eval(start, env), "range start", at: start.span)
            let t = try scalar(try eval(end, env), "range end", at: end.span)
            let st = try step.map { try scalar(try eval($0, env), "range step", at: $0.span) } ?? 1
            guard st != 0 else { throw RuntimeError("range step cannot be zero", at: step?.span ?? e.span) }
            return .range(RangeValue(start: s, end: t, step: st))
        case .call(let callee, let arguments):
            let f = try eval(callee, env)
            var args = CallArguments(positional: [], span: e.span)
            for a in arguments {
                let v = try eval(a.value, env)
                if let label = a.label {
                    args.named.append((label: label.name, value: v)); args.namedSpans.append(a.span)
                } else {
                    args.positional.append(v); args.positionalSpans.append(a.span)
                }
            }
            guard case .function(let fn) = f else {
                throw RuntimeError("cannot call \(f.typeName); only functions can be called", at: callee.span)
            }
            return try call(fn, args)
        case .index(let base, let items):
            let b = try eval(base, env)
            return try index(b, try indexItems(items, env), at: e.span)
        case .field(let base, let name):
            return try field(try eval(base, env), name.name, at: name.span)
        case .function(let lit):
            return .function(Function(name: lit.name?.name ?? "fn", literal: lit, closure: env, file: currentFile))
        case .ifElse(let condition, let then, let otherwise):
            if try truth(try eval(condition, env), at: condition.span) { return try block(then, env) }
            return try otherwise.map { try eval($0, env) } ?? .none
        case .block(let b):
            return try block(b, env)
        }
    }

    /// `[a, b, c]`: an array when every element is numeric with one shape, else a list.
    func arrayLiteral(_ values: [Value], spans: [SourceSpan], at span: SourceSpan) throws -> Value {
        if values.isEmpty { return .list([]) }
        var vars: [Variable] = []
        for v in values {
            switch v {
            case .number, .array, .bool, .mask: if let x = v.variable { vars.append(x) }
            default: return .list(values)
            }
        }
        if vars.allSatisfy({ !$0.isTracked && $0.rank == 0 }) {
            return .array(Variable(Tensor(vars.map { $0.value[flat: 0] })))
        }
        // Arrays of different shapes make a list (e.g. the argument of concat).
        if vars.contains(where: { $0.shape != vars[0].shape }) { return .list(values) }
        return .array(try Variable.stack(vars, axis: 0))
    }

    func field(_ base: Value, _ name: String, at span: SourceSpan) throws -> Value {
        switch base {
        case .record(let r):
            guard let v = r[name] else {
                var msg = "record has no field '\(name)'"
                if let s = Suggest.closest(to: name, in: r.keys) { msg += "; did you mean '\(s)'?" }
                else if !r.keys.isEmpty { msg += " (fields: \(r.keys.joined(separator: ", ")))" }
                throw RuntimeError(msg, at: span)
            }
            return v
        case .handle(let h):
            guard let v = h.field(name) else {
                var msg = "\(h.typeName) has no field '\(name)'"
                if !h.fieldNames.isEmpty { msg += " (fields: \(h.fieldNames.joined(separator: ", ")))" }
                throw RuntimeError(msg, at: span)
            }
            return v
        case .array(let v) where ["shape", "T", "ndim", "size"].contains(name):
            switch name {
            case "shape": return .list(v.shape.map { .number(Float($0)) })
            case "ndim": return .number(Float(v.rank))
            case "size": return .number(Float(v.count))
            default: return .wrap(try v.transpose())
            }
        default:
            throw RuntimeError("\(base.typeName) has no fields (tried '.\(name)')", at: span)
        }
    }

    /// The truth of a condition: booleans, numbers and one-element arrays.
    func truth(_ v: Value, at span: SourceSpan) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x): return x != 0
        case .none: return false
        case .array, .mask:
            guard let t = v.variable?.value, t.count == 1 else {
                throw RuntimeError("the truth of an array with \(v.variable?.count ?? 0) elements is ambiguous; use any(…) or all(…)", at: span)
            }
            return t[flat: 0] != 0
        default:
            throw RuntimeError.type("condition", expected: "a boolean", got: v, at: span)
        }
    }

    func scalar(_ v: Value, _ what: String, at span: SourceSpan) throws -> Float {
        if case .number(let x) = v { return x }
        if let t = v.variable?.value, t.count == 1 { return t[flat: 0] }
        throw RuntimeError.type(what, expected: "a number", got: v, at: span)
    }

    private func logical(_ op: LogicalOperator, _ a: Expr, _ b: Expr, _ env: Environment, at span: SourceSpan) throws -> Value {
        let lhs = try eval(a, env)
        if case .mask(let m) = lhs {
            // Elementwise on boolean arrays (no short-circuit).
            let rhs = try eval(b, env)
            guard let r = rhs.variable?.value else { throw RuntimeError.badOperands(op.rawValue, lhs, rhs, at: span) }
            let out = op == .and ? try m.zip(r, op: "and") { ($0 != 0 && $1 != 0) ? 1 : 0 }
                                 : try m.zip(r, op: "or") { ($0 != 0 || $1 != 0) ? 1 : 0 }
            return .mask(out)
        }
        let l = try truth(lhs, at: a.span)
        if op == .and && !l { return .bool(false) }
        if op == .or && l { return .bool(true) }
        let rhs = try eval(b, env)
        if case .mask(let m) = rhs, m.count != 1 { return .mask(m) }
        return .bool(try truth(rhs, at: b.span))
    }
}
