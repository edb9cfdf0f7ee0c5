/// A piece of Gyre source text: a whole file, a REPL entry, or one notebook cell.
///
/// Positions inside it are *Unicode scalar* offsets (so `α` is one column), and line
/// numbers reported to the user are shifted by `lineOffset`, which lets a notebook cell
/// report the notebook's own line numbers:
///
/// ```swift
/// // The cell's first line is line 40 of study.nb.
/// let cell = SourceFile(name: "study.nb", text: code, lineOffset: 39)
/// cell.lineColumn(at: 0)   // LineColumn(line: 40, column: 1)
/// ```
///
/// A `SourceFile` is immutable and shared by reference; the AST does not point back to
/// it (spans are plain offsets), so keep the file next to the `Program` you parsed
/// (`Program.source`) when you need to render an error later.
public final class SourceFile: Sendable {
    /// Display name used in diagnostics, e.g. `study.nb` or `<repl>`.
    public let name: String
    /// The full text.
    public let text: String
    /// Added to every 1-based line number shown to the user (0 for a standalone file).
    public let lineOffset: Int
    /// The text as Unicode scalars; spans index into this array.
    public let scalars: [Unicode.Scalar]
    /// Scalar offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(name: String, text: String, lineOffset: Int = 0) {
        self.name = name
        self.text = text
        self.lineOffset = lineOffset
        let scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        self.scalars = scalars
        self.lineStarts = starts
    }

    /// The 0-based line index (before `lineOffset`) containing scalar `offset`.
    public func lineIndex(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The user-facing line and column of scalar `offset` (both 1-based, line shifted
    /// by `lineOffset`).
    public func lineColumn(at offset: Int) -> LineColumn {
        let index = lineIndex(at: offset)
        return LineColumn(line: index + 1 + lineOffset, column: offset - lineStarts[index] + 1)
    }

    /// Scalar range of line `index` (0-based, before `lineOffset`), without its line
    /// terminator (`\n` or `\r\n`).
    public func lineRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        return start..<max(start, end)
    }

    /// The source text covered by `span` (clamped to the file).
    public func text(of span: SourceSpan) -> String {
        let lo = min(max(0, span.start), scalars.count)
        let hi = min(max(lo, span.end), scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }
}

/// A half-open range `start..<end` of Unicode-scalar offsets into a `SourceFile`.
///
/// Spans are plain values (no reference to the file) so AST nodes stay cheap to copy.
/// An empty span (`start == end`) marks a position, e.g. the end of input.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// An empty span at `offset`.
    public static func at(_ offset: Int) -> SourceSpan { SourceSpan(start: offset, end: offset) }

    /// The number of scalars covered.
    public var length: Int { end - start }

    /// The smallest span covering both `self` and `other`.
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { "\(start)..<\(end)" }
}

/// A user-facing position: 1-based line (already shifted by `SourceFile.lineOffset`)
/// and 1-based column counted in Unicode scalars.
public struct LineColumn: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, as used inside messages (`expected ')' to close '(' at 3:5`).
    public var description: String { "\(line):\(column)" }
}
