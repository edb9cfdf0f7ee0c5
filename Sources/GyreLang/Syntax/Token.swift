/// The kinds of token the lexer produces. Payloads (a number's value, a string's decoded
/// contents, an identifier's name) live on `Token`, so this enum is `Hashable` and can
/// key the parser's precedence table.
public enum TokenKind: Hashable, Sendable {
    // Literals and names
    case number        // 42, 1.5, 1e-3, .5, 1_000
    case string        // "text\n"
    case identifier    // x, loss_fn, α, newaxis

    // Keywords
    case kwFn, kwIf, kwElse, kwFor, kwIn, kwWhile, kwBreak, kwContinue, kwReturn
    case kwAnd, kwOr, kwNot, kwTrue, kwFalse, kwNone

    // Operators
    case plus, minus, star, slash, caret, at, percent            // + - * / ^ @ %
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual // == != < <= > >=
    case equal, plusEqual, minusEqual, starEqual, slashEqual     // = += -= *= /=
    case dotDot, ellipsis, dot                                   // .. ... .
    case pipe, arrow                                             // |> ->
    case colon, comma, semicolon                                 // : , ;
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace

    // Layout
    /// A statement separator: one or more line breaks outside `( )` and `[ ]`.
    case newline
    /// End of input (always the last token).
    case eof
    /// A character the lexer could not make sense of; it already reported an error.
    case invalid
}

/// A token with its source span and payload.
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var span: SourceSpan
    /// The exact source text (for identifiers: the name).
    public var lexeme: String
    /// The value of a `.number` token (0 otherwise).
    public var number: Double
    /// The decoded contents of a `.string` token (escapes applied; "" otherwise).
    public var string: String

    public init(_ kind: TokenKind, span: SourceSpan, lexeme: String, number: Double = 0, string: String = "") {
        self.kind = kind
        self.span = span
        self.lexeme = lexeme
        self.number = number
        self.string = string
    }
}

extension TokenKind {
    /// Reserved words, by spelling.
    public static let keywords: [String: TokenKind] = [
        "fn": .kwFn, "if": .kwIf, "else": .kwElse, "for": .kwFor, "in": .kwIn,
        "while": .kwWhile, "break": .kwBreak, "continue": .kwContinue, "return": .kwReturn,
        "and": .kwAnd, "or": .kwOr, "not": .kwNot,
        "true": .kwTrue, "false": .kwFalse, "none": .kwNone,
    ]

    /// How the token is named in messages: `'=='`, `identifier`, `end of input`.
    var displayName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .identifier: return "identifier"
        case .newline: return "newline"
        case .eof: return "end of input"
        case .invalid: return "invalid character"
        default: return "'\(spelling)'"
        }
    }

    /// The fixed spelling of keyword and operator tokens ("" for the others).
    public var spelling: String {
        switch self {
        case .kwFn: return "fn"
        case .kwIf: return "if"
        case .kwElse: return "else"
        case .kwFor: return "for"
        case .kwIn: return "in"
        case .kwWhile: return "while"
        case .kwBreak: return "break"
        case .kwContinue: return "continue"
        case .kwReturn: return "return"
        case .kwAnd: return "and"
        case .kwOr: return "or"
        case .kwNot: return "not"
        case .kwTrue: return "true"
        case .kwFalse: return "false"
        case .kwNone: return "none"
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .caret: return "^"
        case .at: return "@"
        case .percent: return "%"
        case .equalEqual: return "=="
        case .bangEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .equal: return "="
        case .plusEqual: return "+="
        case .minusEqual: return "-="
        case .starEqual: return "*="
        case .slashEqual: return "/="
        case .dotDot: return ".."
        case .ellipsis: return "..."
        case .dot: return "."
        case .pipe: return "|>"
        case .arrow: return "->"
        case .colon: return ":"
        case .comma: return ","
        case .semicolon: return ";"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .number, .string, .identifier, .newline, .eof, .invalid: return ""
        }
    }
}
