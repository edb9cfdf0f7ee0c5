import GyreTensor
import GyreAutodiff

extension Interpreter {
    /// Runs a statement; returns its value (for a block's last statement).
    func exec(_ stmt: Stmt, _ env: Environment) throws -> Value? {
        switch stmt.kind {
        case .expression(let e):
            return try eval(e, env)
        case .assign(let target, let valueExpr):
            let v = try eval(valueExpr, env)
            if case .name(let symbol) = target.kind {
                env.assign(symbol, v)  // the common case, without a closure
            } else {
                try assign(target, env) { _ in v }
            }
            return nil
        case .compoundAssign(let target, let op, let valueExpr):
            let rhs = try eval(valueExpr, env)
            try assign(target, env) { old in
                guard let old else { throw RuntimeError("'\(op.symbol)=' needs an existing value", at: target.span) }
                return try binary(op, old, rhs, at: stmt.span)
            }
            return nil
        case .function(let lit):
            let name = lit.name ?? Identifier("fn", span: lit.span)
            env.assign(name.symbol, .function(Function(name: name.name, literal: lit, closure: env, file: currentFile)))
            return nil
        case .forIn(let variable, let iterable, let body):
            try forLoop(variable: variable.symbol, over: try eval(iterable, env), span: iterable.span, body: body, env)
            return nil
        case .whileLoop(let condition, let body):
            while try truth(try eval(condition, env), at: condition.span) {
                try Interrupt.check()
                do { _ = try block(body, env) } catch let f as ControlFlow {
                    if case .breakLoop = f { break }
                    if case .continueLoop = f { continue }
                    throw f
                }
            }
            return nil
        case .breakLoop: throw ControlFlow.breakLoop
        case .continueLoop: throw ControlFlow.continueLoop
        case .returnValue(let e):
            throw ControlFlow.returnValue(try e.map { try eval($0, env) } ?? .none)
        }
    }

    /// Runs a block in `env` (blocks share their enclosing scope); its value is the last
    /// statement's if that is an expression.
    func block(_ b: Block, _ env: Environment) throws -> Value {
        var last: Value = .none
        for (i, s) in b.statements.enumerated() {
            let v = try exec(s, env)
            if i == b.statements.count - 1, case .expression = s.kind { last = v ?? .none }
        }
        return last
    }

    private func forLoop(variable: Symbol, over seq: Value, span: SourceSpan, body: Block, _ env: Environment) throws {
        func runBody(_ v: Value) throws -> Bool {
            try Interrupt.check()
            env.assign(variable, v)
            do { _ = try block(body, env) } catch let f as ControlFlow {
                if case .breakLoop = f { return false }
                if case .continueLoop = f { return true }
                throw f
            }
            return true
        }
        switch seq {
        case .range(let r):
            for i in 0..<r.count { if try !runBody(.number(r.element(i))) { return } }
        case .list(let items):
            for v in items { if try !runBody(v) { return } }
        case .string(let s):
            for c in s { if try !runBody(.string(String(c))) { return } }
        case .record(let r):
            for k in r.keys { if try !runBody(.string(k)) { return } }
        case .array, .mask, .number:
            guard let v = seq.variable, v.rank > 0 else {
                throw RuntimeError("cannot iterate over a number (use a range such as 0..n)", at: span)
            }
            let isMask: Bool = { if case .mask = seq { return true }; return false }()
            for i in 0..<v.shape[0] {
                let row = try v.index([.index(i)])
                let item: Value = isMask ? (row.rank == 0 ? .bool(row.value[flat: 0] != 0) : .mask(row.value)) : .wrap(row)
                if try !runBody(item) { return }
            }
        default:
            throw RuntimeError.type("for", expected: "a range, list, array, string or record", got: seq, at: span)
        }
    }
}
