import Foundation
import Testing
@testable import GyreREPL

@Suite struct NotebookRunnerTests {
    static let text = """
        #%% parameters
        seed = 0
        #%% Plot
        figure one
        figure two
        #%% Broken
        ok line
        this will fail
        #%% After
        after = 1
        """

    func run(_ text: String, _ options: NotebookRunOptions = NotebookRunOptions())
        throws -> (NotebookRun, FakeKernel, CapturedConsole) {
        let kernel = FakeKernel()
        let captured = CapturedConsole()
        let run = try NotebookRunner(kernel: kernel, console: captured.console)
            .run(Notebook(parsing: text, name: "t.nb"), options: options)
        return (run, kernel, captured)
    }

    @Test func stopsAtTheFirstFailure() throws {
        let (run, kernel, captured) = try run(NotebookRunnerTests.text)
        #expect(run.outcomes.map(\.status) == [.succeeded, .succeeded, .failed, .skipped])
        #expect(run.exitCode == 1)
        #expect(kernel.inputs.map(\.firstLine) == [2, 4, 7])
        #expect(kernel.inputs.allSatisfy { $0.sourceName == "t.nb" })
        #expect(kernel.inputs.map(\.label) == ["parameters", "Plot", "Broken"])
        #expect(captured.out.contains("── [2] Plot (t.nb:4) ──\nout: figure one\nout: figure two\n"))
        // The error carries the notebook's own line number.
        #expect(captured.err.contains("t.nb:8: error: this will fail\n"))
        #expect(captured.err.contains("t.nb: 1 of 3 cells failed: 3; 1 not run"))
        #expect(run.outcomes[1].figures.count == 2)
        #expect(run.outcomes[2].output == "out: ok line\n")
    }

    @Test func keepGoingRunsTheRest() throws {
        let (run, kernel, _) = try run(NotebookRunnerTests.text, NotebookRunOptions(keepGoing: true))
        #expect(run.outcomes.map(\.status) == [.succeeded, .succeeded, .failed, .succeeded])
        #expect(kernel.codes.last == "after = 1")
        #expect(run.exitCode == 1)
        #expect(run.failedCells == [3])
    }

    @Test func successExitsZeroAndProseCellsAreNotRun() throws {
        let (run, kernel, captured) = try run("#' intro\n#%% A\nx = 1\n#%% Prose\n#' just words\n")
        #expect(run.outcomes.map(\.status) == [.noCode, .succeeded, .noCode])
        #expect(run.exitCode == 0)
        #expect(kernel.inputs.count == 1)
        #expect(captured.err.isEmpty)
    }

    @Test func parametersAreAppliedAndRecorded() throws {
        let options = NotebookRunOptions(parameters: [ParameterOverride(name: "seed", value: "7")])
        let (run, kernel, _) = try run(NotebookRunnerTests.text, options)
        #expect(kernel.codes.first == "seed = 7")
        #expect(run.parameters == [ParameterValue(name: "seed", value: "7", overridden: true, line: 2)])
    }

    @Test func unknownParameterRunsNothing() throws {
        let kernel = FakeKernel()
        let captured = CapturedConsole()
        let notebook = try Notebook(parsing: NotebookRunnerTests.text, name: "t.nb")
        #expect(throws: GyreError.self) {
            try NotebookRunner(kernel: kernel, console: captured.console)
                .run(notebook, options: NotebookRunOptions(parameters: [ParameterOverride(name: "nope", value: "1")]))
        }
        #expect(kernel.inputs.isEmpty)
    }
}
