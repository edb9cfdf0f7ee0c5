/// The wording of every lexical and syntax error, in one place.
///
/// Messages are lower-case, name the offending text in quotes, and where useful say
/// what to write instead (`use 'and'`). Positions are not part of the message — the
/// renderer adds `file:line:col` — except when a message refers to a second place
/// (`expected ')' to close '(' at 3:5`).
enum SyntaxError {
    // MARK: - Lexer

    static func unexpectedCharacter(_ c: Unicode.Scalar, run: String) -> String {
        switch c {
        case "!": return "unexpected character '!'; use 'not' for negation and '!=' for 'not equal'"
        case "&": return "unexpected character '\(run)'; use 'and'"
        case "|": return "unexpected character '\(run)'; use 'or' (or '|>' to pipe)"
        case "'": return "unexpected character \"'\"; strings use double quotes"
        default: return "unexpected character '\(run)'"
        }
    }

    static let unterminatedString = "unterminated string; add a closing '\"' on the same line"

    static func invalidEscape(_ text: String) -> String {
        "invalid escape '\(text)' in string; use \\n, \\t, \\r, \\0, \\\\, \\\" or \\u{…}"
    }

    static let invalidUnicodeEscape = "invalid unicode escape; write \\u{…} with 1 to 8 hex digits of a valid code point"

    // MARK: - Parser: unexpected tokens

    /// How a token is quoted in messages: `token '=='`, `identifier 'x'`, `end of input`.
    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier: return "identifier '\(token.lexeme)'"
        case .number: return "number '\(token.lexeme)'"
        case .string: return "string \(token.lexeme)"
        case .newline: return "newline"
        case .eof: return "end of input"
        case .invalid: return "character '\(token.lexeme)'"
        default:
            return token.kind.spelling.first?.isLetter == true
                ? "keyword '\(token.kind.spelling)'" : "token '\(token.kind.spelling)'"
        }
    }

    /// `unexpected token '=='`, optionally with a hint: `unexpected token '='; use '==' to compare`.
    static func unexpected(_ token: Token, hint: String? = nil) -> String {
        "unexpected \(describe(token))" + (hint.map { "; \($0)" } ?? "")
    }

    /// `expected '{' after the 'if' condition, found newline`; at the end of input:
    /// `unexpected end of input; expected '{' after the 'if' condition`.
    static func expected(_ what: String, found token: Token) -> String {
        token.kind == .eof ? "unexpected end of input; expected \(what)" : "expected \(what), found \(describe(token))"
    }

    /// `expected ')' to close '(' at 3:5`.
    static func unclosed(_ closer: TokenKind, opener: TokenKind, at position: LineColumn, found token: Token) -> String {
        let text = "expected '\(closer.spelling)' to close '\(opener.spelling)' at \(position)"
        return token.kind == .eof ? "unexpected end of input; \(text)" : text
    }

    // MARK: - Parser: structure

    static func chainedComparison(_ source: String) -> String {
        "'\(source)': comparisons do not chain; use 'and' (as in 'a < b and b < c')"
    }

    static func chainedRange(_ source: String) -> String {
        "'\(source)': a range has at most a start, an end and a step ('start..end..step')"
    }

    static let invalidAssignmentTarget =
        "cannot assign to this expression; assign to a name, an element 'x[i]' or a field 'r.a'"

    static let positionalAfterNamed = "positional argument after a named argument"

    static func duplicateArgument(_ name: String) -> String { "duplicate named argument '\(name)'" }

    static func duplicateParameter(_ name: String) -> String { "duplicate parameter '\(name)'" }

    static func missingDefault(_ name: String) -> String {
        "parameter '\(name)' needs a default value because an earlier parameter has one"
    }

    static func duplicateField(_ name: String) -> String { "duplicate field '\(name)' in record" }

    static let namedFunctionExpression =
        "a named function is a statement; write 'fn(…) …' for an anonymous function"

    static func outsideLoop(_ keyword: String) -> String { "'\(keyword)' outside a loop" }

    static let returnOutsideFunction = "'return' outside a function"

    static let tooDeep = "expression is nested too deeply"

    static let emptyIndex = "empty index '[]'; write an index such as 'x[0]' or 'x[:]'"

    static let powerHint = "use '^' for powers"

    static let assignmentInConditionHint = "use '==' to compare"
}
