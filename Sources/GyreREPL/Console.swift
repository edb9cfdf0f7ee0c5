import Foundation

/// Where the REPL and the notebook runner write: results to `out`, errors and
/// diagnostics to `err`. Tests capture both; `standard()` writes unbuffered to fds 1/2.
public final class Console {
    /// True when standard output is a terminal (decorations, colour-free bars).
    public let isTerminal: Bool
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    public init(isTerminal: Bool = false, out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.writeOut = out
        self.writeErr = err
    }

    /// Standard output and standard error.
    public static func standard() -> Console {
        Console(isTerminal: isatty(1) != 0,
                out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    public func out(_ text: String) { writeOut(text) }
    public func err(_ text: String) { writeErr(text) }

    /// Writes `text` to `out`, adding a final newline if it lacks one.
    public func outLine(_ text: String) { writeOut(text.hasSuffix("\n") ? text : text + "\n") }
    /// Writes `text` to `err`, adding a final newline if it lacks one.
    public func errLine(_ text: String) { writeErr(text.hasSuffix("\n") ? text : text + "\n") }
}
