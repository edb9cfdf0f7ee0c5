import Foundation

/// How `NotebookRunner` runs.
public struct NotebookRunOptions: Sendable, Equatable {
    /// Run the remaining cells after a failing one (never after Ctrl-C).
    public var keepGoing: Bool
    /// `-p name=value` overrides for the parameters cell.
    public var parameters: [ParameterOverride]

    public init(keepGoing: Bool = false, parameters: [ParameterOverride] = []) {
        self.keepGoing = keepGoing
        self.parameters = parameters
    }
}

/// What happened to one cell.
public struct CellOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Prose only: nothing to run.
        case noCode
        case succeeded
        case failed
        /// Stopped by Ctrl-C.
        case interrupted
        /// Not run because an earlier cell failed or was interrupted.
        case skipped
    }

    public var status: Status
    /// Everything the cell printed.
    public var output: String
    public var figures: [KernelFigure]
    /// The kernel's rendered error, with the notebook's line numbers.
    public var error: String?
    /// Wall-clock seconds.
    public var seconds: Double

    public init(status: Status, output: String = "", figures: [KernelFigure] = [], error: String? = nil, seconds: Double = 0) {
        self.status = status
        self.output = output
        self.figures = figures
        self.error = error
        self.seconds = seconds
    }
}

/// A finished notebook run: the notebook as run (parameters applied), one outcome per
/// cell, and the parameter values used.
public struct NotebookRun: Sendable, Equatable {
    public var notebook: Notebook
    public var outcomes: [CellOutcome]
    public var parameters: [ParameterValue]

    public var failedCells: [Int] {
        zip(notebook.cells, outcomes).filter { $0.1.status == .failed || $0.1.status == .interrupted }.map { $0.0.number }
    }
    public var wasInterrupted: Bool { outcomes.contains { $0.status == .interrupted } }
    public var succeeded: Bool { failedCells.isEmpty }

    /// 0 if every cell succeeded, 130 after Ctrl-C, else 1.
    public var exitCode: Int32 { wasInterrupted ? 130 : (succeeded ? 0 : 1) }
}

/// Runs a notebook's cells in order in one kernel session, printing each cell's title
/// and output as it goes.
///
/// ```swift
/// let run = try NotebookRunner(kernel: kernel, console: .standard())
///     .run(try Notebook.load(path: "study.nb"), options: NotebookRunOptions(keepGoing: true))
/// exit(run.exitCode)
/// ```
public final class NotebookRunner {
    public let kernel: GyreKernel
    public let console: Console

    public init(kernel: GyreKernel, console: Console) {
        self.kernel = kernel
        self.console = console
    }

    /// Throws `GyreError.parameter` (before running anything) for a bad override.
    public func run(_ notebook: Notebook, options: NotebookRunOptions = NotebookRunOptions()) throws -> NotebookRun {
        let (prepared, parameters) = try notebook.applying(options.parameters)
        var outcomes: [CellOutcome] = []
        var stopped = false
        for cell in prepared.cells {
            guard let firstLine = cell.firstCodeLine else {
                outcomes.append(CellOutcome(status: .noCode))
                continue
            }
            if stopped {
                outcomes.append(CellOutcome(status: .skipped))
                continue
            }
            console.outLine(NotebookRunner.header(for: cell, in: prepared, line: firstLine))
            let outcome = runCell(cell, of: prepared)
            outcomes.append(outcome)
            if outcome.status == .interrupted || (outcome.status == .failed && !options.keepGoing) {
                stopped = true
            }
        }
        let run = NotebookRun(notebook: prepared, outcomes: outcomes, parameters: parameters)
        reportSummary(run)
        return run
    }

    /// `── [2] Training (study.nb:14) ──`
    static func header(for cell: NotebookCell, in notebook: Notebook, line: Int) -> String {
        let title = cell.title.map { " \($0)" } ?? ""
        return "── [\(cell.number)]\(title) (\(notebook.name):\(line)) ──"
    }

    private func runCell(_ cell: NotebookCell, of notebook: Notebook) -> CellOutcome {
        var output = ""
        let input = KernelInput(code: cell.code, sourceName: notebook.name, firstLine: cell.firstCodeLine ?? 1,
                                label: cell.title ?? "cell \(cell.number)")
        let console = self.console
        let start = DispatchTime.now().uptimeNanoseconds
        let result = InterruptSignal.whileRunning(kernel) {
            kernel.run(input) { text in
                output += text
                console.out(text)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if !output.isEmpty && !output.hasSuffix("\n") { console.out("\n") }
        let status: CellOutcome.Status = result.interrupted ? .interrupted : (result.error == nil ? .succeeded : .failed)
        if let error = result.error { console.errLine(error) }
        return CellOutcome(status: status, output: output, figures: result.figures, error: result.error, seconds: seconds)
    }

    private func reportSummary(_ run: NotebookRun) {
        let failed = run.failedCells
        guard !failed.isEmpty else { return }
        let ran = run.outcomes.filter { $0.status != .noCode && $0.status != .skipped }.count
        let list = failed.map(String.init).joined(separator: ", ")
        let skipped = run.outcomes.filter { $0.status == .skipped }.count
        let rest = skipped > 0 ? "; \(skipped) not run" : ""
        let what = run.wasInterrupted ? "interrupted in cell \(list)" : "\(failed.count) of \(ran) cells failed: \(list)"
        console.errLine("\(run.notebook.name): \(what)\(rest)")
    }
}
