import Foundation

/// A parsed `.nb` notebook: cells of Markdown prose and code, with the file's line
/// numbers kept so errors point into the file. The format is specified in
/// `docs/notebooks.md`:
/// ```
/// #' # A study            ← prose (Markdown), "#' " stripped
/// x = 1                   ← code before the first #%% is cell 1
/// #%% Training            ← a new cell titled "Training"
/// #%% parameters          ← the parameters cell (also "#%% Settings [parameters]")
/// ```
public struct Notebook: Sendable, Equatable {
    /// The name used in messages and reports, usually the file name.
    public var name: String
    /// The cells in file order; `cells[i].number == i + 1`.
    public var cells: [NotebookCell]

    public init(name: String, cells: [NotebookCell]) {
        self.name = name
        self.cells = cells
    }

    /// The index of the cell whose top-level assignments `-p` overrides: the cell
    /// marked `parameters`, else the first cell with code.
    public var parametersCellIndex: Int? {
        cells.firstIndex(where: \.isParameters) ?? cells.firstIndex(where: { $0.firstCodeLine != nil })
    }
}

/// One cell: an optional title and its lines (prose and code interleaved, in order).
public struct NotebookCell: Sendable, Equatable {
    /// 1-based position among the notebook's cells (figure files are `fig-<number>-<k>.png`).
    public var number: Int
    /// The text after `#%%`, trimmed, without a `[parameters]` tag; `nil` if empty.
    public var title: String?
    /// The line of the `#%%` marker; `nil` for the implicit first cell.
    public var markerLine: Int?
    /// True for the cell marked `#%% parameters` or `#%% … [parameters]`.
    public var isParameters: Bool
    /// The cell's lines after the marker.
    public var lines: [NotebookLine]

    public init(number: Int, title: String?, markerLine: Int?, isParameters: Bool = false, lines: [NotebookLine]) {
        self.number = number
        self.title = title
        self.markerLine = markerLine
        self.isParameters = isParameters
        self.lines = lines
    }

    /// The file line of the first non-blank code line, or `nil` if the cell has no code.
    public var firstCodeLine: Int? {
        lines.first(where: { $0.isCode && !$0.isBlank })?.number
    }

    /// The code to run: from the first to the last non-blank code line, with prose
    /// lines in between turned into empty lines so line numbers stay those of the file.
    /// Empty if the cell has no code.
    public var code: String {
        guard let first = lines.firstIndex(where: { $0.isCode && !$0.isBlank }),
              let last = lines.lastIndex(where: { $0.isCode && !$0.isBlank }) else { return "" }
        return lines[first...last].map { $0.isCode ? $0.text : "" }.joined(separator: "\n")
    }

    /// The lines grouped into prose and code blocks, blank lines at the edges of code
    /// blocks dropped (for reports).
    public var segments: [NotebookSegment] {
        var result: [NotebookSegment] = []
        var index = lines.startIndex
        while index < lines.endIndex {
            let isCode = lines[index].isCode
            let end = lines[index...].firstIndex(where: { $0.isCode != isCode }) ?? lines.endIndex
            let block = lines[index..<end]
            if isCode {
                let trimmed = block.drop(while: \.isBlank).reversed().drop(while: \.isBlank).reversed()
                if let first = trimmed.first {
                    result.append(.code(trimmed.map(\.text).joined(separator: "\n"), line: first.number))
                }
            } else {
                result.append(.prose(block.map(\.text).joined(separator: "\n"), line: block.first!.number))
            }
            index = end
        }
        return result
    }
}

/// One line of a cell; `text` has the `#'` prefix of prose removed.
public struct NotebookLine: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case prose, code }
    public var number: Int
    public var kind: Kind
    public var text: String

    public init(number: Int, kind: Kind, text: String) {
        self.number = number
        self.kind = kind
        self.text = text
    }

    var isCode: Bool { kind == .code }
    var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
}

/// A run of prose or of code inside a cell, with the file line it starts on.
public enum NotebookSegment: Sendable, Equatable {
    case prose(String, line: Int)
    case code(String, line: Int)
}

extension Notebook {
    static let proseMarker = "#'"
    static let cellMarker = "#%%"
    static let parametersTag = "[parameters]"

    /// Reads and parses the notebook at `path`; its name is the file name.
    public static func load(path: String) throws -> Notebook {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw GyreError.io("cannot read notebook \(path): \(Notebook.reason(error))")
        }
        return try Notebook(parsing: text, name: (path as NSString).lastPathComponent)
    }

    /// Parses notebook text. Throws `GyreError.notebook` for a second parameters cell.
    public init(parsing text: String, name: String) throws {
        var cells: [NotebookCell] = []
        var current = NotebookCell(number: 1, title: nil, markerLine: nil, lines: [])
        var parametersLine: Int?
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var rawLines = normalized.components(separatedBy: "\n")
        if rawLines.last == "" { rawLines.removeLast() }  // the final newline ends a line, not starts one

        for (offset, raw) in rawLines.enumerated() {
            let number = offset + 1
            if raw.hasPrefix(Notebook.cellMarker) {
                if current.markerLine != nil || current.lines.contains(where: { !$0.isBlank }) {
                    cells.append(current)
                }
                let (title, isParameters) = Notebook.parseMarker(raw)
                if isParameters {
                    if let first = parametersLine {
                        throw GyreError.notebook(file: name, line: number,
                                                 message: "a second parameters cell (the first is at line \(first))")
                    }
                    parametersLine = number
                }
                current = NotebookCell(number: cells.count + 1, title: title, markerLine: number,
                                       isParameters: isParameters, lines: [])
            } else if raw.hasPrefix(Notebook.proseMarker) {
                var prose = raw.dropFirst(Notebook.proseMarker.count)
                if prose.first == " " { prose = prose.dropFirst() }
                current.lines.append(NotebookLine(number: number, kind: .prose, text: String(prose)))
            } else {
                current.lines.append(NotebookLine(number: number, kind: .code, text: raw))
            }
        }
        if current.markerLine != nil || current.lines.contains(where: { !$0.isBlank }) {
            cells.append(current)
        }
        self.init(name: name, cells: cells)
    }

    /// `#%% Title [parameters]` → ("Title", true); `#%% parameters` → ("parameters", true).
    static func parseMarker(_ line: String) -> (title: String?, isParameters: Bool) {
        var title = line.dropFirst(Notebook.cellMarker.count).trimmingCharacters(in: .whitespaces)
        var isParameters = title.lowercased() == "parameters"
        if title.lowercased().hasSuffix(Notebook.parametersTag) {
            isParameters = true
            title = String(title.dropLast(Notebook.parametersTag.count)).trimmingCharacters(in: .whitespaces)
        }
        return (title.isEmpty ? nil : title, isParameters)
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError {
            return "No such file or directory"
        }
        return nsError.localizedDescription
    }
}
