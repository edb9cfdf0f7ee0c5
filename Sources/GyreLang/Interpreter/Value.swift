import GyreTensor
import GyreAutodiff

/// A runtime value of the Gyre language.
///
/// Numbers are Float32 like arrays: `.number` is an untracked 0-d array kept unboxed
/// so scalar loops stay fast; `.array` holds any other array (and every array taking
/// part in a differentiation). Comparisons of arrays give `.mask` (elements 0 or 1,
/// printed as true/false), which indexing treats as a boolean selection.
public enum Value {
    case number(Float)
    case array(Variable)
    case mask(Tensor)
    case bool(Bool)
    case string(String)
    case none
    case list([Value])
    case record(Record)
    case range(RangeValue)
    case function(Function)
    /// An opaque library object (dataset, model, figure, training run).
    case handle(Handle)

    /// The name of the value's type, as used in error messages.
    public var typeName: String {
        switch self {
        case .number: return "a number"
        case .array(let v): return v.rank == 0 ? "a number" : "an array"
        case .mask: return "a boolean array"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .none: return "none"
        case .list: return "a list"
        case .record: return "a record"
        case .range: return "a range"
        case .function: return "a function"
        case .handle(let h): return "a \(h.typeName)"
        }
    }

    /// The value as a differentiable array, if it is numeric (numbers, arrays, masks, booleans).
    public var variable: Variable? {
        switch self {
        case .number(let x): return Variable(Tensor(x))
        case .array(let v): return v
        case .mask(let t): return Variable(t)
        case .bool(let b): return Variable(Tensor(b ? 1 : 0))
        case .range(let r): return Variable(r.tensor)
        case .list(let xs):
            // A non-empty list of numbers or equal-shape arrays (e.g. from `map`) acts as an array.
            guard !xs.isEmpty else { return nil }
            var vars: [Variable] = []
            vars.reserveCapacity(xs.count)
            for x in xs {
                switch x {
                case .number, .array, .bool, .mask, .list:
                    guard let v = x.variable, v.shape == (vars.first?.shape ?? v.shape) else { return nil }
                    vars.append(v)
                default: return nil
                }
            }
            return try? Variable.stack(vars, axis: 0)
        default: return nil
        }
    }

    /// Wraps an array result, unboxing untracked scalars.
    public static func wrap(_ v: Variable) -> Value {
        if !v.isTracked && v.rank == 0 { return .number(v.value[flat: 0]) }
        return .array(v)
    }

    public static func wrap(_ t: Tensor) -> Value {
        t.rank == 0 ? .number(t[flat: 0]) : .array(Variable(t))
    }
}

/// A record: named fields in insertion order, with value semantics.
public struct Record {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if storage[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            storage[key] = newValue
        }
    }

    public var count: Int { keys.count }
    public var fields: [(String, Value)] { keys.compactMap { k in storage[k].map { (k, $0) } } }
}

/// A half-open range `start..end` with a step, iterated lazily.
public struct RangeValue {
    public let start: Float, end: Float, step: Float

    public var count: Int {
        guard step != 0 else { return 0 }
        return Swift.max(0, Int(((end - start) / step).rounded(.up)))
    }
    public func element(_ i: Int) -> Float { start + Float(i) * step }
    public var tensor: Tensor { (try? Tensor.arange(start, end, step: step)) ?? Tensor.zeros([0]) }
}

/// An opaque library object exposed to the language.
public protocol Handle: AnyObject {
    /// A short type name, e.g. "dataset", "model", "figure".
    var typeName: String { get }
    /// A one-line summary shown when the value is printed.
    var summary: String { get }
    /// Named attributes readable with `.name` (e.g. `run.history`), if any.
    func field(_ name: String) -> Value?
    /// Names of the readable attributes (for completion and errors).
    var fieldNames: [String] { get }
}

extension Handle {
    public func field(_ name: String) -> Value? { nil }
    public var fieldNames: [String] { [] }
}
