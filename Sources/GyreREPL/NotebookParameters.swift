import Foundation

/// A `-p name=value` override; `value` is Gyre source text, used verbatim
/// (`-p seed=3`, `-p lr=1e-3`, `-p 'out="runs/a"'`).
public struct ParameterOverride: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `name=value`.
    public init(parsing spec: String) throws {
        guard let equals = spec.firstIndex(of: "=") else {
            throw GyreError.parameter("-p expects name=value, got '\(spec)'")
        }
        let name = spec[..<equals].trimmingCharacters(in: .whitespaces)
        let value = spec[spec.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard ParameterOverride.isIdentifier(name) else {
            throw GyreError.parameter("-p: '\(name)' is not a variable name (in '\(spec)')")
        }
        guard !value.isEmpty, !value.contains("\n") else {
            throw GyreError.parameter("-p \(name): the value must be one non-empty line of Gyre source")
        }
        self.init(name: name, value: value)
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
              first == "_" || CharacterSet.letters.contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || CharacterSet.alphanumerics.contains($0) }
    }
}

/// A parameter's value as used by a run: the right-hand side of its top-level
/// assignment in the parameters cell, or the `-p` value that replaced it.
public struct ParameterValue: Sendable, Equatable {
    public var name: String
    public var value: String
    /// True if `-p` set it.
    public var overridden: Bool
    /// The file line of the assignment.
    public var line: Int

    public init(name: String, value: String, overridden: Bool, line: Int) {
        self.name = name
        self.value = value
        self.overridden = overridden
        self.line = line
    }
}

extension Notebook {
    /// The top-level assignments `name = value` of a cell marked `parameters` (the last
    /// one per name), in order of first appearance. Without a marked cell, `-p` still
    /// overrides the first code cell, but only the overridden names are reported.
    public var parameters: [ParameterValue] {
        guard let index = parametersCellIndex, cells[index].isParameters else { return [] }
        return assignmentValues(index)
    }

    func assignmentValues(_ index: Int) -> [ParameterValue] {
        var values: [ParameterValue] = []
        for assignment in TopLevelAssignment.scan(cells[index].lines) {
            let value = ParameterValue(name: assignment.name, value: assignment.value,
                                       overridden: false, line: assignment.firstLine)
            if let existing = values.firstIndex(where: { $0.name == assignment.name }) {
                values[existing] = value
            } else {
                values.append(value)
            }
        }
        return values
    }

    /// Rewrites the parameters cell so each override's top-level assignments get the
    /// new right-hand side; line numbers do not change (a multi-line right-hand side
    /// leaves empty lines). Returns the new notebook and the values it will use.
    ///
    /// `x = 1   # note` with `-p x=2` becomes `x = 2   # note`.
    /// Throws `GyreError.parameter` if a name has no top-level assignment there.
    public func applying(_ overrides: [ParameterOverride]) throws -> (Notebook, [ParameterValue]) {
        guard !overrides.isEmpty else { return (self, parameters) }
        guard let index = parametersCellIndex else {
            throw GyreError.parameter("\(name) has no code cell to take parameters from")
        }
        var cell = cells[index]
        let assignments = TopLevelAssignment.scan(cell.lines)
        for override in overrides {
            let targets = assignments.filter { $0.name == override.name }
            guard !targets.isEmpty else {
                throw GyreError.parameter(Notebook.unknownParameterMessage(override.name, cell: cell,
                                                                           notebook: name, known: assignments))
            }
            for target in targets { target.replaceValue(in: &cell.lines, with: override.value) }
        }
        var rewritten = self
        rewritten.cells[index] = cell
        var values = rewritten.assignmentValues(index)
        for i in values.indices where overrides.contains(where: { $0.name == values[i].name }) {
            values[i].overridden = true
        }
        if !cell.isParameters { values = values.filter(\.overridden) }
        return (rewritten, values)
    }

    static func unknownParameterMessage(_ name: String, cell: NotebookCell, notebook: String,
                                        known: [TopLevelAssignment]) -> String {
        let place = cell.markerLine.map { "the \(cell.isParameters ? "parameters " : "")cell at line \($0)" }
            ?? "the first cell"
        var names: [String] = []
        for assignment in known where !names.contains(assignment.name) { names.append(assignment.name) }
        let available = names.isEmpty ? "it assigns nothing at top level"
            : "it assigns " + names.joined(separator: ", ")
        return "-p \(name): \(notebook) has no top-level assignment '\(name) = …' in \(place) (\(available))"
    }
}

/// A top-level `name = value` statement found by a light scan (brackets, strings and
/// `#` comments only; the language's parser is not needed).
struct TopLevelAssignment {
    var name: String
    /// The right-hand side, trimmed, without a trailing comment.
    var value: String
    /// Index into the cell's lines of the assignment's first and last line.
    var firstIndex: Int
    var lastIndex: Int
    var firstLine: Int
    /// The first line's text before the value (`"  name = "`), and after it (comment).
    var head: String
    var tail: String

    static func scan(_ lines: [NotebookLine]) -> [TopLevelAssignment] {
        var found: [TopLevelAssignment] = []
        var state = ScanState()
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.kind == .code else { index += 1; continue }
            guard state.depth == 0, !state.inString, let match = matchAssignment(line.text) else {
                _ = state.scan(line.text[...])
                index += 1
                continue
            }
            var valueState = ScanState()
            let comment = valueState.scan(match.rest)
            let firstValue = match.rest[..<(comment ?? match.rest.endIndex)]
            var valueLines = [String(firstValue)]
            var last = index
            while valueState.depth > 0 || valueState.inString, last + 1 < lines.count {
                last += 1
                guard lines[last].kind == .code else { continue }
                let text = lines[last].text[...]
                let end = valueState.scan(text) ?? text.endIndex
                valueLines.append(String(text[..<end]))
            }
            var tail = ""
            if let comment {
                let spaces = match.rest[..<comment].reversed().prefix(while: { $0 == " " || $0 == "\t" })
                tail = String(spaces.reversed()) + match.rest[comment...]
            }
            found.append(TopLevelAssignment(
                name: match.name,
                value: valueLines.joined(separator: "\n").trimmingCharacters(in: .whitespaces),
                firstIndex: index, lastIndex: last, firstLine: line.number,
                head: match.head, tail: last == index ? tail : ""))
            index = last + 1
        }
        return found
    }

    /// `"  lr = 0.1 # c"` → (name "lr", head "  lr = ", rest "0.1 # c").
    static func matchAssignment(_ text: String) -> (name: String, head: String, rest: Substring)? {
        let chars = text[...]
        var i = chars.startIndex
        while i < chars.endIndex, chars[i] == " " || chars[i] == "\t" { i = chars.index(after: i) }
        let nameStart = i
        while i < chars.endIndex, chars[i] == "_" || chars[i].isLetter || (i != nameStart && chars[i].isNumber) {
            i = chars.index(after: i)
        }
        guard i > nameStart else { return nil }
        let name = String(chars[nameStart..<i])
        while i < chars.endIndex, chars[i] == " " || chars[i] == "\t" { i = chars.index(after: i) }
        guard i < chars.endIndex, chars[i] == "=" else { return nil }
        let afterEquals = chars.index(after: i)
        guard afterEquals == chars.endIndex || chars[afterEquals] != "=" else { return nil }  // `==`
        var valueStart = afterEquals
        while valueStart < chars.endIndex, chars[valueStart] == " " || chars[valueStart] == "\t" {
            valueStart = chars.index(after: valueStart)
        }
        return (name, String(chars[..<valueStart]), chars[valueStart...])
    }

    /// Puts `value` in place of this assignment's right-hand side.
    func replaceValue(in lines: inout [NotebookLine], with value: String) {
        let spacing = tail.isEmpty || tail.first == " " || tail.first == "\t" ? "" : " "
        lines[firstIndex].text = head + value + spacing + tail
        for index in (firstIndex + 1)..<(lastIndex + 1) where lines[index].kind == .code {
            lines[index].text = ""
        }
    }
}

/// Bracket depth and string state across lines.
struct ScanState {
    var depth = 0
    var inString = false

    /// Scans `text`, updating the state; returns where a `#` comment starts, if any.
    mutating func scan(_ text: Substring) -> Substring.Index? {
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else {
                switch c {
                case "\"": inString = true
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                case "#": return index
                default: break
                }
            }
            index = text.index(after: index)
        }
        return nil
    }
}
