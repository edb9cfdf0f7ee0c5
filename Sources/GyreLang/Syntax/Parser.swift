/// Recursive-descent parser with a Pratt precedence table (`Precedence.swift`).
///
/// ```swift
/// let file = SourceFile(name: "<repl>", text: "x = [1, 2, 3] |> sum")
/// let (program, diagnostics) = Parser.parse(source: file)
/// if diagnostics.isEmpty { run(program) }
/// else { print(DiagnosticRenderer().render(diagnostics)) }
/// ```
///
/// Error handling is panic mode: the first error in a statement is recorded and thrown
/// (`ParseFailure`), the enclosing statement loop skips to the next statement boundary
/// (`synchronize`), and parsing resumes — so one mistake gives one message. Errors
/// caused only by the input ending early are flagged `isIncomplete`; the REPL uses
/// `Parser.isIncomplete(_:)` to decide whether to read a continuation line.
public struct Parser {
    let file: SourceFile
    var tokens: [Token]
    var current = 0
    var diagnostics: [Diagnostic] = []
    /// Start offsets of lexical errors; a parse error in the same statement after one
    /// of these is a consequence of it and is not reported.
    let lexicalErrorOffsets: [Int]
    /// Source offset where the statement being parsed starts.
    var statementStart = 0
    /// Number of enclosing loops in the current function body (for `break`/`continue`).
    var loopDepth = 0
    /// Number of enclosing function bodies (for `return`).
    var functionDepth = 0
    /// Current depth of nested `parseExpression` calls, bounded by `maxNesting`.
    var nesting = 0
    static let maxNesting = 200

    /// Thrown after an error has been recorded; caught by the statement loops.
    struct ParseFailure: Error {}

    private init(file: SourceFile) {
        let (tokens, lexErrors) = Lexer.tokenize(file)
        self.file = file
        self.tokens = tokens
        self.diagnostics = lexErrors
        self.lexicalErrorOffsets = lexErrors.map(\.span.start)
    }

    // MARK: - Public entry points

    /// Parses a whole file, REPL entry or notebook cell.
    ///
    /// Returns the statements that parsed and every lexical and syntax error, in
    /// source order. Do not run the program unless `diagnostics` is empty.
    public static func parse(source: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
        var parser = Parser(file: source)
        let statements = parser.parseProgram()
        let sorted = parser.diagnostics.enumerated()
            .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
            .map(\.element)
        return (Program(statements: statements, source: source), sorted)
    }

    /// Convenience: parses `text` as a file called `name`.
    public static func parse(_ text: String, name: String = "<input>", lineOffset: Int = 0)
        -> (program: Program, diagnostics: [Diagnostic]) {
        parse(source: SourceFile(name: name, text: text, lineOffset: lineOffset))
    }

    /// `true` if `text` is a correct beginning of a program that needs more input:
    /// `fn f(x) {`, `[1, 2,`, `if x {`, `y = 1 +`. `false` for complete input and for
    /// input with a real error (`1 +* 2`), which should be reported right away.
    public static func isIncomplete(_ text: String) -> Bool {
        let diagnostics = parse(text, name: "<repl>").diagnostics
        return !diagnostics.isEmpty && diagnostics.allSatisfy(\.isIncomplete)
    }

    // MARK: - Token cursor

    var token: Token { tokens[current] }

    var previous: Token { tokens[max(0, current - 1)] }

    func peek(_ k: Int = 1) -> Token { tokens[min(current + k, tokens.count - 1)] }

    /// The first token at or after the current one that is not a newline.
    func peekPastNewlines() -> Token {
        var k = current
        while tokens[k].kind == .newline { k += 1 }
        return tokens[k]
    }

    func check(_ kind: TokenKind) -> Bool { token.kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[current]
        if t.kind != .eof { current += 1 }
        return t
    }

    mutating func match(_ kind: TokenKind) -> Token? {
        check(kind) ? advance() : nil
    }

    mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    /// Skips statement separators (newlines and stray `;`).
    mutating func skipSeparators() {
        while check(.newline) || check(.semicolon) { advance() }
    }

    /// Consumes a token of `kind` or fails with `expected <what>, found …`.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String) throws -> Token {
        if let t = match(kind) { return t }
        throw fail(SyntaxError.expected(what, found: token), at: token)
    }

    /// Consumes the bracket that closes `opener`, or fails with
    /// `expected ')' to close '(' at 3:5`.
    @discardableResult
    mutating func expectClosing(_ closer: TokenKind, opener: Token) throws -> Token {
        if let t = match(closer) { return t }
        let position = file.lineColumn(at: opener.span.start)
        throw fail(SyntaxError.unclosed(closer, opener: opener.kind, at: position, found: token), at: token)
    }

    func span(from start: Token) -> SourceSpan {
        SourceSpan(start: start.span.start, end: max(start.span.end, previous.span.end))
    }

    // MARK: - Errors

    /// Records an error at `token` (unless it is a consequence of an earlier one) and
    /// returns the failure to throw.
    mutating func fail(_ message: String, at token: Token) -> ParseFailure {
        if token.kind != .invalid {
            report(message, span: token.span, isIncomplete: token.kind == .eof)
        }
        return ParseFailure()
    }

    /// Records an error about `span` and returns the failure to throw.
    mutating func fail(_ message: String, span: SourceSpan) -> ParseFailure {
        report(message, span: span)
        return ParseFailure()
    }

    /// Records an error without unwinding (for mistakes that leave the tree well formed,
    /// like a duplicate parameter). At most one error per position; none after a
    /// lexical error in the same statement.
    mutating func report(_ message: String, span: SourceSpan, isIncomplete: Bool = false) {
        if diagnostics.contains(where: { $0.span.start == span.start }) { return }
        if lexicalErrorOffsets.contains(where: { $0 >= statementStart && $0 <= span.start }) { return }
        diagnostics.append(Diagnostic(.error, message, file: file, span: span, isIncomplete: isIncomplete))
    }

    /// Panic-mode recovery: skips from the failed statement (which began at token index
    /// `start`) to the next statement boundary — a newline or `;` outside any bracket the
    /// statement opened — without consuming a `}` that closes the enclosing block.
    mutating func synchronize(from start: Int, inBlock: Bool) {
        var open: [TokenKind] = []
        for t in tokens[start..<current] { Parser.track(t.kind, in: &open) }
        while !check(.eof) {
            let kind = token.kind
            switch kind {
            case .newline, .semicolon:
                advance()
                if open.isEmpty { return }
            case .leftParen, .leftBracket, .leftBrace:
                open.append(kind)
                advance()
            case .rightParen, .rightBracket, .rightBrace:
                if let top = open.last, Parser.closes(kind, top) {
                    open.removeLast()
                } else if kind == .rightBrace, inBlock, !open.contains(.leftBrace) {
                    return  // closes the block we are in
                } else if !open.isEmpty {
                    open.removeLast()  // mismatched: treat as closing the innermost bracket
                }
                advance()
            default:
                advance()
            }
        }
    }

    static func closes(_ closer: TokenKind, _ opener: TokenKind) -> Bool {
        (closer, opener) == (.rightParen, .leftParen) || (closer, opener) == (.rightBracket, .leftBracket)
            || (closer, opener) == (.rightBrace, .leftBrace)
    }

    static func track(_ kind: TokenKind, in open: inout [TokenKind]) {
        switch kind {
        case .leftParen, .leftBracket, .leftBrace: open.append(kind)
        case .rightParen, .rightBracket, .rightBrace: if !open.isEmpty { open.removeLast() }
        default: break
        }
    }
}
