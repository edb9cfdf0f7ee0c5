import Foundation

/// The read-eval-print loop: reads entries (continuing while the kernel says the input
/// is incomplete), runs them, and handles `:commands`.
///
/// Interactive (a terminal): prompts `gyre> ` and `  ...> `, Ctrl-C discards the entry,
/// Ctrl-D quits. Otherwise statements are read without prompts, results go to standard
/// output, errors to standard error, and the exit code is 1 if any statement failed.
public final class REPL {
    public static let prompt = "gyre> "
    public static let continuationPrompt = "  ...> "

    public let kernel: GyreKernel
    public let console: Console
    public let interactive: Bool
    let reader: LineReader
    /// Lines of an unfinished entry.
    private(set) var pending: [String] = []
    /// Input lines read so far (for line numbers of piped input).
    private var linesRead = 0
    private var pendingFirstLine = 1
    var anyFailed = false

    public init(kernel: GyreKernel, reader: LineReader, console: Console, interactive: Bool) {
        self.kernel = kernel
        self.reader = reader
        self.console = console
        self.interactive = interactive
    }

    /// Runs until `:quit` or the end of input; returns the exit code.
    public func run() -> Int32 {
        while true {
            let prompt = interactive ? (pending.isEmpty ? REPL.prompt : REPL.continuationPrompt) : ""
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                if !pending.isEmpty { evaluatePending() }  // lets the kernel report the unfinished entry
                if interactive { console.out("\n") }
                return exitCode
            case .interrupted:
                pending = []
                console.out("\n")
            case .line(let line):
                if !accept(line) { return exitCode }
            }
        }
    }

    private var exitCode: Int32 { interactive || !anyFailed ? 0 : 1 }

    /// Handles one line; false after `:quit`.
    func accept(_ line: String) -> Bool {
        let firstLine = linesRead + 1
        linesRead += line.split(separator: "\n", omittingEmptySubsequences: false).count
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if pending.isEmpty {
            if trimmed.isEmpty { return true }
            if trimmed.hasPrefix(":") {
                reader.addHistory(line)
                return command(trimmed)
            }
            pendingFirstLine = firstLine
        }
        pending.append(line)
        if kernel.isIncomplete(pending.joined(separator: "\n")) { return true }
        evaluatePending()
        return true
    }

    private func evaluatePending() {
        let code = pending.joined(separator: "\n")
        pending = []
        reader.addHistory(code)
        let result = evaluate(code, firstLine: interactive ? 1 : pendingFirstLine, echo: true)
        if !result.succeeded { anyFailed = true }
    }

    /// Runs `code` with Ctrl-C forwarded to the kernel; prints output (if `echo`) and errors.
    @discardableResult
    func evaluate(_ code: String, firstLine: Int, echo: Bool) -> KernelResult {
        var endsWithNewline = true
        let console = self.console
        let input = KernelInput(code: code, sourceName: "<stdin>", firstLine: firstLine)
        let result = InterruptSignal.whileRunning(kernel) {
            kernel.run(input) { text in
                guard echo, !text.isEmpty else { return }
                console.out(text)
                endsWithNewline = text.hasSuffix("\n")
            }
        }
        if !endsWithNewline || (result.interrupted && interactive) { console.out("\n") }  // after the echoed ^C
        if let error = result.error { console.errLine(error) }
        return result
    }

    func fail(_ message: String) {
        anyFailed = true
        console.errLine(message)
    }
}

// MARK: - Completion

extension REPL {
    /// Completion for the line editor: `:commands`, `.nb` files after `:load`, names
    /// after `:help` and `:time`, otherwise the kernel's completions.
    public func complete(_ prefix: String) -> Completion {
        guard pending.isEmpty, prefix.hasPrefix(":") else { return kernel.completions(before: prefix) }
        guard let space = prefix.firstIndex(of: " ") else {
            let names = REPLCommand.allCases.map { ":" + $0.rawValue }.filter { $0.hasPrefix(prefix) }
            return Completion(word: prefix, candidates: names)
        }
        let argument = String(prefix[prefix.index(after: space)...])
        switch REPLCommand.resolve(String(prefix[prefix.index(after: prefix.startIndex)..<space])) {
        case .load?: return REPL.fileCompletion(argument, extensions: ["nb"])
        case .help?: return kernel.completions(before: argument)
        case .time?: return kernel.completions(before: REPL.splitRepeatCount(argument).code)
        default: return .none
        }
    }

    /// Paths starting with `partial`: folders (with `/`, no space after) and files with
    /// one of `extensions` (any file if empty). Hidden entries only if asked for.
    public static func fileCompletion(_ partial: String, extensions: [String]) -> Completion {
        let slash = partial.lastIndex(of: "/")
        let folder = slash.map { String(partial[...$0]) } ?? ""
        let base = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let expanded = (folder as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : expanded) else {
            return Completion(word: partial, candidates: [])
        }
        var candidates: [String] = []
        var onlyFolders = true
        for name in names.sorted() where name.hasPrefix(base) && (base.hasPrefix(".") || !name.hasPrefix(".")) {
            var isFolder: ObjCBool = false
            let path = ((folder.isEmpty ? "." : expanded) as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                candidates.append(folder + name + "/")
            } else if extensions.isEmpty || extensions.contains((name as NSString).pathExtension) {
                candidates.append(folder + name)
                onlyFolders = false
            }
        }
        return Completion(word: partial, candidates: candidates, appendsSpace: !onlyFolders)
    }
}
