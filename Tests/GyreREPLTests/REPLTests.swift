import Foundation
import Testing
@testable import GyreREPL

@Suite struct REPLTests {
    func repl(_ lines: [String], interactive: Bool = false, kernel: FakeKernel = FakeKernel())
        -> (REPL, ScriptedReader, CapturedConsole) {
        let reader = ScriptedReader(lines)
        let captured = CapturedConsole()
        return (REPL(kernel: kernel, reader: reader, console: captured.console, interactive: interactive), reader, captured)
    }

    @Test func pipedInputRunsEveryStatementAndFailsAtTheEnd() {
        let kernel = FakeKernel()
        let (repl, reader, captured) = repl(["x = 1", "", "fn f {", "  body", "}", "fail now", "y = 2"], kernel: kernel)
        #expect(repl.run() == 1)
        #expect(kernel.codes == ["x = 1", "fn f {\n  body\n}", "fail now", "y = 2"])
        // Piped input keeps its own line numbers.
        #expect(kernel.inputs.map(\.firstLine) == [1, 3, 6, 7])
        #expect(captured.err == "<stdin>:6: error: fail now\n")
        #expect(captured.out == "out: x = 1\nout: fn f {\nout:   body\nout: }\nout: y = 2\n")
        #expect(reader.prompts.allSatisfy { $0.isEmpty })
    }

    @Test func pipedSuccessExitsZero() {
        #expect(repl(["a = 1", "b = 2"]).0.run() == 0)
    }

    @Test func interactivePromptsAndHistory() {
        let (repl, reader, _) = repl(["fn f {", "x", "}", ":vars", ":quit", "never = read"], interactive: true)
        #expect(repl.run() == 0)
        #expect(reader.prompts == ["gyre> ", "  ...> ", "  ...> ", "gyre> ", "gyre> "])
        #expect(reader.history == ["fn f {\nx\n}", ":vars", ":quit"])
    }

    @Test func ctrlCDiscardsThePendingEntry() {
        let kernel = FakeKernel()
        let reader = ScriptedReader(results: [.line("fn f {"), .interrupted, .line("z = 3")])
        let captured = CapturedConsole()
        let repl = REPL(kernel: kernel, reader: reader, console: captured.console, interactive: true)
        #expect(repl.run() == 0)
        #expect(kernel.codes == ["z = 3"])
        #expect(reader.prompts == ["gyre> ", "  ...> ", "gyre> ", "gyre> "])
    }

    @Test func commands() {
        let kernel = FakeKernel()
        let (repl, _, captured) = repl([":vars", "b = 2", "a = 1", ":vars", ":help", ":help sum", ":he :time",
                                        ":reset", ":vars", ":nope", ":q"], kernel: kernel)
        #expect(repl.run() == 1)  // :nope failed
        #expect(captured.out.contains("(no variables)\nout: b = 2\nout: a = 1\na  1\nb  2\n"))
        #expect(captured.out.contains("Commands:\n  :help [name]"))
        #expect(captured.out.contains("index of builtins"))
        #expect(captured.out.contains("help: sum\n"))
        #expect(captured.out.contains(":time [n] expr"))
        #expect(kernel.resets == 1)
        #expect(captured.out.hasSuffix("(no variables)\n"))
        #expect(captured.err == "unknown command :nope (try :help)\n")
    }

    @Test func timeRunsNTimesAndPrintsOnce() {
        let kernel = FakeKernel()
        let (repl, _, captured) = repl([":time 4 work"], kernel: kernel)
        #expect(repl.run() == 0)
        #expect(kernel.codes == Array(repeating: "work", count: 4))
        #expect(captured.out.components(separatedBy: "out: work").count == 2)
        #expect(captured.out.contains("(4 runs)"))
        #expect(captured.out.contains("median "))
        #expect(REPL.timingSummary([3, 1, 2, 10]) == "median 2.50 s, min 1.00 s (4 runs)")
        #expect(REPL.formatDuration(0.000_012_3) == "12.3 µs")
        #expect(REPL.splitRepeatCount("10 A @ A") == (10, "A @ A"))
        #expect(REPL.splitRepeatCount("5") == (nil, "5"))
    }

    @Test func loadRunsANotebook() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "#%% A\nq = 1\n#%% B\nfail\n".write(toFile: directory + "/n.nb", atomically: true, encoding: .utf8)
        let kernel = FakeKernel()
        let (repl, _, captured) = repl([":load \(directory)/n.nb"], kernel: kernel)
        #expect(repl.run() == 1)
        #expect(kernel.codes == ["q = 1", "fail"])
        #expect(captured.err.contains("n.nb:4: error: fail"))
    }

    @Test func completion() throws {
        let (repl, _, _) = repl([])
        #expect(repl.complete(":he") == Completion(word: ":he", candidates: [":help"]))
        #expect(repl.complete(":help sp") == Completion(word: "sp", candidates: ["spirograph"]))
        #expect(repl.complete(":time 3 s").candidates == ["spirograph", "sum", "sqrt"])
        #expect(repl.complete("y = sq") == Completion(word: "sq", candidates: ["sqrt"]))

        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        for name in ["study.nb", "notes.txt", ".hidden.nb"] { _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: nil) }
        let files = repl.complete(":load \(directory)/")
        #expect(files.candidates == ["\(directory)/study.nb", "\(directory)/sub/"])
        #expect(files.word == directory + "/")
    }

    @Test func reconcileWithLibeditsWord() {
        let fields = Completion(word: "ep", candidates: ["epochs"])
        #expect(reconcile(fields, editorWord: "cfg.ep") == ["cfg.epochs"])
        let path = Completion(word: "data/tr", candidates: ["data/train.csv"])
        #expect(reconcile(path, editorWord: "tr") == ["train.csv"])
        #expect(reconcile(path, editorWord: "zz").isEmpty)
    }
}
