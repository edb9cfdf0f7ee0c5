import GyreTensor
import GyreAutodiff

/// The declared type of a builtin parameter; the registry checks arguments against it.
public indirect enum ParamType {
    case any
    case number          // a scalar
    case integer
    case array           // numbers, arrays, masks, booleans, ranges, lists of numbers
    case string
    case bool
    case function
    case list
    case record
    case handle(String)  // a handle whose typeName is this
    case axes            // an integer or a list of integers
    case shape           // an integer, a list of integers, or a 1-d array
    case oneOf([String]) // a string from a fixed set
    case optional(ParamType) // the type, or none

    var description: String {
        switch self {
        case .any: return "any value"
        case .number: return "a number"
        case .integer: return "an integer"
        case .array: return "an array"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .function: return "a function"
        case .list: return "a list"
        case .record: return "a record"
        case .handle(let t): return "a \(t)"
        case .axes: return "an integer or a list of integers"
        case .shape: return "a shape (a list of integers)"
        case .oneOf(let xs): return "one of " + xs.map { "\"\($0)\"" }.joined(separator: ", ")
        case .optional(let t): return t.description + " or none"
        }
    }
}

/// One parameter of a builtin.
public struct Param {
    public let name: String
    public let type: ParamType
    /// nil: required.
    public let defaultValue: Value?
    public let doc: String

    public init(_ name: String, _ type: ParamType, default d: Value? = nil, _ doc: String = "") {
        self.name = name; self.type = type; self.defaultValue = d; self.doc = doc
    }
}

/// A builtin's declaration: name, parameters with types and defaults, documentation,
/// and its implementation. The registry does all argument checking before `impl` runs.
public struct BuiltinSpec {
    public let name: String
    public let family: String
    public let summary: String
    public let doc: String
    public let example: String
    public let params: [Param]
    /// Extra positional arguments collected into `Arguments.rest` (e.g. `print(a, b, c)`).
    public let variadic: String?
    public let impl: (Arguments, Interpreter) throws -> Value

    public init(_ name: String, family: String, summary: String, doc: String = "", example: String = "",
                params: [Param] = [], variadic: String? = nil, _ impl: @escaping (Arguments, Interpreter) throws -> Value) {
        self.name = name; self.family = family; self.summary = summary; self.doc = doc
        self.example = example; self.params = params; self.variadic = variadic; self.impl = impl
    }

    /// `sum(x, axis=none, keepdims=false)`.
    public var signature: String {
        var parts = params.map { p -> String in
            guard let d = p.defaultValue else { return p.name }
            return "\(p.name): \(Interpreter.describe(d, formatter: TensorFormatter(), nested: true))"
        }
        if let v = variadic { parts.append("\(v)…") }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}

/// The table of builtins: drives argument checking, `:help`, completion and docs/builtins.md.
public final class BuiltinRegistry {
    public private(set) var specs: [String: BuiltinSpec] = [:]
    public private(set) var order: [String] = []
    /// Family names in registration order, with a one-line description each.
    public private(set) var families: [(name: String, about: String)] = []

    public init() {}

    public func family(_ name: String, _ about: String) {
        if !families.contains(where: { $0.name == name }) { families.append((name, about)) }
    }

    public func register(_ spec: BuiltinSpec) {
        if specs[spec.name] == nil { order.append(spec.name) }
        specs[spec.name] = spec
        if !families.contains(where: { $0.name == spec.family }) { families.append((spec.family, "")) }
    }

    public var all: [BuiltinSpec] { order.compactMap { specs[$0] } }

    public subscript(name: String) -> BuiltinSpec? { specs[name] }

    /// The callable value for a builtin: binds and checks arguments, then runs it.
    public func function(for spec: BuiltinSpec) -> Function {
        Function(name: spec.name, parameters: spec.params.map { ($0.name, $0.defaultValue != nil) }) { args, interp in
            let bound = try Arguments.bind(spec, args)
            return try spec.impl(bound, interp)
        }
    }
}
