/// A statement: one line (or `;`-separated part) of a program or block.
///
/// ```swift
/// for stmt in program.statements {
///     switch stmt.kind {
///     case .expression(let e): let v = eval(e); if !stmt.isSilenced { show(v) }
///     case .assign(let target, let value): …
///     …
///     }
/// }
/// ```
public struct Stmt: Equatable, Sendable {
    public var kind: Kind
    /// The statement's source, without the trailing `;`.
    public var span: SourceSpan
    /// `true` when the statement was followed by `;` (`x = f(1);`, `train(m);`): the
    /// REPL and notebook runner do not print its value. Meaningless inside blocks.
    public var isSilenced: Bool

    public init(_ kind: Kind, span: SourceSpan, isSilenced: Bool = false) {
        self.kind = kind
        self.span = span
        self.isSilenced = isSilenced
    }

    public indirect enum Kind: Equatable, Sendable {
        /// An expression evaluated for its value (printed at top level unless silenced).
        case expression(Expr)
        /// `target = value`: `x = e`, `x[i, 1:3] = e`, `x[x < 0] = 0`, `r.a = e`.
        case assign(target: AssignTarget, value: Expr)
        /// `target op= value` for `+=`, `-=`, `*=`, `/=`; `op` is `.add`, `.subtract`,
        /// `.multiply` or `.divide`. Means `target = target op value`, with the target's
        /// base and indices evaluated once.
        case compoundAssign(target: AssignTarget, op: BinaryOperator, value: Expr)
        /// `fn name(params) { … }` or `fn name(params) -> e`: binds `name` (always
        /// non-nil here) in the current scope. Visible to its own body, so recursion works.
        case function(FunctionLiteral)
        /// `for variable in iterable { body }`; iterates a range, a list, or the rows
        /// (first axis) of an array. Its value is `none`.
        case forIn(variable: Identifier, iterable: Expr, body: Block)
        /// `while condition { body }`. Its value is `none`.
        case whileLoop(condition: Expr, body: Block)
        /// `break`: leaves the innermost loop (the parser rejects it outside a loop).
        case breakLoop
        /// `continue`: next iteration of the innermost loop (rejected outside a loop).
        case continueLoop
        /// `return` or `return value` (rejected outside a function body).
        case returnValue(Expr?)
    }
}

/// The left-hand side of an assignment. Its chain of indices and fields is always rooted
/// at a name (`a.b[0].c = 1`), so the interpreter can read-modify-write that variable.
public struct AssignTarget: Equatable, Sendable {
    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    public enum Kind: Equatable, Sendable {
        /// `x = …`: binds or rebinds a variable (interned like `Expr.Kind.name`).
        case name(Symbol)
        /// `base[items] = …`; `base` is a `.name`, `.index` or `.field` expression.
        case index(base: Expr, items: [IndexItem])
        /// `base.name = …`; `base` is a `.name`, `.index` or `.field` expression.
        case field(base: Expr, name: Identifier)
    }
}

/// A `{ … }` sequence of statements with its own scope for the interpreter to decide on.
///
/// Its value is the value of the last statement if that is an `.expression`, else `none`.
public struct Block: Equatable, Sendable {
    public var statements: [Stmt]
    /// From `{` to `}` inclusive.
    public var span: SourceSpan

    public init(statements: [Stmt], span: SourceSpan) {
        self.statements = statements
        self.span = span
    }
}

/// A parsed source file, REPL entry or notebook cell.
public struct Program: Equatable, Sendable {
    /// Top-level statements in order. When there were errors, statements that failed
    /// to parse are left out; do not run a program that came with errors.
    public var statements: [Stmt]
    /// The text the spans point into; keep it to render runtime errors.
    public var source: SourceFile

    public init(statements: [Stmt], source: SourceFile) {
        self.statements = statements
        self.source = source
    }

    public static func == (a: Program, b: Program) -> Bool {
        a.statements == b.statements && a.source === b.source
    }
}
