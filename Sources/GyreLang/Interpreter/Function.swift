/// A callable value: a user function (closure over its defining environment) or a
/// native function (builtins and the functions `grad` returns).
public final class Function {
    public enum Body {
        case user(FunctionLiteral, Environment, SourceFile)
        case native((CallArguments, Interpreter) throws -> Value)
    }

    public let name: String
    /// Parameter names and whether each has a default (for messages and help).
    public let parameters: [(name: String, hasDefault: Bool)]
    public let body: Body

    public init(name: String, literal: FunctionLiteral, closure: Environment, file: SourceFile) {
        self.name = name
        self.parameters = literal.parameters.map { ($0.name.name, $0.defaultValue != nil) }
        self.body = .user(literal, closure, file)
    }

    public init(name: String, parameters: [(String, Bool)], _ native: @escaping (CallArguments, Interpreter) throws -> Value) {
        self.name = name
        self.parameters = parameters.map { (name: $0.0, hasDefault: $0.1) }
        self.body = .native(native)
    }

    public var signature: String {
        "\(name)(" + parameters.map { $0.hasDefault ? "\($0.name)=…" : $0.name }.joined(separator: ", ") + ")"
    }
}

/// Evaluated call arguments: positional values and named values, with their spans.
public struct CallArguments {
    public var positional: [Value]
    public var named: [(label: String, value: Value)]
    public var positionalSpans: [SourceSpan]
    public var namedSpans: [SourceSpan]
    /// The whole call, for errors.
    public var span: SourceSpan

    public init(positional: [Value], named: [(String, Value)] = [], span: SourceSpan = .at(0),
                positionalSpans: [SourceSpan]? = nil, namedSpans: [SourceSpan]? = nil) {
        self.positional = positional
        self.named = named.map { (label: $0.0, value: $0.1) }
        self.span = span
        self.positionalSpans = positionalSpans ?? positional.map { _ in span }
        self.namedSpans = namedSpans ?? named.map { _ in span }
    }
}
