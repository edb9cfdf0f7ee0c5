import Foundation

/// The `:commands` of the prompt. A unique prefix is enough (`:q`, `:he`).
enum REPLCommand: String, CaseIterable {
    case help, time, vars, load, reset, quit

    var usage: String {
        switch self {
        case .help: return ":help [name]      help on a builtin or command; without a name, an index"
        case .time: return ":time [n] expr    run expr n times (default: repeat for ~0.5 s), print median and min"
        case .vars: return ":vars             list the session's variables"
        case .load: return ":load FILE.nb     run a notebook's cells in this session"
        case .reset: return ":reset            forget all variables"
        case .quit: return ":quit             leave (Ctrl-D too)"
        }
    }

    /// The command `name` abbreviates, if exactly one.
    static func resolve(_ name: String) -> REPLCommand? {
        if let exact = REPLCommand(rawValue: name) { return exact }
        let matches = allCases.filter { $0.rawValue.hasPrefix(name) }
        return !name.isEmpty && matches.count == 1 ? matches[0] : nil
    }

    static var summary: String {
        "Commands:\n" + allCases.map { "  " + $0.usage }.joined(separator: "\n")
            + "\nCtrl-C interrupts a running computation or clears the line; Tab completes."
    }
}

extension REPL {
    /// Runs a `:command` line; false after `:quit`.
    func command(_ line: String) -> Bool {
        let body = line.dropFirst()
        let name = String(body.prefix(while: { !$0.isWhitespace }))
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        guard let command = REPLCommand.resolve(name) else {
            fail("unknown command :\(name) (try :help)")
            return true
        }
        switch command {
        case .help: showHelp(argument)
        case .time: time(argument)
        case .vars: showVariables()
        case .load: load(argument)
        case .reset:
            kernel.reset()
            if interactive { console.outLine("(variables cleared)") }
        case .quit: return false
        }
        return true
    }

    private func showHelp(_ topic: String) {
        if topic.isEmpty {
            console.outLine(REPLCommand.summary + "\n\n" + kernel.help(nil))
        } else if topic.hasPrefix(":") {
            guard let command = REPLCommand.resolve(String(topic.dropFirst())) else {
                return fail("unknown command \(topic) (try :help)")
            }
            console.outLine(command.usage)
        } else {
            console.outLine(kernel.help(topic))
        }
    }

    private func showVariables() {
        let variables = kernel.variables()
        guard !variables.isEmpty else { return console.outLine("(no variables)") }
        let width = variables.map(\.name.count).max() ?? 0
        for variable in variables {
            console.outLine(variable.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + variable.summary)
        }
    }

    private func load(_ path: String) {
        guard !path.isEmpty else { return fail(":load needs a notebook file, e.g. :load study.nb") }
        do {
            let notebook = try Notebook.load(path: (path as NSString).expandingTildeInPath)
            let run = try NotebookRunner(kernel: kernel, console: console).run(notebook)
            if !run.succeeded { anyFailed = true }
        } catch {
            fail("\(error)")
        }
    }

    /// `"10 f(x)"` → (10, "f(x)"); `"f(x)"` → (nil, "f(x)").
    static func splitRepeatCount(_ argument: String) -> (count: Int?, code: String) {
        let head = argument.prefix(while: { !$0.isWhitespace })
        guard let count = Int(head), count > 0, head.count < argument.count else { return (nil, argument) }
        return (count, argument.dropFirst(head.count).trimmingCharacters(in: .whitespaces))
    }

    private func time(_ argument: String) {
        let (count, code) = REPL.splitRepeatCount(argument)
        guard !code.isEmpty else { return fail(":time needs an expression, e.g. :time 10 A @ A") }
        var seconds: [Double] = []
        var total = 0.0
        while seconds.count < (count ?? 100_000) {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = evaluate(code, firstLine: 1, echo: seconds.isEmpty)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard result.succeeded else {
                anyFailed = true
                return
            }
            seconds.append(elapsed)
            total += elapsed
            if count == nil && total >= 0.5 { break }
        }
        console.outLine(REPL.timingSummary(seconds))
    }

    /// `median 1.23 ms, min 1.10 ms (25 runs)`
    static func timingSummary(_ seconds: [Double]) -> String {
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let runs = sorted.count == 1 ? "1 run" : "\(sorted.count) runs"
        return "median \(formatDuration(median)), min \(formatDuration(sorted[0])) (\(runs))"
    }

    static func formatDuration(_ seconds: Double) -> String {
        let (value, unit): (Double, String) = switch seconds {
        case ..<1e-6: (seconds * 1e9, "ns")
        case ..<1e-3: (seconds * 1e6, "µs")
        case ..<1: (seconds * 1e3, "ms")
        default: (seconds, "s")
        }
        let digits = value >= 100 ? 0 : (value >= 10 ? 1 : 2)
        return String(format: "%.\(digits)f \(unit)", value)
    }
}
