// The one file that talks to libedit. Everything else reads lines through `LineReader`.
@preconcurrency import CEdit
import Foundation

/// What reading one line gave.
public enum LineReadResult: Equatable, Sendable {
    case line(String)
    /// Ctrl-C at the prompt: discard the pending input, prompt again.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// A source of input lines for `REPL`.
public protocol LineReader: AnyObject {
    /// Reads one line (without its newline). A recalled multi-line history entry comes
    /// back as one string with embedded `\n`.
    func readLine(prompt: String) -> LineReadResult
    /// Records a complete entry (possibly several lines) as one history unit.
    func addHistory(_ entry: String)
}

/// Reads standard input with Swift's `readLine()` and shows no prompt: for pipes and files.
public final class PlainLineReader: LineReader {
    public init() {}

    public func readLine(prompt: String) -> LineReadResult {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    public func addHistory(_ entry: String) {}
}

/// Line editing, history and completion through libedit's readline interface.
///
/// libedit keeps global state, so create at most one `LineEditor` per process. Use it
/// only when `LineEditor.isTerminal`; without a terminal libedit turns editing off and
/// arrow keys arrive as raw escape bytes.
public final class LineEditor: LineReader {
    /// Where history is kept; `nil` keeps history in memory only.
    public let historyPath: String?
    /// Entries kept in the history file.
    public static let historyLimit: Int32 = 1000

    /// - Parameter completer: candidates for the text left of the cursor; must not block.
    public init(historyPath: String?, completer: @escaping (String) -> Completion) {
        self.historyPath = historyPath
        LineEditor.configureLocale()
        rl_readline_name = UnsafePointer(strdup("gyre"))  // for `gyre:` lines in ~/.editrc
        rl_initialize()
        Completer.provider = completer
        rl_attempted_completion_function = Completer.attempt
        EditHistory.start()
        if let historyPath { _ = EditHistory.load(from: historyPath) }  // missing on first start
    }

    /// True when both standard input and standard output are terminals.
    public static var isTerminal: Bool { isatty(0) != 0 && isatty(1) != 0 }

    /// `$GYRE_HISTORY` if set (empty: no history file), else `~/.gyre_history`.
    public static func defaultHistoryPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["GYRE_HISTORY"] { return path.isEmpty ? nil : path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".gyre_history")
    }

    /// Selects the user's locale and makes sure it is UTF-8 (libedit silently drops
    /// non-ASCII bytes otherwise). Numbers keep the C format (`1.5`, never `1,5`).
    public static func configureLocale() {
        let selected = setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        if selected == nil || (codeset != "UTF-8" && codeset != "UTF8") {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        _ = setlocale(LC_NUMERIC, "C")
    }

    public func readLine(prompt: String) -> LineReadResult {
        InterruptSignal.clear()
        guard let raw = readline(prompt) else {
            return InterruptSignal.takePending() ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    public func addHistory(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        guard EditHistory.entries().last != entry else { return }
        EditHistory.add(entry)
        if let historyPath { try? EditHistory.save(to: historyPath) }
    }
}

/// libedit's history list and its file format (`_HiStOrY_V2_`, one vis(3)-encoded line
/// per entry, so embedded newlines survive a round trip). Process-wide, like libedit.
public enum EditHistory {
    /// Initialises the history list and its size limit. Idempotent.
    public static func start() {
        using_history()
        stifle_history(LineEditor.historyLimit)
    }

    /// Adds one entry; a multi-line entry stays one unit (up-arrow recalls all of it).
    public static func add(_ entry: String) {
        _ = add_history(entry)
    }

    /// The entries, oldest first.
    public static func entries() -> [String] {
        var result: [String] = []
        let count = Int(history_length)
        guard count > 0 else { return result }
        for offset in 0..<count {
            if let entry = history_get(history_base + Int32(offset)), let line = entry.pointee.line {
                result.append(String(cString: line))
            }
        }
        return result
    }

    public static func clear() {
        clear_history()
    }

    /// Appends the entries stored in `path`; false if it is missing or unreadable.
    @discardableResult
    public static func load(from path: String) -> Bool {
        read_history(path) == 0
    }

    /// Writes all entries to `path` atomically (a temporary file in the same folder,
    /// then a rename).
    public static func save(to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard write_history(temporary) == 0 else {
            unlink(temporary)
            throw GyreError.io("cannot write history file \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw GyreError.io("cannot replace history file \(path): \(reason)")
        }
    }
}

/// The C callbacks for tab completion and the state they need.
private enum Completer {
    nonisolated(unsafe) static var provider: ((String) -> Completion)?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var nextMatch = 0

    static let attempt: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
        rl_attempted_completion_over = 1  // never fall back to file names
        guard let text, let provider else { return nil }
        let completion = provider(linePrefix())
        matches = reconcile(completion, editorWord: String(cString: text))
        rl_completion_append_character = completion.appendsSpace ? 32 : 0
        guard !matches.isEmpty else { return nil }
        return rl_completion_matches(text, generate)
    }

    static let generate: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
        if state == 0 { nextMatch = 0 }
        guard nextMatch < matches.count else { return nil }
        defer { nextMatch += 1 }
        return strdup(matches[nextMatch])
    }

    /// The current line left of the cursor (`rl_point` counts bytes).
    static func linePrefix() -> String {
        guard let buffer = rl_line_buffer else { return "" }
        let length = strlen(buffer)
        let point = max(0, min(Int(rl_point), length))
        let bytes = UnsafeRawBufferPointer(start: buffer, count: point)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Turns candidates for `completion.word` into candidates for the word libedit will
/// replace (`editorWord`, delimited by libedit's word-break characters).
func reconcile(_ completion: Completion, editorWord: String) -> [String] {
    let word = completion.word
    if word == editorWord { return completion.candidates }
    if editorWord.hasSuffix(word) {  // libedit's word is longer: keep its head
        let head = String(editorWord.dropLast(word.count))
        return completion.candidates.map { head + $0 }
    }
    if word.hasSuffix(editorWord) {  // libedit's word is shorter: drop the part before it
        let head = String(word.dropLast(editorWord.count))
        return completion.candidates.compactMap { $0.hasPrefix(head) ? String($0.dropFirst(head.count)) : nil }
    }
    return []
}
