/// Errors thrown by GyrePlot.
///
/// Every failure that user data can cause — mismatched series lengths, a bad figure size,
/// an unsupported file extension, an unwritable path, a Cairo failure — is one of these,
/// never a trap. `description` is a complete sentence meant to be shown to the user.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// Series data that cannot be drawn as given (e.g. `x` and `y` of different lengths).
    case invalidData(String)
    /// A figure that cannot be rendered (non-positive size, absurd dpi, too many pixels).
    case invalidFigure(String)
    /// The file extension names no supported format.
    case unsupportedFormat(path: String, extension: String)
    /// The file could not be written.
    case unwritablePath(path: String, reason: String)
    /// Cairo reported a failure; `message` is Cairo's own text plus what was being done.
    case cairo(message: String)

    public var description: String {
        switch self {
        case let .invalidData(message):
            return message
        case let .invalidFigure(message):
            return "invalid figure: \(message)"
        case let .unsupportedFormat(path, ext):
            let shown = ext.isEmpty ? "no extension" : "extension '.\(ext)'"
            return "cannot save figure to '\(path)': \(shown) is not supported (use .png, .svg or .pdf)"
        case let .unwritablePath(path, reason):
            return "cannot write figure to '\(path)': \(reason)"
        case let .cairo(message):
            return "drawing failed: \(message)"
        }
    }
}
