import Foundation
import Testing
@testable import GyreREPL

@Suite struct ParameterTests {
    static let text = """
        #%% parameters
        lambda_gp = 1e-2   # regulariser weight
        seed=0
        cfg = {epochs: 5,
               batch: 64}
        if seed == 0 { inner = 1 }
        fn f(x) {
          shadow = 2
        }
        #%% Train
        run(cfg)
        """

    @Test func defaultsAreRecorded() throws {
        let notebook = try Notebook(parsing: ParameterTests.text, name: "p.nb")
        #expect(notebook.parameters == [
            ParameterValue(name: "lambda_gp", value: "1e-2", overridden: false, line: 2),
            ParameterValue(name: "seed", value: "0", overridden: false, line: 3),
            ParameterValue(name: "cfg", value: "{epochs: 5,\n       batch: 64}", overridden: false, line: 4),
        ])
    }

    @Test func overridesRewriteTheRightHandSide() throws {
        let notebook = try Notebook(parsing: ParameterTests.text, name: "p.nb")
        let overrides = [ParameterOverride(name: "lambda_gp", value: "0.01"), ParameterOverride(name: "seed", value: "3"),
                         ParameterOverride(name: "cfg", value: "{epochs: 1}")]
        let (rewritten, values) = try notebook.applying(overrides)
        let lines = rewritten.cells[0].lines.map(\.text)
        #expect(lines[0] == "lambda_gp = 0.01   # regulariser weight")
        #expect(lines[1] == "seed=3")
        #expect(lines[2] == "cfg = {epochs: 1}")
        #expect(lines[3] == "")  // the old continuation line; line numbers are unchanged
        #expect(lines[4] == "if seed == 0 { inner = 1 }")
        #expect(rewritten.cells[0].lines.count == notebook.cells[0].lines.count)
        #expect(rewritten.cells[1] == notebook.cells[1])
        #expect(values.map(\.value) == ["0.01", "3", "{epochs: 1}"])
        #expect(values.allSatisfy { $0.overridden })
    }

    @Test(arguments: ["inner", "shadow", "run", "nothere"])
    func namesNotAssignedAtTopLevelAreErrors(name: String) throws {
        let notebook = try Notebook(parsing: ParameterTests.text, name: "p.nb")
        #expect {
            try notebook.applying([ParameterOverride(name: name, value: "1")])
        } throws: { error in
            "\(error)" == "-p \(name): p.nb has no top-level assignment '\(name) = …' in the parameters cell at line 1 (it assigns lambda_gp, seed, cfg)"
        }
    }

    @Test func firstCellIsUsedWithoutAMark() throws {
        let notebook = try Notebook(parsing: "#' intro\nn = 10\n#%% B\nn = 20\n", name: "q.nb")
        let (rewritten, values) = try notebook.applying([ParameterOverride(name: "n", value: "5")])
        #expect(rewritten.cells[0].code == "n = 5")
        #expect(rewritten.cells[1].code == "n = 20")
        #expect(values == [ParameterValue(name: "n", value: "5", overridden: true, line: 2)])
    }

    @Test func commentsAndStringsAreNotCode() throws {
        let notebook = try Notebook(parsing: "out = \"a # b (\"  # (\nk = 1\n", name: "s.nb")
        // Unmarked first cell: overridable, but only overridden names are reported.
        #expect(notebook.parameters.isEmpty)
        let marked = try Notebook(parsing: "#%% parameters\nout = \"a # b (\"  # (\nk = 1\n", name: "s.nb")
        #expect(marked.parameters.map(\.name) == ["out", "k"])
        #expect(marked.parameters.first?.value == "\"a # b (\"")
        let (rewritten, _) = try notebook.applying([ParameterOverride(name: "out", value: "\"z\"")])
        #expect(rewritten.cells[0].lines[0].text == "out = \"z\"  # (")
    }

    @Test(arguments: [
        ("seed", "-p expects name=value, got 'seed'"),
        ("=3", "-p: '' is not a variable name (in '=3')"),
        ("a.b=3", "-p: 'a.b' is not a variable name (in 'a.b=3')"),
        ("seed=", "-p seed: the value must be one non-empty line of Gyre source"),
    ])
    func malformedOverrides(spec: String, message: String) {
        #expect { try ParameterOverride(parsing: spec) } throws: { "\($0)" == message }
    }

    @Test func overrideParsingKeepsEqualsInValue() throws {
        #expect(try ParameterOverride(parsing: "cond=a==b") == ParameterOverride(name: "cond", value: "a==b"))
    }
}
