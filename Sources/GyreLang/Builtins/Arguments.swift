import GyreTensor
import GyreAutodiff

/// A builtin's arguments after binding and type checking, with typed accessors.
/// Every failure reads `bad argument 'axis' to 'sum': expected an integer, got a string`.
public struct Arguments {
    public let builtin: String
    public let values: [String: Value]
    public let spans: [String: SourceSpan]
    public let rest: [Value]
    public let span: SourceSpan

    static func bind(_ spec: BuiltinSpec, _ args: CallArguments) throws -> Arguments {
        var values: [String: Value] = [:], spans: [String: SourceSpan] = [:], rest: [Value] = []
        for (i, v) in args.positional.enumerated() {
            if i < spec.params.count {
                values[spec.params[i].name] = v
                spans[spec.params[i].name] = args.positionalSpans[i]
            } else if spec.variadic != nil {
                rest.append(v)
            } else {
                throw RuntimeError("'\(spec.name)' takes at most \(spec.params.count) positional argument\(spec.params.count == 1 ? "" : "s") but \(args.positional.count) were given (see :help \(spec.name))", at: args.span)
            }
        }
        for (k, (label, v)) in args.named.enumerated() {
            let sp = k < args.namedSpans.count ? args.namedSpans[k] : args.span
            guard spec.params.contains(where: { $0.name == label }) else {
                var msg = "'\(spec.name)' has no parameter named '\(label)'"
                if let s = Suggest.closest(to: label, in: spec.params.map(\.name)) { msg += "; did you mean '\(s)'?" }
                else { msg += " (parameters: \(spec.params.map(\.name).joined(separator: ", ")))" }
                throw RuntimeError(msg, at: sp)
            }
            guard values[label] == nil else { throw RuntimeError("'\(spec.name)' got two values for '\(label)'", at: sp) }
            values[label] = v
            spans[label] = sp
        }
        for p in spec.params {
            if let v = values[p.name] {
                try check(v, p.type, param: p.name, builtin: spec.name, span: spans[p.name] ?? args.span)
            } else if let d = p.defaultValue {
                values[p.name] = d
            } else {
                throw RuntimeError("missing argument '\(p.name)' in call to '\(spec.name)' (usage: \(spec.signature))", at: args.span)
            }
        }
        return Arguments(builtin: spec.name, values: values, spans: spans, rest: rest, span: args.span)
    }

    static func check(_ v: Value, _ t: ParamType, param: String, builtin: String, span: SourceSpan) throws {
        let ok: Bool
        switch t {
        case .any: ok = true
        case .number: ok = v.variable.map { $0.count == 1 } ?? false
        case .integer:
            if let x = v.variable, x.count == 1 { let f = x.value[flat: 0]; ok = f == f.rounded() } else { ok = false }
        case .array:
            if case .list(let xs) = v { ok = xs.allSatisfy { $0.variable != nil } } else { ok = v.variable != nil }
        case .string: if case .string = v { ok = true } else { ok = false }
        case .bool: if case .bool = v { ok = true } else { ok = false }
        case .function: if case .function = v { ok = true } else { ok = false }
        case .list:
            switch v {
            case .list, .range: ok = true
            case .array, .mask: ok = (v.variable?.rank ?? 0) > 0
            default: ok = false
            }
        case .record: if case .record = v { ok = true } else { ok = false }
        case .handle(let name): if case .handle(let h) = v { ok = h.typeName == name } else { ok = false }
        case .axes, .shape:
            if case .list(let xs) = v { ok = xs.allSatisfy { isInteger($0) } }
            else if case .array(let a) = v, a.rank == 1 { ok = a.value.array.allSatisfy { $0 == $0.rounded() } }
            else if case .range = v { ok = true }
            else { ok = isInteger(v) }
        case .oneOf(let options):
            if case .string(let s) = v { ok = options.contains(s) } else { ok = false }
        case .optional(let inner):
            if case .none = v { return }
            try check(v, inner, param: param, builtin: builtin, span: span)
            return
        }
        if !ok {
            var got = v.typeName
            if case .string(let s) = v, case .oneOf = t { got = "\"\(s)\"" }
            if case .integer = t, let x = v.variable, x.count == 1 { got = TensorFormatter.number(x.value[flat: 0]) }
            throw RuntimeError("bad argument '\(param)' to '\(builtin)': expected \(t.description), got \(got)", at: span)
        }
    }

    static func isInteger(_ v: Value) -> Bool {
        guard let x = v.variable, x.count == 1 else { return false }
        let f = x.value[flat: 0]
        return f == f.rounded()
    }

    // MARK: - Typed access (types were checked at binding)

    public subscript(name: String) -> Value { values[name] ?? .none }

    public func isNone(_ name: String) -> Bool { if case .none = self[name] { return true }; return false }

    public func fail(_ name: String, _ expected: String) -> RuntimeError {
        RuntimeError("bad argument '\(name)' to '\(builtin)': expected \(expected), got \(self[name].typeName)", at: spans[name] ?? span)
    }

    /// A numeric argument as a differentiable array (lists of numbers are stacked).
    public func array(_ name: String) throws -> Variable {
        let v = self[name]
        if case .list(let xs) = v {
            let vars = xs.compactMap(\.variable)
            guard vars.count == xs.count else { throw fail(name, "an array") }
            if vars.isEmpty { return Variable(Tensor.zeros([0])) }
            return try Variable.stack(vars, axis: 0)
        }
        guard let x = v.variable else { throw fail(name, "an array") }
        return x
    }

    public func tensor(_ name: String) throws -> Tensor { try array(name).value }

    public func float(_ name: String) throws -> Float {
        guard let x = self[name].variable, x.count == 1 else { throw fail(name, "a number") }
        return x.value[flat: 0]
    }

    public func optionalFloat(_ name: String) throws -> Float? { isNone(name) ? nil : try float(name) }

    public func int(_ name: String) throws -> Int {
        let f = try float(name)
        guard f == f.rounded(), Swift.abs(f) < 1e15 else { throw fail(name, "an integer") }
        return Int(f)
    }

    public func optionalInt(_ name: String) throws -> Int? { isNone(name) ? nil : try int(name) }

    public func string(_ name: String) throws -> String {
        guard case .string(let s) = self[name] else { throw fail(name, "a string") }
        return s
    }

    public func optionalString(_ name: String) throws -> String? { isNone(name) ? nil : try string(name) }

    public func bool(_ name: String) throws -> Bool {
        switch self[name] {
        case .bool(let b): return b
        case .number(let x): return x != 0
        default: throw fail(name, "a boolean")
        }
    }

    /// An integer list (axes, shapes); a single integer becomes a one-element list; none → nil.
    public func ints(_ name: String) throws -> [Int]? {
        let v = self[name]
        switch v {
        case .none: return nil
        case .list(let xs):
            return try xs.map { x in
                guard let t = x.variable, t.count == 1, t.value[flat: 0] == t.value[flat: 0].rounded() else { throw fail(name, "a list of integers") }
                return Int(t.value[flat: 0])
            }
        case .range(let r): return r.tensor.array.map { Int($0) }
        case .array(let a) where a.rank == 1: return a.value.array.map { Int($0) }
        default: return [try int(name)]
        }
    }

    public func function(_ name: String) throws -> Function {
        guard case .function(let f) = self[name] else { throw fail(name, "a function") }
        return f
    }

    /// A list argument; an array stands for the list of its rows, a range for its numbers.
    public func list(_ name: String) throws -> [Value] {
        switch self[name] {
        case .list(let xs): return xs
        case .range(let r): return (0..<r.count).map { .number(r.element($0)) }
        case let v:
            guard let a = v.variable, a.rank > 0 else { throw fail(name, "a list") }
            return try (0..<a.shape[0]).map { Value.wrap(try a.index([.index($0)])) }
        }
    }

    public func record(_ name: String) throws -> Record {
        guard case .record(let r) = self[name] else { throw fail(name, "a record") }
        return r
    }

    public func handle<H: Handle>(_ name: String, as: H.Type) throws -> H {
        guard case .handle(let h) = self[name], let x = h as? H else { throw fail(name, "a \(String(describing: H.self).lowercased())") }
        return x
    }

    public func spanOf(_ name: String) -> SourceSpan { spans[name] ?? span }
}
