import Testing
@testable import GyreLang

@Suite struct IncompleteInputTests {
    @Test(arguments: [
        "fn f(x) {",
        "[1, 2,",
        "if x {",
        "x = 1 +",
        "f(1,",
        "f(1, axis:",
        "if x",
        "if a { 1 } else",
        "for i in 0..10",
        "for i in",
        "while x {\n  y = 1\n",
        "fn f(x)",
        "fn f(x) ->",
        "x = (",
        "x = {a: 1,",
        "x[1:",
        "x |>",
        "y = a and",
        "fn f(x) {\n  if x {\n    return 1\n  }",
        "m = [\n  [1, 2],\n  [3, 4],",
        "g = fn(w) { sum(w",
    ])
    func incomplete(text: String) {
        #expect(Parser.isIncomplete(text))
    }

    @Test(arguments: [
        "1 +* 2",
        "x = 1",
        "",
        "# comment",
        "f(1, 2))",
        "a < b < c",
        "\"abc",
        "fn f(x) { 1 +* 2",
        "x = )",
        "if x { 1 } else { 2 }",
        "break",
        "x = [1, 2]\ny = $",
        "f(x]",
    ])
    func notIncomplete(text: String) {
        #expect(!Parser.isIncomplete(text))
    }

    @Test func continuationLinesComplete() {
        var buffer = ""
        for line in ["fn loss(w, x) {", "  h = tanh(x @ w)", "  mean(h ^ 2)"] {
            buffer += line + "\n"
            #expect(Parser.isIncomplete(buffer))
        }
        buffer += "}"
        #expect(!Parser.isIncomplete(buffer))
        #expect(Parser.parse(buffer).diagnostics.isEmpty)
    }
}
