import Foundation

/// The seam between the REPL/notebook layer and the language: everything `GyreREPL`
/// needs from an interpreter session, and nothing more.
///
/// One kernel is one session: variables persist from one `run` to the next until
/// `reset()`. All methods are called on one thread, except `interrupt()`, which is
/// called from a helper thread when the user presses Ctrl-C (never from the signal
/// handler itself), so it must only be thread-safe, e.g. set an atomic flag that the
/// interpreter polls at op or step boundaries.
///
/// Example (what `REPL` does for one entry):
/// ```swift
/// let result = kernel.run(KernelInput(code: "x = 1 + 2\nx", sourceName: "<stdin>", firstLine: 1),
///                         output: { print($0, terminator: "") })
/// if let error = result.error { print(error) }
/// ```
public protocol GyreKernel: AnyObject {
    /// Runs `input.code` (one or more statements). Text the program prints, and the
    /// value of a final expression statement not ending in `;`, goes to `output` as it
    /// is produced (include the newlines). Errors are returned rendered as text that
    /// uses `input.firstLine`-based line numbers, e.g. `study.nb:17:5: error: …`.
    func run(_ input: KernelInput, output: @escaping (String) -> Void) -> KernelResult

    /// Whether `code` is an incomplete statement (the parser hit "unexpected end of
    /// input": an open bracket, block or string), so the REPL reads another line.
    func isIncomplete(_ code: String) -> Bool

    /// Completion candidates for the text left of the cursor on the current line.
    /// Must not evaluate anything.
    func completions(before prefix: String) -> Completion

    /// `:help` text. `nil`: an index of builtins by family; otherwise signature, doc
    /// and example of `topic`, or a "no help for …" line.
    func help(_ topic: String?) -> String

    /// `:vars`: the session's variables with a one-line summary each, in a stable order.
    func variables() -> [(name: String, summary: String)]

    /// `:reset`: forget all variables; builtins stay.
    func reset()

    /// Ask a running `run` to stop at the next op or step boundary; it then returns a
    /// result with `interrupted == true` and an error saying where it stopped, and the
    /// session keeps every variable. Thread-safe; a no-op when nothing runs.
    func interrupt()
}

/// What to run and where it came from (for error positions and progress labels).
public struct KernelInput: Sendable, Equatable {
    /// Source text; lines are separated by `\n`.
    public var code: String
    /// Shown in error messages: `"<stdin>"` at the prompt, the file name for notebooks.
    public var sourceName: String
    /// The line number of `code`'s first line in `sourceName` (1-based).
    public var firstLine: Int
    /// Names the work for progress bars, e.g. the notebook cell's title; `nil` at the prompt.
    public var label: String?

    public init(code: String, sourceName: String, firstLine: Int = 1, label: String? = nil) {
        self.code = code
        self.sourceName = sourceName
        self.firstLine = firstLine
        self.label = label
    }
}

/// A figure produced while running: PNG bytes and a suggested file stem.
public struct KernelFigure: Sendable, Equatable {
    public var png: Data
    /// A short name such as `"loss-curve"`, or `nil`; reports use it only as alt text.
    public var name: String?

    public init(png: Data, name: String? = nil) {
        self.png = png
        self.name = name
    }
}

/// The outcome of `GyreKernel.run`. Output text was already streamed.
public struct KernelResult: Sendable, Equatable {
    /// Figures the code produced, in order (all of them, also on failure).
    public var figures: [KernelFigure]
    /// The rendered error (with source line and caret), or `nil` on success.
    public var error: String?
    /// True when the run stopped because of `interrupt()`; `error` then says where.
    public var interrupted: Bool

    public init(figures: [KernelFigure] = [], error: String? = nil, interrupted: Bool = false) {
        self.figures = figures
        self.error = error
        self.interrupted = interrupted
    }

    public var succeeded: Bool { error == nil && !interrupted }
}

/// Completion candidates for the end of a line prefix.
///
/// `word` is the suffix of the prefix the candidates replace: for `cfg.ep` it is `"ep"`
/// and candidates are field names such as `"epochs"`; inside `load("data/tr` it is
/// `"data/tr"` and candidates are paths. The line editor reconciles `word` with its own
/// idea of the word under the cursor.
public struct Completion: Sendable, Equatable {
    public var word: String
    public var candidates: [String]
    /// Append a space after a unique completion (false for directories, `f(`, …).
    public var appendsSpace: Bool

    public init(word: String, candidates: [String], appendsSpace: Bool = true) {
        self.word = word
        self.candidates = candidates
        self.appendsSpace = appendsSpace
    }

    public static let none = Completion(word: "", candidates: [])
}
