import Testing
@testable import GyreLang

@Suite struct DiagnosticRenderingTests {
    private func render(_ text: String, name: String = "t.gy", lineOffset: Int = 0) -> String {
        let file = SourceFile(name: name, text: text, lineOffset: lineOffset)
        return DiagnosticRenderer().render(Parser.parse(source: file).diagnostics)
    }

    @Test func caretUnderAMultiCharacterToken() {
        #expect(render("x = == 2") == """
        t.gy:1:5: error: unexpected token '=='
        x = == 2
            ^~
        """)
    }

    @Test func singleCaret() {
        #expect(render("y = 1\nx = 1 +* 2") == """
        t.gy:2:8: error: unexpected token '*'
        x = 1 +* 2
               ^
        """)
    }

    @Test func underlineCoversTheWholeSpan() {
        #expect(render("ok = a < b < c") == """
        t.gy:1:6: error: 'a < b < c': comparisons do not chain; use 'and' (as in 'a < b and b < c')
        ok = a < b < c
             ^~~~~~~~~
        """)
    }

    @Test func closingBracketMessageNamesTheOpener() {
        #expect(render("z = 1\ny = f(a,\n      b]") == """
        t.gy:3:8: error: expected ')' to close '(' at 2:6
              b]
               ^
        """)
    }

    @Test func tabsKeepTheCaretAligned() {
        #expect(render("if c {\n\tx = == 1\n}") == "t.gy:2:6: error: unexpected token '=='\n\tx = == 1\n\t    ^~")
    }

    @Test func unicodeColumnsCountScalars() {
        #expect(render("α = β +* 2") == """
        t.gy:1:8: error: unexpected token '*'
        α = β +* 2
               ^
        """)
    }

    @Test func endOfInputPointsAfterTheLastToken() {
        #expect(render("f(1,\n\n") == """
        t.gy:1:5: error: unexpected end of input
        f(1,
            ^
        """)
    }

    @Test func notebookLineNumbers() {
        #expect(render("x = 1\ny = )", name: "study.nb", lineOffset: 39) == """
        study.nb:41:5: error: unexpected token ')'
        y = )
            ^
        """)
    }

    @Test func multiLineSpanIsClippedToTheFirstLine() {
        let file = SourceFile(name: "t.gy", text: "abc\ndef")
        let d = Diagnostic(.error, "boom", file: file, span: SourceSpan(start: 1, end: 6))
        #expect(DiagnosticRenderer().render(d) == "t.gy:1:2: error: boom\nabc\n ^~")
    }

    @Test func notesAndSeverities() {
        let file = SourceFile(name: "run.gy", text: "fn f(x) { x @ x }\nf(1)")
        let note = Diagnostic(.note, "in 'f' called here", file: file, span: SourceSpan(start: 18, end: 22))
        let d = Diagnostic(.error, "shape mismatch", file: file, span: SourceSpan(start: 10, end: 15), notes: [note])
        #expect(DiagnosticRenderer().render(d) == """
        run.gy:1:11: error: shape mismatch
        fn f(x) { x @ x }
                  ^~~~~
          run.gy:2:1: note: in 'f' called here
        """)
        let warning = Diagnostic(.warning, "unused", file: file, span: .at(0))
        #expect(warning.description == "run.gy:1:1: warning: unused")
    }

    @Test func color() {
        let file = SourceFile(name: "t", text: "x")
        let d = Diagnostic(.error, "m", file: file, span: SourceSpan(start: 0, end: 1))
        #expect(DiagnosticRenderer(useColor: true).render(d) == "t:1:1: \u{1B}[1;31merror\u{1B}[0m: m\nx\n\u{1B}[1;32m^\u{1B}[0m")
    }

    @Test func severalDiagnosticsInSourceOrder() {
        #expect(render("a = $\nb = 1 +* 2") == """
        t.gy:1:5: error: unexpected character '$'
        a = $
            ^
        t.gy:2:8: error: unexpected token '*'
        b = 1 +* 2
               ^
        """)
    }

    @Test func sourceFileLines() {
        let file = SourceFile(name: "t", text: "ab\r\ncd\n\nef")
        #expect(file.lineStarts == [0, 4, 7, 8])
        #expect(file.lineRange(0) == 0..<2)
        #expect(file.lineRange(2) == 7..<7)
        #expect(file.lineColumn(at: 5) == LineColumn(line: 2, column: 2))
        #expect(file.lineColumn(at: 9) == LineColumn(line: 4, column: 2))
        #expect(file.text(of: SourceSpan(start: 4, end: 6)) == "cd")
    }
}
