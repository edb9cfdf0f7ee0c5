import Foundation

/// Errors of the REPL/notebook layer. Each case carries what its message needs; the text
/// is rendered only in `description`.
public enum GyreError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read, written or replaced.
    case io(String)
    /// The notebook text is malformed at `line` (1-based) of `file`.
    case notebook(file: String, line: Int, message: String)
    /// A `-p name=value` override is invalid or names no parameter.
    case parameter(String)
    /// The command line is wrong; the message is shown with a usage hint.
    case usage(String)

    public var description: String {
        switch self {
        case .io(let message): return message
        case .notebook(let file, let line, let message): return "\(file):\(line): \(message)"
        case .parameter(let message): return message
        case .usage(let message): return message
        }
    }
}
