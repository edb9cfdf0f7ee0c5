@testable import GyreLang

/// Parses `text` and returns its S-expression; error text if it did not parse cleanly.
func sexpr(_ text: String) -> String {
    let (program, diagnostics) = Parser.parse(text, name: "t.gy")
    if !diagnostics.isEmpty { return "ERRORS: " + diagnostics.map(\.description).joined(separator: " | ") }
    return ASTPrinter.print(program)
}

/// The diagnostics of `text` as `line:col: message` strings.
func errors(_ text: String) -> [String] {
    Parser.parse(text, name: "t.gy").diagnostics.map { "\($0.location): \($0.message)" }
}

/// Token kinds of `text`, without the final `.eof`.
func kinds(_ text: String) -> [TokenKind] {
    Array(Lexer.tokenize(SourceFile(name: "t.gy", text: text)).tokens.map(\.kind).dropLast())
}
