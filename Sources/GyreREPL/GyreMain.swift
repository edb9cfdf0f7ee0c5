import Foundation

/// The whole `gyre` executable; `main.swift` only supplies the kernel and benchmarks:
/// ```swift
/// exit(gyreMain(arguments: Array(CommandLine.arguments.dropFirst()), version: "0.1.0",
///               makeKernel: { Interpreter() }, bench: runBenchmarks))
/// ```
/// - Parameters:
///   - arguments: the command line without the program name.
///   - makeKernel: called once, only for commands that run code.
///   - bench: runs `gyre bench ARGS…` and returns its exit code.
/// - Returns: the exit code (0 ok, 1 failure, 2 usage error, 130 interrupted).
public func gyreMain(arguments: [String], version: String, makeKernel: () -> GyreKernel,
                     bench: ([String]) -> Int32, console: Console = .standard()) -> Int32 {
    let command: GyreCommand
    do {
        command = try GyreCommandLine.parse(arguments)
    } catch {
        let hint = arguments.first == "run" ? "gyre run --help" : "gyre --help"
        console.errLine("gyre: \(error)\nRun '\(hint)' for usage.")
        return 2
    }
    switch command {
    case .help(nil):
        console.outLine(GyreCommandLine.mainHelp)
        return 0
    case .help("bench"?):
        return bench(["--help"])
    case .help(_?):
        console.outLine(GyreCommandLine.runHelp)
        return 0
    case .version:
        console.outLine("gyre \(version)")
        return 0
    case .bench(let arguments):
        return bench(arguments)
    case .repl:
        return runREPL(kernel: makeKernel(), version: version, console: console)
    case .run(let options):
        return runNotebook(options, version: version, makeKernel: makeKernel, console: console)
    }
}

/// `gyre`: libedit on a terminal, plain line reading otherwise.
func runREPL(kernel: GyreKernel, version: String, console: Console) -> Int32 {
    InterruptSignal.install()
    guard LineEditor.isTerminal else {
        LineEditor.configureLocale()
        return REPL(kernel: kernel, reader: PlainLineReader(), console: console, interactive: false).run()
    }
    var repl: REPL?
    let editor = LineEditor(historyPath: LineEditor.defaultHistoryPath()) { prefix in
        repl?.complete(prefix) ?? .none
    }
    repl = REPL(kernel: kernel, reader: editor, console: console, interactive: true)
    console.outLine("Gyre \(version). :help for help, Ctrl-D to quit.")
    return repl!.run()
}

/// `gyre run FILE.nb …`
func runNotebook(_ options: RunOptions, version: String, makeKernel: () -> GyreKernel, console: Console) -> Int32 {
    let notebook: Notebook
    do {
        notebook = try Notebook.load(path: options.notebookPath)
    } catch {
        console.errLine("gyre: \(error)")
        return 2
    }
    InterruptSignal.install()
    LineEditor.configureLocale()
    let run: NotebookRun
    do {
        run = try NotebookRunner(kernel: makeKernel(), console: console)
            .run(notebook, options: NotebookRunOptions(keepGoing: options.keepGoing, parameters: options.parameters))
    } catch {
        console.errLine("gyre: \(error)")
        return 2
    }
    if let directory = options.reportDirectory {
        let writer = ReportWriter(options: ReportOptions(includeCode: options.includeCode, gyreVersion: version))
        do {
            try writer.write(run, to: directory)
            console.errLine("report: \((directory as NSString).appendingPathComponent("report.md")) (and report.html)")
        } catch {
            console.errLine("gyre: \(error)")
            return run.exitCode == 0 ? 1 : run.exitCode
        }
    }
    return run.exitCode
}
