/// An expression: something that produces a value.
///
/// Every node carries the `SourceSpan` of the source text it came from, so runtime
/// errors can point at it. Switch over `kind`:
///
/// ```swift
/// switch expr.kind {
/// case .number(let v): …
/// case .binary(let op, let lhs, let rhs): …
/// …
/// }
/// ```
/// Parentheses leave no node of their own; a parenthesised expression's span includes
/// the parentheses. `x |> f(y)` is desugared to `.call(f, [x, y])` by the parser.
public struct Expr: Equatable, Sendable {
    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    public indirect enum Kind: Equatable, Sendable {
        /// A numeric literal: `42`, `1.5`, `1e-3`, `.5`. A `-` directly in front of a
        /// literal is folded in (`-1` is `.number(-1)`), but `-2^2` stays
        /// `.unary(.negate, .binary(.power, 2, 2))`.
        case number(Double)
        /// A string literal with escapes already decoded: `"a\n"` is `.string("a\n")`.
        case string(String)
        /// `true` or `false`.
        case boolean(Bool)
        /// The literal `none`.
        case noneLiteral
        /// A variable reference: `x`, `α`, `newaxis` (the parser gives `newaxis` no
        /// special meaning; the interpreter binds it to the new-axis marker). The name is
        /// interned (`symbol.name` is the text) so lookups index arrays, not hash strings.
        case name(Symbol)
        /// An array/list literal `[a, b, c]`; nested for matrices: `[[1, 2], [3, 4]]`.
        /// Whether it becomes an array or a list is the interpreter's decision.
        case array([Expr])
        /// A record literal `{a: 1, "b c": x}`, fields in source order, names unique.
        case record([RecordField])
        /// A prefix operation: `-x`, `not x`.
        case unary(UnaryOperator, Expr)
        /// An arithmetic or comparison operation: `a + b`, `A @ B`, `a ^ b`, `a < b`.
        case binary(BinaryOperator, Expr, Expr)
        /// A short-circuit operation: `a and b`, `a or b` (evaluate `rhs` only if needed).
        case logical(LogicalOperator, Expr, Expr)
        /// A half-open range `start..end` (excludes `end`) with an optional step:
        /// `0..10`, `10..0..-1`.
        case range(start: Expr, end: Expr, step: Expr?)
        /// A call `callee(args…)`, e.g. `sum(x, axis: 1)`; positional arguments always
        /// precede named ones, and labels are unique (the parser checks both).
        case call(callee: Expr, arguments: [Argument])
        /// Indexing `base[items…]` with NumPy semantics: `x[0, 1:3]`, `x[:, -1]`,
        /// `x[mask]`, `x[..., newaxis]`. There is at least one item.
        case index(base: Expr, items: [IndexItem])
        /// Field access `base.name`, e.g. `cfg.epochs`.
        case field(base: Expr, name: Identifier)
        /// A function literal: lambda `fn(x, y=2) -> x + y`, `fn(x) { … }`. Its `name`
        /// is nil here; named functions are the statement `Stmt.Kind.function`.
        case function(FunctionLiteral)
        /// `if condition { then } else …`, usable as an expression. `otherwise` is nil
        /// (no `else`), a `.block`, or another `.ifElse` (for `else if`). Without an
        /// `else`, a false condition yields `none`.
        case ifElse(condition: Expr, then: Block, otherwise: Expr?)
        /// A block used as an expression, `{ a = 1; a + 1 }`; its value is that of its
        /// last statement if that is an expression statement, otherwise `none`.
        case block(Block)
    }
}

/// A name together with where it was written (parameter names, labels, fields).
public struct Identifier: Equatable, Hashable, Sendable {
    public var name: String { didSet { symbol = Symbol(name) } }
    public var span: SourceSpan
    /// `name` interned, for binding parameters and loop variables without hashing.
    public private(set) var symbol: Symbol

    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
        self.symbol = Symbol(name)
    }
}

/// One argument of a call: positional (`label == nil`) or named (`axis: 0`).
public struct Argument: Equatable, Sendable {
    /// The name before the colon, for named arguments.
    public var label: Identifier?
    public var value: Expr
    /// Covers the label (if any) and the value.
    public var span: SourceSpan

    public init(label: Identifier?, value: Expr, span: SourceSpan) {
        self.label = label
        self.value = value
        self.span = span
    }
}

/// One `name: value` entry of a record literal.
public struct RecordField: Equatable, Sendable {
    /// The field name; written as an identifier or a string (`{"a b": 1}`).
    public var name: Identifier
    public var value: Expr

    public init(name: Identifier, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// One comma-separated entry inside `x[…]`.
public struct IndexItem: Equatable, Sendable {
    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    public enum Kind: Equatable, Sendable {
        /// A single expression: an integer (negative counts from the end), a boolean
        /// mask, an integer array (gather), or `newaxis`.
        case single(Expr)
        /// A slice `start:stop:step`; omitted parts are nil. `:` is
        /// `.slice(nil, nil, nil)`, `::-1` is `.slice(nil, nil, -1)`, `1:` is
        /// `.slice(1, nil, nil)`. Defaults and negative steps follow NumPy.
        case slice(start: Expr?, stop: Expr?, step: Expr?)
        /// `...`: as many full slices as needed to index every axis.
        case ellipsis
    }
}

/// A function, anonymous (`fn(x) -> x`) or named (`fn f(x) { … }`).
public struct FunctionLiteral: Equatable, Sendable {
    /// The declared name for `fn name(…)` statements; nil for lambdas.
    public var name: Identifier?
    /// Parameters in order; names are unique and every parameter after the first one
    /// with a default also has a default (the parser checks both).
    public var parameters: [Parameter]
    /// The body: a `.block` for `fn(…) { … }`, the expression itself for `fn(…) -> e`.
    /// Evaluating it gives the return value unless a `return` statement runs first.
    public var body: Expr
    /// From `fn` to the end of the body.
    public var span: SourceSpan

    public init(name: Identifier?, parameters: [Parameter], body: Expr, span: SourceSpan) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.span = span
    }
}

/// A function parameter `name` or `name = default`.
public struct Parameter: Equatable, Sendable {
    public var name: Identifier
    /// Evaluated at call time when the argument is omitted (not at definition time).
    public var defaultValue: Expr?
    public var span: SourceSpan

    public init(name: Identifier, defaultValue: Expr?, span: SourceSpan) {
        self.name = name
        self.defaultValue = defaultValue
        self.span = span
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Equatable, Sendable {
    /// `-x`: arithmetic negation.
    case negate = "-"
    /// `not x`: logical negation.
    case not = "not"
}

/// Infix operators evaluated on both operands (see `LogicalOperator` for `and`/`or`).
public enum BinaryOperator: String, Equatable, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    /// `a % b`: remainder.
    case remainder = "%"
    /// `a ^ b`: elementwise power (right-associative).
    case power = "^"
    /// `A @ B`: matrix product.
    case matmul = "@"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="

    /// The operator as written in source.
    public var symbol: String { rawValue }
}

/// Short-circuit logical operators.
public enum LogicalOperator: String, Equatable, Sendable {
    case and
    case or
}
