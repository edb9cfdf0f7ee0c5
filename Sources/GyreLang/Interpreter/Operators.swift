import Foundation
import GyreTensor
import GyreAutodiff

extension Interpreter {
    func unary(_ op: UnaryOperator, _ v: Value, at span: SourceSpan) throws -> Value {
        switch op {
        case .negate:
            switch v {
            case .number(let x): return .number(-x)
            case .array(let a): return .wrap(try a.neg())
            case .mask(let m): return .wrap(m.neg())
            default: throw RuntimeError("cannot negate \(v.typeName)", at: span)
            }
        case .not:
            if case .mask(let m) = v { return .mask(m.logicalNot()) }
            return .bool(!(try truth(v, at: span)))
        }
    }

    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at span: SourceSpan) throws -> Value {
        // Fast path: plain numbers.
        if case .number(let x) = a, case .number(let y) = b {
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return .number(x / y)
            case .remainder: return .number(x - y * (x / y).rounded(.down))
            case .power: return .number(Foundation.pow(x, y))
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .matmul: throw RuntimeError("'@' needs arrays with at least one dimension, got two numbers", at: span)
            }
        }
        if let fast = arrayScalar(op, a, b) { return fast }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            switch op {
            case .add: return .string(x + y)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .less: return .bool(x < y)
            case .greater: return .bool(x > y)
            default: throw RuntimeError.badOperands(op.symbol, a, b, at: span)
            }
        case (.list(let x), .list(let y)) where op == .add:
            return .list(x + y)
        default: break
        }
        if op == .equal || op == .notEqual, a.variable == nil || b.variable == nil {
            let same = valuesEqual(a, b)
            return .bool(op == .equal ? same : !same)
        }
        guard let x = a.variable, let y = b.variable else { throw RuntimeError.badOperands(op.symbol, a, b, at: span) }
        do {
            switch op {
            case .add: return .wrap(try x + y)
            case .subtract: return .wrap(try x - y)
            case .multiply: return .wrap(try x * y)
            case .divide: return .wrap(try x / y)
            case .power: return .wrap(try x.pow(y))
            case .matmul:
                guard x.rank >= 1, y.rank >= 1 else {
                    throw RuntimeError("'@' needs arrays with at least one dimension, got shapes \(Shape.describe(x.shape)) and \(Shape.describe(y.shape))", at: span)
                }
                return .wrap(try Variable.matmul(x, y))
            case .remainder:
                let q = try (x.value / y.value).map { $0.rounded(.down) }
                return .wrap(try x - y * Variable(q))
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                let t: Tensor
                switch op {
                case .equal: t = try x.value.eq(y.value)
                case .notEqual: t = try x.value.ne(y.value)
                case .less: t = try x.value.lt(y.value)
                case .lessEqual: t = try x.value.le(y.value)
                case .greater: t = try x.value.gt(y.value)
                default: t = try x.value.ge(y.value)
                }
                return t.rank == 0 ? .bool(t[flat: 0] != 0) : .mask(t)
            }
        } catch let e as TensorError {
            throw RuntimeError("'\(op.symbol)': \(e.message)", at: span)
        } catch let e as NonFiniteError {
            throw RuntimeError(e.description, at: span)
        }
    }

    /// An untracked array with a number (`x * 2`, `1 - x`) through the tensor core's
    /// scalar kernels, without boxing the number as a 0-d array and broadcasting it.
    /// Gives exactly what the general path gives; nil when the general path is needed
    /// (a tracked array records a graph node; `check_finite` checks in `record`).
    private func arrayScalar(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value? {
        guard !GradMode.checkFinite else { return nil }
        switch (a, b) {
        case (.array(let x), .number(let s)) where !x.isTracked:
            let t = x.value
            switch op {
            case .add: return .wrap(t + s)
            case .subtract: return .wrap(t - s)
            case .multiply: return .wrap(t * s)
            case .divide: return .wrap(t / s)
            case .power: return .wrap(t.pow(s))
            default: return nil
            }
        case (.number(let s), .array(let x)) where !x.isTracked:
            let t = x.value
            switch op {
            case .add: return .wrap(s + t)
            case .subtract: return .wrap(s - t)
            case .multiply: return .wrap(s * t)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Structural equality for non-numeric values.
    func valuesEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) }
        case (.record(let x), .record(let y)):
            return x.keys == y.keys && x.keys.allSatisfy { k in valuesEqual(x[k] ?? .none, y[k] ?? .none) }
        case (.function(let f), .function(let g)): return f === g
        case (.handle(let h), .handle(let k)): return h === k
        default:
            if let x = a.variable?.value, let y = b.variable?.value { return x.isEqual(to: y) }
            return false
        }
    }
}
