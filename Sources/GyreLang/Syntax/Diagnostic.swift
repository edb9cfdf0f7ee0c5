/// A message about a place in the source: a lex/parse error now, a runtime error later.
///
/// Diagnostics are values; their text is produced in exactly one place,
/// `DiagnosticRenderer`. Parse-error messages are built by the factory methods in
/// `SyntaxError.swift`, so every wording lives in one file.
///
/// ```swift
/// let d = Diagnostic(.error, "unexpected token '=='", file: file, span: tok.span)
/// print(DiagnosticRenderer().render(d))
/// // cell.gy:1:5: error: unexpected token '=='
/// // x = == 2
/// //     ^~
/// ```
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// How serious the diagnostic is; notes annotate another diagnostic (e.g. a frame
    /// of a runtime trace, or where an unclosed bracket was opened).
    public enum Severity: String, Sendable, Equatable {
        case error, warning, note
    }

    public var severity: Severity
    /// The message, without position or severity: `unexpected token '=='`.
    public var message: String
    /// The file the span points into.
    public var file: SourceFile
    /// What the message is about; rendered as a caret (empty span) or `^~~~` underline.
    public var span: SourceSpan
    /// `true` when the error only means "the input stopped too early" (an unclosed
    /// bracket or block, a dangling operator). The REPL reads a continuation line
    /// instead of reporting it. See `Parser.isIncomplete(_:)`.
    public var isIncomplete: Bool
    /// Follow-up notes, rendered after the main message (header line only).
    public var notes: [Diagnostic]

    public init(_ severity: Severity, _ message: String, file: SourceFile, span: SourceSpan,
                isIncomplete: Bool = false, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.file = file
        self.span = span
        self.isIncomplete = isIncomplete
        self.notes = notes
    }

    /// Where the span starts, as the user sees it.
    public var location: LineColumn { file.lineColumn(at: span.start) }

    /// The one-line header, `file:line:col: error: message`.
    public var description: String {
        "\(file.name):\(location): \(severity.rawValue): \(message)"
    }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.severity == b.severity && a.message == b.message && a.file === b.file
            && a.span == b.span && a.isIncomplete == b.isIncomplete && a.notes == b.notes
    }
}
