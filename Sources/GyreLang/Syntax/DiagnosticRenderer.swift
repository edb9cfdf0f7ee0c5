/// Turns a `Diagnostic` into the text the user sees. The only place diagnostics become text.
///
/// Format (errors and warnings):
/// ```
/// study.nb:42:9: error: expected ')' to close '(' at 42:4
///     f(a, b]
///           ^
/// ```
/// The source line is printed as is; the marker line copies the line's tabs so the
/// caret stays aligned. An empty span gets a single `^`; a longer span gets `^` followed
/// by `~` up to its end (clipped to the first line for multi-line spans). Notes print
/// only their header line, indented by two spaces, after their parent.
public struct DiagnosticRenderer: Sendable {
    /// Wrap the severity and marker in ANSI colour codes (for terminals).
    public var useColor: Bool

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    /// The full rendering, lines separated by `\n`, without a trailing newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = [header(diagnostic)]
        if diagnostic.severity != .note {
            lines.append(contentsOf: snippet(file: diagnostic.file, span: diagnostic.span))
        }
        for note in diagnostic.notes {
            lines.append("  " + header(note))
        }
        return lines.joined(separator: "\n")
    }

    /// Renders several diagnostics, one after another.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    private func header(_ d: Diagnostic) -> String {
        let severity = paint(d.severity.rawValue, code: d.severity == .note ? "36" : d.severity == .warning ? "35" : "31")
        return "\(d.file.name):\(d.location): \(severity): \(d.message)"
    }

    /// The source line holding `span.start`, and the marker line under it.
    func snippet(file: SourceFile, span: SourceSpan) -> [String] {
        let index = file.lineIndex(at: span.start)
        let range = file.lineRange(index)
        let lineText = file.text(of: SourceSpan(start: range.lowerBound, end: range.upperBound))
        let startColumn = min(max(span.start, range.lowerBound), range.upperBound) - range.lowerBound
        let endColumn = min(max(span.end, span.start), range.upperBound) - range.lowerBound
        var marker = ""
        for s in file.scalars[range.lowerBound..<(range.lowerBound + startColumn)] {
            marker.append(s == "\t" ? "\t" : " ")
        }
        let width = max(1, endColumn - startColumn)
        marker += paint("^" + String(repeating: "~", count: width - 1), code: "32")
        return [lineText, marker]
    }

    private func paint(_ text: String, code: String) -> String {
        useColor ? "\u{1B}[1;\(code)m\(text)\u{1B}[0m" : text
    }
}
