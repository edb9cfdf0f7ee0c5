import GyreTensor
import GyreAutodiff

/// An evaluated index item.
enum IndexValue {
    case slice(Int?, Int?, Int?)
    case single(Value, SourceSpan)
    case ellipsis
}

extension Interpreter {
    func indexItems(_ items: [IndexItem], _ env: Environment) throws -> [IndexValue] {
        try items.map { item in
            switch item.kind {
            case .ellipsis: return .ellipsis
            case .single(let e): return .single(try eval(e, env), e.span)
            case .slice(let a, let b, let c):
                func bound(_ e: Expr?) throws -> Int? {
                    guard let e else { return nil }
                    let v = try eval(e, env)
                    if case .none = v { return nil }
                    return try integer(v, "slice bound", at: e.span)
                }
                return .slice(try bound(a), try bound(b), try bound(c))
            }
        }
    }

    func integer(_ v: Value, _ what: String, at span: SourceSpan) throws -> Int {
        let x = try scalar(v, what, at: span)
        guard x.isFinite, x == x.rounded(), Swift.abs(x) < 1e15 else {
            throw RuntimeError("\(what): expected an integer, got \(TensorFormatter.number(x))", at: span)
        }
        return Int(x)
    }

    func index(_ base: Value, _ items: [IndexValue], at span: SourceSpan) throws -> Value {
        switch base {
        case .list(let xs):
            return try sequenceIndex(count: xs.count, items, at: span, single: { xs[$0] }, slice: { .list($0.map { xs[$0] }) })
        case .string(let s):
            let chars = Array(s)
            return try sequenceIndex(count: chars.count, items, at: span, single: { .string(String(chars[$0])) },
                                     slice: { .string(String($0.map { chars[$0] })) })
        case .record(let r):
            guard items.count == 1, case .single(.string(let k), let sp) = items[0] else {
                throw RuntimeError("a record is indexed by a field name string, e.g. r[\"name\"]", at: span)
            }
            return try field(.record(r), k, at: sp)
        case .range(let r):
            return try index(.array(Variable(r.tensor)), items, at: span)
        case .mask(let m):
            let out = try arrayIndex(Variable(m), items, at: span)
            return out.rank == 0 ? .bool(out.value[flat: 0] != 0) : .mask(out.value)
        default:
            guard let v = base.variable else {
                throw RuntimeError("\(base.typeName) cannot be indexed", at: span)
            }
            return .wrap(try arrayIndex(v, items, at: span))
        }
    }

    private func sequenceIndex(count: Int, _ items: [IndexValue], at span: SourceSpan, single: (Int) -> Value,
                               slice: ([Int]) -> Value) throws -> Value {
        guard items.count == 1 else { throw RuntimeError("lists and strings take a single index", at: span) }
        switch items[0] {
        case .single(let v, let sp):
            let i = try integer(v, "index", at: sp)
            let j = i < 0 ? i + count : i
            guard j >= 0 && j < count else { throw RuntimeError("index \(i) is out of range for length \(count)", at: sp) }
            return single(j)
        case .slice(let a, let b, let c):
            let step = c ?? 1
            guard step != 0 else { throw RuntimeError("slice step cannot be zero", at: span) }
            let t = try Tensor.arange(0, Float(count))[[.slice(start: a, stop: b, step: step)]]
            return slice(t.array.map { Int($0) })
        case .ellipsis:
            return slice(Array(0..<count))
        }
    }

    /// NumPy indexing of an array: basic items first, then at most one advanced item
    /// (an integer array or a 1-d boolean mask along an axis, or a full boolean mask).
    func arrayIndex(_ v: Variable, _ items: [IndexValue], at span: SourceSpan) throws -> Variable {
        // A whole-array (or leading-dims) boolean mask as the only item.
        if items.count == 1, case .single(.mask(let m), _) = items[0], m.rank > 1 || v.rank == 1 || m.rank == v.rank {
            if m.rank >= 1 { return try v.masked(m) }
        }
        var basic: [TensorIndex] = []
        var advanced: (position: Int, indices: [Int], shape: [Int])? = nil
        var axisOut = 0   // result axis the next item maps to
        for item in items {
            switch item {
            case .ellipsis:
                let consumed = items.filter { if case .ellipsis = $0 { return false }; if case .single(.none, _) = $0 { return false }; return true }.count
                axisOut += Swift.max(0, v.rank - consumed)
                basic.append(.ellipsis)
            case .slice(let a, let b, let c):
                basic.append(.slice(start: a, stop: b, step: c)); axisOut += 1
            case .single(let x, let sp):
                switch x {
                case .none:
                    basic.append(.newAxis); axisOut += 1
                case .number, .bool:
                    basic.append(.index(try integer(x, "index", at: sp)))
                case .mask(let m):
                    guard m.rank == 1, advanced == nil else {
                        throw RuntimeError("a boolean mask here must be 1-d (one axis); use x[mask] for a full mask", at: sp)
                    }
                    var idx: [Int] = []
                    m.withUnsafeBufferPointer { for (i, b) in $0.enumerated() where b != 0 { idx.append(i) } }
                    advanced = (axisOut, idx, [idx.count]); basic.append(.all); axisOut += 1
                case .array(let a):
                    guard advanced == nil else {
                        throw RuntimeError("only one integer-array index is supported per indexing", at: sp)
                    }
                    let vals = a.value.array
                    guard vals.allSatisfy({ $0 == $0.rounded() }) else {
                        throw RuntimeError("index arrays must hold integers", at: sp)
                    }
                    advanced = (axisOut, vals.map { Int($0) }, a.shape); basic.append(.all); axisOut += 1
                case .list(let xs):
                    let ints = try xs.map { try integer($0, "index", at: sp) }
                    guard advanced == nil else { throw RuntimeError("only one integer-array index is supported per indexing", at: sp) }
                    advanced = (axisOut, ints, [ints.count]); basic.append(.all); axisOut += 1
                case .range(let r):
                    let ints = r.tensor.array.map { Int($0) }
                    advanced = (axisOut, ints, [ints.count]); basic.append(.all); axisOut += 1
                default:
                    throw RuntimeError.type("index", expected: "an integer, slice, mask or integer array", got: x, at: sp)
                }
            }
        }
        var out = try v.index(basic)
        if let adv = advanced {
            // The advanced axis sits where it was written among the result axes.
            let position = Swift.min(adv.position, out.rank - 1)
            out = try out.indexSelect(axis: position, indices: adv.indices)
            if adv.shape.count != 1 {
                var s = out.shape
                s.replaceSubrange(position...position, with: adv.shape)
                out = try out.reshape(s)
            }
        }
        return out
    }

    /// Runs an assignment by read-modify-write from the root variable.
    func assign(_ target: AssignTarget, _ env: Environment, _ transform: (Value?) throws -> Value) throws {
        switch target.kind {
        case .name(let symbol):
            env.assign(symbol, try transform(env.lookup(symbol)))
        case .index(let base, let items):
            let its = try indexItems(items, env)
            try update(base, env) { container in
                let old = try? self.index(container, its, at: target.span)
                return try self.setIndex(container, its, try transform(old), at: target.span)
            }
        case .field(let base, let name):
            try update(base, env) { container in
                switch container {
                case .record(var r):
                    r[name.name] = try transform(r[name.name])
                    return .record(r)
                default:
                    throw RuntimeError("cannot set field '\(name.name)' on \(container.typeName)", at: name.span)
                }
            }
        }
    }

    private func update(_ e: Expr, _ env: Environment, _ f: (Value) throws -> Value) throws {
        switch e.kind {
        case .name(let symbol):
            guard let v = env.lookup(symbol) else {
                throw RuntimeError.unknownName(symbol.name, candidates: env.visibleNames, at: e.span)
            }
            env.assign(symbol, try f(v))
        case .index(let base, let items):
            let its = try indexItems(items, env)
            try update(base, env) { c in try self.setIndex(c, its, try f(try self.index(c, its, at: e.span)), at: e.span) }
        case .field(let base, let name):
            try update(base, env) { c in
                guard case .record(var r) = c else { throw RuntimeError("cannot set field '\(name.name)' on \(c.typeName)", at: name.span) }
                guard let old = r[name.name] else { throw RuntimeError("record has no field '\(name.name)'", at: name.span) }
                r[name.name] = try f(old)
                return .record(r)
            }
        default:
            throw RuntimeError("cannot assign to this expression", at: e.span)
        }
    }

    func setIndex(_ container: Value, _ items: [IndexValue], _ value: Value, at span: SourceSpan) throws -> Value {
        switch container {
        case .list(var xs):
            guard items.count == 1, case .single(let iv, let sp) = items[0] else {
                throw RuntimeError("list assignment takes a single integer index", at: span)
            }
            let i = try integer(iv, "index", at: sp)
            let j = i < 0 ? i + xs.count : i
            guard j >= 0 && j < xs.count else { throw RuntimeError("index \(i) is out of range for length \(xs.count)", at: sp) }
            xs[j] = value
            return .list(xs)
        case .record(var r):
            guard items.count == 1, case .single(.string(let k), _) = items[0] else {
                throw RuntimeError("a record is indexed by a field name string", at: span)
            }
            r[k] = value
            return .record(r)
        default:
            guard let x = container.variable else { throw RuntimeError("\(container.typeName) does not support item assignment", at: span) }
            guard let v = value.variable else { throw RuntimeError.type("assignment", expected: "a number or array", got: value, at: span) }
            // Masked assignment: x[mask] = v.
            if items.count == 1, case .single(.mask(let m), _) = items[0] {
                if (try? Shape.broadcast(v.shape, x.shape, op: "assign")) == x.shape, m.shape == x.shape {
                    return .wrap(try Variable.where(m, v.expand(x.shape), x))
                }
                var t = x.value
                try t.assign(mask: m, v.value)
                return .wrap(Variable(t))
            }
            var basic: [TensorIndex] = []
            for item in items {
                switch item {
                case .ellipsis: basic.append(.ellipsis)
                case .slice(let a, let b, let c): basic.append(.slice(start: a, stop: b, step: c))
                case .single(.none, _): basic.append(.newAxis)
                case .single(let iv, let sp):
                    if case .number = iv { basic.append(.index(try integer(iv, "index", at: sp))); continue }
                    if case .array(let a) = iv, a.rank == 0 { basic.append(.index(try integer(iv, "index", at: sp))); continue }
                    throw RuntimeError("assignment supports integer, slice and full-mask indices", at: sp)
                }
            }
            let result = try x.assigning(basic, v)
            if case .mask = container { return .mask(result.value) }
            return .wrap(result)
        }
    }
}
