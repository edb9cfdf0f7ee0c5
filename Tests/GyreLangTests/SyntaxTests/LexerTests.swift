import Testing
@testable import GyreLang

@Suite struct LexerTests {
    private func tokens(_ text: String) -> [Token] {
        Array(Lexer.tokenize(SourceFile(name: "t.gy", text: text)).tokens.dropLast())
    }

    private func lexErrors(_ text: String) -> [String] {
        Lexer.tokenize(SourceFile(name: "t.gy", text: text)).diagnostics.map { "\($0.location): \($0.message)" }
    }

    @Test func operatorsAndPunctuation() {
        #expect(kinds("+ - * / ^ @ % == != < <= > >= = .. ... |> -> : , . ; ( ) [ ] { } += -= *= /=") == [
            .plus, .minus, .star, .slash, .caret, .at, .percent, .equalEqual, .bangEqual, .less, .lessEqual,
            .greater, .greaterEqual, .equal, .dotDot, .ellipsis, .pipe, .arrow, .colon, .comma, .dot, .semicolon,
            .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace,
            .plusEqual, .minusEqual, .starEqual, .slashEqual,
        ])
    }

    @Test func keywords() {
        #expect(kinds("fn if else for in while break continue return and or not true false none") == [
            .kwFn, .kwIf, .kwElse, .kwFor, .kwIn, .kwWhile, .kwBreak, .kwContinue, .kwReturn,
            .kwAnd, .kwOr, .kwNot, .kwTrue, .kwFalse, .kwNone,
        ])
        #expect(kinds("fnx iff newaxis _x") == [.identifier, .identifier, .identifier, .identifier])
    }

    @Test func unicodeIdentifiers() {
        let ts = tokens("α λ_gp σ2 ∂ résumé x′")
        #expect(ts.map(\.lexeme) == ["α", "λ_gp", "σ2", "∂", "résumé", "x", "′"])
        #expect(ts.prefix(3).allSatisfy { $0.kind == .identifier })
        // '∂' is a math symbol, not a letter; '′' (prime) neither.
        #expect(ts[3].kind == .invalid)
        #expect(lexErrors("σ = 1") == [])
    }

    @Test(arguments: [
        ("42", 42.0), ("1.5", 1.5), ("1e-3", 0.001), ("2E+2", 200), ("1.25e2", 125), (".5", 0.5),
        ("1_000_000", 1_000_000), ("0", 0), ("007", 7),
    ])
    func numbers(text: String, value: Double) {
        let ts = tokens(text)
        #expect(ts.count == 1)
        #expect(ts[0].kind == .number)
        #expect(ts[0].number == value)
        #expect(ts[0].lexeme == text)
    }

    @Test func numbersNextToDots() {
        #expect(kinds("0..10") == [.number, .dotDot, .number])
        #expect(tokens("0..10").map(\.lexeme) == ["0", "..", "10"])
        #expect(kinds("1.5..2") == [.number, .dotDot, .number])
        #expect(kinds("x.y") == [.identifier, .dot, .identifier])
        #expect(kinds("2e") == [.number, .identifier])        // no exponent digits: 'e' is a name
        #expect(kinds("a...b") == [.identifier, .ellipsis, .identifier])
    }

    @Test func stringsWithEscapes() {
        let ts = tokens(#""a\nb" "q\"q" "back\\slash" "\t\r\0" "\u{3B1}\u{1F600}" "α""#)
        #expect(ts.map(\.kind) == Array(repeating: .string, count: 6))
        #expect(ts.map(\.string) == ["a\nb", "q\"q", "back\\slash", "\t\r\0", "α😀", "α"])
        #expect(ts[0].lexeme == #""a\nb""#)
    }

    @Test func stringErrors() {
        #expect(lexErrors(#"x = "abc"#) == [#"1:5: unterminated string; add a closing '"' on the same line"#])
        #expect(lexErrors(#""a\qb""#) == [#"1:3: invalid escape '\q' in string; use \n, \t, \r, \0, \\, \" or \u{…}"#])
        #expect(lexErrors(#""\u{110000}""#) == [#"1:2: invalid unicode escape; write \u{…} with 1 to 8 hex digits of a valid code point"#])
        #expect(lexErrors(#""\u12""#) == [#"1:2: invalid unicode escape; write \u{…} with 1 to 8 hex digits of a valid code point"#])
        // The token is still produced, with the bad escape dropped.
        #expect(tokens(#""a\qb""#).map(\.string) == ["ab"])
    }

    @Test func comments() {
        #expect(kinds("x = 1 # set x\n# whole line\ny") == [.identifier, .equal, .number, .newline, .identifier])
        #expect(kinds("#' Prose with `code` and \"quotes\n#%% Cell 2\nx") == [.identifier])
        #expect(kinds("# only a comment") == [])
    }

    @Test func newlines() {
        // Runs collapse; none at the start or the end.
        #expect(kinds("\n\na\n\n\nb\n\n") == [.identifier, .newline, .identifier])
        // Ignored inside ( ) and [ ].
        #expect(kinds("f(1,\n 2)\n[3,\n4]") == [
            .identifier, .leftParen, .number, .comma, .number, .rightParen, .newline,
            .leftBracket, .number, .comma, .number, .rightBracket,
        ])
        // Kept inside { }, even when the braces are inside parentheses.
        #expect(kinds("(fn() {\na\n})") == [
            .leftParen, .kwFn, .leftParen, .rightParen, .leftBrace, .newline, .identifier, .newline,
            .rightBrace, .rightParen,
        ])
        // \r\n line ends.
        #expect(kinds("a\r\nb") == [.identifier, .newline, .identifier])
    }

    @Test func invalidCharacters() {
        #expect(lexErrors("x = 1 $$ 2") == ["1:7: unexpected character '$$'"])
        #expect(lexErrors("a ! b") == ["1:3: unexpected character '!'; use 'not' for negation and '!=' for 'not equal'"])
        #expect(lexErrors("a && b") == ["1:3: unexpected character '&&'; use 'and'"])
        #expect(lexErrors("a || b") == ["1:3: unexpected character '||'; use 'or' (or '|>' to pipe)"])
        #expect(lexErrors("'s'") == [#"1:1: unexpected character "'"; strings use double quotes"#, #"1:3: unexpected character "'"; strings use double quotes"#])
    }

    @Test func spansAreScalarOffsets() {
        let ts = tokens("α = \"β\"\nλ")
        #expect(ts.map(\.span) == [
            SourceSpan(start: 0, end: 1), SourceSpan(start: 2, end: 3), SourceSpan(start: 4, end: 7),
            SourceSpan(start: 7, end: 8), SourceSpan(start: 8, end: 9),
        ])
    }

    @Test func endOfInputSitsAfterTheLastToken() {
        let all = Lexer.tokenize(SourceFile(name: "t", text: "f(x\n\n  # trailing\n")).tokens
        #expect(all.last?.kind == .eof)
        #expect(all.last?.span == SourceSpan.at(3))
    }
}
