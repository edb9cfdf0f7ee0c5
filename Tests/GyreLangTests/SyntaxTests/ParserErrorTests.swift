import Testing
@testable import GyreLang

@Suite struct ParserErrorTests {
    @Test(arguments: [
        // Unexpected tokens
        ("x = == 2", "1:5: unexpected token '=='"),
        ("1 +* 2", "1:4: unexpected token '*'"),
        ("2 ** 3", "1:4: unexpected token '*'; use '^' for powers"),
        ("x = )", "1:5: unexpected token ')'"),
        ("}", "1:1: unexpected token '}'"),
        ("else { 1 }", "1:1: unexpected keyword 'else'"),
        ("x = 1 2", "1:7: unexpected number '2'; expected a newline or ';' before it"),
        ("f(x) y", "1:6: unexpected identifier 'y'; expected a newline or ';' before it"),
        // Brackets
        ("x = (1, 2]", "1:7: expected ')' to close '(' at 1:5"),
        ("[1 2]", "1:4: expected ']' to close '[' at 1:1"),
        ("f(1\n  2)", "2:3: expected ')' to close '(' at 1:2"),
        ("x = {a: 1 b: 2}", "1:11: expected '}' to close '{' at 1:5"),
        ("x[]", "1:2: empty index '[]'; write an index such as 'x[0]' or 'x[:]'"),
        // Non-associative operators
        ("a < b < c", "1:1: 'a < b < c': comparisons do not chain; use 'and' (as in 'a < b and b < c')"),
        ("x = a == b != c", "1:5: 'a == b != c': comparisons do not chain; use 'and' (as in 'a < b and b < c')"),
        ("ok = 0 <= i + 1 < n", "1:6: '0 <= i + 1 < n': comparisons do not chain; use 'and' (as in 'a < b and b < c')"),
        ("0..10..2..3", "1:1: '0..10..2..3': a range has at most a start, an end and a step ('start..end..step')"),
        // Assignment
        ("f(x) = 1", "1:1: cannot assign to this expression; assign to a name, an element 'x[i]' or a field 'r.a'"),
        ("1 = x", "1:1: cannot assign to this expression; assign to a name, an element 'x[i]' or a field 'r.a'"),
        ("f(x)[0] = 1", "1:1: cannot assign to this expression; assign to a name, an element 'x[i]' or a field 'r.a'"),
        ("a + b += 1", "1:1: cannot assign to this expression; assign to a name, an element 'x[i]' or a field 'r.a'"),
        // Calls, parameters, records
        ("f(a: 1, 2)", "1:9: positional argument after a named argument"),
        ("f(a: 1, a: 2)", "1:9: duplicate named argument 'a'"),
        ("fn f(x, x) { x }", "1:9: duplicate parameter 'x'"),
        ("fn f(x=1, y) { x }", "1:11: parameter 'y' needs a default value because an earlier parameter has one"),
        ("{a: 1, a: 2}", "1:8: duplicate field 'a' in record"),
        ("{a: 1, 2}", "1:8: expected a field name, found number '2'"),
        ("r.if", "1:3: expected a field name after '.', found keyword 'if'"),
        ("x = fn f(y) -> y", "1:8: a named function is a statement; write 'fn(…) …' for an anonymous function"),
        ("fn f(x) x", "1:9: expected '->' or '{' to start the function body, found identifier 'x'"),
        ("fn f x", "1:6: expected '(' to start the parameter list, found identifier 'x'"),
        ("fn f(1) {}", "1:6: expected a parameter name, found number '1'"),
        // Control flow
        ("if x = 1 { }", "1:6: expected '{' after the 'if' condition, found token '='; use '==' to compare"),
        ("while x\n{ }", "1:8: expected '{' after the 'while' condition, found newline"),
        ("if a { 1 } else 2", "1:17: expected '{' after 'else', found number '2'"),
        ("for in xs {}", "1:5: expected a loop variable name after 'for', found keyword 'in'"),
        ("for i xs {}", "1:7: expected 'in' after the loop variable, found identifier 'xs'"),
        ("break", "1:1: 'break' outside a loop"),
        ("if c { continue }", "1:8: 'continue' outside a loop"),
        ("return 1", "1:1: 'return' outside a function"),
        ("for i in xs { f = fn() { break } }", "1:26: 'break' outside a loop"),
        // Lexical errors are reported once, without a parse error on top
        ("x = $ + 1", "1:5: unexpected character '$'"),
        ("x = 1 $ 2", "1:7: unexpected character '$'"),
        ("print(\"abc", "1:7: unterminated string; add a closing '\"' on the same line"),
        (#""a\q" +* 2"#, #"1:3: invalid escape '\q' in string; use \n, \t, \r, \0, \\, \" or \u{…}"#),
    ])
    func singleError(source: String, expected: String) {
        #expect(errors(source) == [expected])
    }

    @Test func namedFunctionLooksLikeALambdaCall() {
        // `fn (x)` with a space is still an anonymous function when used as a value.
        #expect(sexpr("g = fn (x) -> x") == "(= g (fn (x) x))")
    }

    @Test func noCascades() {
        let source = """
        x = 1 +* 2
        y = (1, 2]
        a < b < c
        fn f(x, x) { return x }
        for i in 0..3 { break; x = = 1; continue }
        z = 3
        """
        let (program, diagnostics) = Parser.parse(source)
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == [
            "1:8: unexpected token '*'",
            "2:7: expected ')' to close '(' at 2:5",
            "3:1: 'a < b < c': comparisons do not chain; use 'and' (as in 'a < b and b < c')",
            "4:9: duplicate parameter 'x'",
            "5:28: unexpected token '='",
        ])
        // Statements around the broken ones survive.
        #expect(ASTPrinter.print(program) == """
        (fn f (x x) (block (return x)))
        (for i (.. 0 3) (block (silent (break)) (continue)))
        (= z 3)
        """)
        #expect(diagnostics.allSatisfy { !$0.isIncomplete })
    }

    @Test func recoveryInsideABlockKeepsTheBlock() {
        let source = """
        fn f(x) {
          y = (x +
          z = 2
        }
        w = 1
        """
        let (program, diagnostics) = Parser.parse(source)
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == ["3:5: expected ')' to close '(' at 2:7"])
        #expect(ASTPrinter.print(program) == "(fn f (x) (block))\n(= w 1)")
    }

    @Test func strayClosersAreOneErrorEach() {
        #expect(errors("x = 1)\ny = 2") == ["1:6: unexpected token ')'; expected a newline or ';' before it"])
        #expect(errors("f(x))\n]\ny = 2") == [
            "1:5: unexpected token ')'; expected a newline or ';' before it",
            "2:1: unexpected token ']'",
        ])
    }

    @Test func errorAtEndOfInputIsReportedOnce() {
        let d = Parser.parse("fn f(x) {\n  if x {\n    y = (1 +").diagnostics
        #expect(d.count == 1)
        #expect(d.first?.isIncomplete == true)
        #expect(d.first?.message == "unexpected end of input")
    }

    @Test func unclosedAtEndOfInput() {
        #expect(errors("f(1, 2") == ["1:7: unexpected end of input; expected ')' to close '(' at 1:2"])
        #expect(errors("if x {\n  1") == ["2:4: unexpected end of input; expected '}' to close '{' at 1:6"])
    }
}

@Suite struct NestingLimitTests {
    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        let d = Parser.parse(deep).diagnostics
        #expect(d.count == 1)
        #expect(d.first?.message == "expression is nested too deeply")
        let fine = String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100)
        #expect(Parser.parse(fine).diagnostics.isEmpty)
    }
}
