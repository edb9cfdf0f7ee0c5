/// Splits a `SourceFile` into tokens.
///
/// - Comments run from `#` to the end of the line (so notebook prose `#'` and cell
///   markers `#%%` are comments too).
/// - Line breaks become `.newline` tokens (runs collapse into one; none at the start),
///   except inside `( )` and `[ ]`, where they are ignored. Inside `{ }` they separate
///   statements, so a block nested in parentheses — `map(xs, fn(x) { … })` — still
///   sees its newlines.
/// - A lexical error (stray character, bad escape, unterminated string) is reported
///   once; the lexer then produces an `.invalid` token (stray characters) or the best
///   possible string token, so the parser does not report the same mistake again.
///
/// ```swift
/// let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "<repl>", text: "x = 1e-3"))
/// tokens.map(\.kind)   // [.identifier, .equal, .number, .eof]
/// ```
public struct Lexer {
    private let file: SourceFile
    private let s: [Unicode.Scalar]
    private var pos = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    /// Open brackets, innermost last; decides whether a line break is a separator.
    private var brackets: [TokenKind] = []

    private init(file: SourceFile) {
        self.file = file
        self.s = file.scalars
    }

    /// All tokens of `file` (ending with `.eof`) and the lexical errors found.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    private mutating func run() {
        while pos < s.count {
            let c = s[pos]
            switch c {
            case " ", "\t", "\r", "\u{0C}":
                pos += 1
            case "\n":
                lexNewline()
            case "#":
                while pos < s.count, s[pos] != "\n" { pos += 1 }
            case "\"":
                lexString()
            case "0"..."9":
                lexNumber()
            case "." where peek(1).map(isDigit) ?? false:
                lexNumber()
            default:
                if isIdentifierStart(c) {
                    lexIdentifier()
                } else if let (kind, length) = matchOperator(at: pos) {
                    add(kind, from: pos, to: pos + length)
                    pos += length
                    trackBrackets(kind)
                } else {
                    lexInvalid()
                }
            }
        }
        // The end-of-input token sits right after the last real token, so an
        // "unexpected end of input" caret points at the end of the code, not at a
        // trailing blank line.
        let end = tokens.last?.span.end ?? 0
        if tokens.last?.kind == .newline { tokens.removeLast() }
        tokens.append(Token(.eof, span: .at(end), lexeme: ""))
    }

    // MARK: - Layout

    private mutating func lexNewline() {
        defer { pos += 1 }
        if let open = brackets.last, open != .leftBrace { return }
        guard let last = tokens.last, last.kind != .newline else { return }
        add(.newline, from: pos, to: pos + 1)
    }

    private mutating func trackBrackets(_ kind: TokenKind) {
        switch kind {
        case .leftParen, .leftBracket, .leftBrace:
            brackets.append(kind)
        case .rightParen, .rightBracket, .rightBrace:
            let opener: TokenKind = kind == .rightParen ? .leftParen : kind == .rightBracket ? .leftBracket : .leftBrace
            // A mismatched closer closes the innermost bracket, as the parser's recovery assumes.
            if let i = brackets.lastIndex(of: opener) {
                brackets.removeSubrange(i...)
            } else if !brackets.isEmpty {
                brackets.removeLast()
            }
        default:
            break
        }
    }

    // MARK: - Numbers

    /// number := digits ['.' digits] [('e'|'E') ['+'|'-'] digits]  |  '.' digits [exponent]
    /// where digits may contain `_` separators after the first digit.
    private mutating func lexNumber() {
        let start = pos
        skipDigits()
        if pos < s.count, s[pos] == ".", let next = peek(1), isDigit(next) {
            pos += 1
            skipDigits()
        }
        if pos < s.count, s[pos] == "e" || s[pos] == "E" {
            var k = pos + 1
            if k < s.count, s[k] == "+" || s[k] == "-" { k += 1 }
            if k < s.count, isDigit(s[k]) {
                pos = k
                skipDigits()
            }
        }
        let lexeme = text(start, pos)
        let value = Double(lexeme.removingUnderscores) ?? .nan
        tokens.append(Token(.number, span: SourceSpan(start: start, end: pos), lexeme: lexeme, number: value))
    }

    private mutating func skipDigits() {
        while pos < s.count, isDigit(s[pos]) || (s[pos] == "_" && pos > 0 && isDigit(s[pos - 1])) { pos += 1 }
    }

    // MARK: - Strings

    /// string := '"' { char | escape } '"'   (single line)
    /// escape := '\n' | '\t' | '\r' | '\0' | '\\' | '\"' | '\u{' hex+ '}'
    private mutating func lexString() {
        let start = pos
        pos += 1
        var value = String.UnicodeScalarView()
        while true {
            guard pos < s.count, s[pos] != "\n" else {
                report(SyntaxError.unterminatedString, SourceSpan(start: start, end: pos))
                break
            }
            let c = s[pos]
            if c == "\"" {
                pos += 1
                break
            }
            if c == "\\" {
                if let decoded = lexEscape() { value.append(decoded) }
            } else {
                value.append(c)
                pos += 1
            }
        }
        tokens.append(Token(.string, span: SourceSpan(start: start, end: pos), lexeme: text(start, pos),
                            string: String(value)))
    }

    /// Decodes the escape at `pos` (which holds the backslash); reports bad ones.
    private mutating func lexEscape() -> Unicode.Scalar? {
        let start = pos
        pos += 1
        guard pos < s.count, s[pos] != "\n" else { return nil }  // unterminated; reported by caller
        let c = s[pos]
        pos += 1
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "0": return "\0"
        case "\\": return "\\"
        case "\"": return "\""
        case "u":
            var k = pos
            var hex = ""
            if k < s.count, s[k] == "{" {
                k += 1
                while k < s.count, s[k].properties.isASCIIHexDigit { hex.unicodeScalars.append(s[k]); k += 1 }
                if k < s.count, s[k] == "}", !hex.isEmpty, hex.count <= 8,
                   let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    pos = k + 1
                    return scalar
                }
                if k < s.count, s[k] == "}" { k += 1 }
            }
            pos = max(pos, k)
            report(SyntaxError.invalidUnicodeEscape, SourceSpan(start: start, end: pos))
            return nil
        default:
            report(SyntaxError.invalidEscape(text(start, pos)), SourceSpan(start: start, end: pos))
            return nil
        }
    }

    // MARK: - Names

    private mutating func lexIdentifier() {
        let start = pos
        pos += 1
        while pos < s.count, isIdentifierContinue(s[pos]) { pos += 1 }
        let name = text(start, pos)
        tokens.append(Token(TokenKind.keywords[name] ?? .identifier, span: SourceSpan(start: start, end: pos), lexeme: name))
    }

    // MARK: - Operators

    /// Longest match first: `...` before `..` before `.`, `==` before `=`, etc.
    private static let operators: [(String, TokenKind)] = [
        ("...", .ellipsis),
        ("..", .dotDot), ("==", .equalEqual), ("!=", .bangEqual), ("<=", .lessEqual), (">=", .greaterEqual),
        ("|>", .pipe), ("->", .arrow), ("+=", .plusEqual), ("-=", .minusEqual), ("*=", .starEqual), ("/=", .slashEqual),
        ("+", .plus), ("-", .minus), ("*", .star), ("/", .slash), ("^", .caret), ("@", .at), ("%", .percent),
        ("<", .less), (">", .greater), ("=", .equal), (".", .dot), (":", .colon), (",", .comma), (";", .semicolon),
        ("(", .leftParen), (")", .rightParen), ("[", .leftBracket), ("]", .rightBracket), ("{", .leftBrace), ("}", .rightBrace),
    ]

    private func matchOperator(at start: Int) -> (TokenKind, Int)? {
        outer: for (spelling, kind) in Lexer.operators {
            var k = start
            for ch in spelling.unicodeScalars {
                guard k < s.count, s[k] == ch else { continue outer }
                k += 1
            }
            return (kind, k - start)
        }
        return nil
    }

    /// A run of characters that start no token becomes one `.invalid` token and one error.
    private mutating func lexInvalid() {
        let start = pos
        let first = s[pos]
        pos += 1
        while pos < s.count, !startsToken(at: pos) { pos += 1 }
        report(SyntaxError.unexpectedCharacter(first, run: text(start, pos)), SourceSpan(start: start, end: pos))
        add(.invalid, from: start, to: pos)
    }

    private func startsToken(at k: Int) -> Bool {
        let c = s[k]
        if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "#" || c == "\"" { return true }
        return isDigit(c) || isIdentifierStart(c) || matchOperator(at: k) != nil
    }

    // MARK: - Helpers

    private func peek(_ k: Int) -> Unicode.Scalar? { pos + k < s.count ? s[pos + k] : nil }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isXIDStart }

    private func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isXIDContinue }

    private func text(_ a: Int, _ b: Int) -> String { file.text(of: SourceSpan(start: a, end: b)) }

    private mutating func add(_ kind: TokenKind, from a: Int, to b: Int) {
        tokens.append(Token(kind, span: SourceSpan(start: a, end: b), lexeme: text(a, b)))
    }

    private mutating func report(_ message: String, _ span: SourceSpan) {
        diagnostics.append(Diagnostic(.error, message, file: file, span: span))
    }
}

private extension String {
    var removingUnderscores: String { String(filter { $0 != "_" }) }
}
