import Foundation
import GyreLang
import GyreREPL

/// Tab completion from the symbol table: names, record/handle fields after `.`, and
/// file names inside string literals. Never evaluates anything (fields are read from
/// variables already bound).
struct Completer {
    let interpreter: Interpreter

    func complete(_ prefix: String) -> Completion {
        if let path = openStringContent(prefix) { return files(path) }
        let chars = Array(prefix)
        var i = chars.count
        while i > 0, isWordChar(chars[i - 1]) || chars[i - 1] == "." { i -= 1 }
        let token = String(chars[i...])
        if let dot = token.lastIndex(of: ".") {
            let base = String(token[..<dot]), word = String(token[token.index(after: dot)...])
            let fields = fieldNames(of: base)
            return Completion(word: word, candidates: fields.filter { $0.hasPrefix(word) }.sorted(), appendsSpace: false)
        }
        let names = Set(interpreter.visibleNames + ["fn", "if", "else", "for", "in", "while", "break", "continue", "return", "true", "false", "none", "and", "or", "not"])
        let matches = names.filter { $0.hasPrefix(token) && !$0.isEmpty }.sorted()
        return Completion(word: token, candidates: matches, appendsSpace: false)
    }

    private func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Fields of a dotted name chain bound in the session (`cfg`, `run.history`).
    private func fieldNames(of chain: String) -> [String] {
        let parts = chain.split(separator: ".").map(String.init)
        guard let first = parts.first, var v = interpreter.globals.lookup(first) else { return [] }
        for p in parts.dropFirst() {
            switch v {
            case .record(let r): guard let n = r[p] else { return [] }; v = n
            case .handle(let h): guard let n = h.field(p) else { return [] }; v = n
            default: return []
            }
        }
        switch v {
        case .record(let r): return r.keys
        case .handle(let h): return h.fieldNames
        case .array: return ["shape", "T", "ndim", "size"]
        default: return []
        }
    }

    /// The text after an unclosed `"` on the line, if the cursor is inside a string.
    private func openStringContent(_ prefix: String) -> String? {
        var inString = false, escaped = false, start = prefix.startIndex
        for idx in prefix.indices {
            let c = prefix[idx]
            if escaped { escaped = false; continue }
            if c == "\\" && inString { escaped = true; continue }
            if c == "\"" { inString.toggle(); start = prefix.index(after: idx) }
        }
        return inString ? String(prefix[start...]) : nil
    }

    private func files(_ partial: String) -> Completion {
        let dir = partial.contains("/") ? String(partial[...(partial.lastIndex(of: "/") ?? partial.startIndex)]) : ""
        let stem = String(partial.dropFirst(dir.count))
        let listPath = dir.isEmpty ? "." : (dir.hasPrefix("~") ? NSString(string: dir).expandingTildeInPath : dir)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: listPath)) ?? []
        var candidates: [String] = []
        for e in entries.sorted() where e.hasPrefix(stem) && (!e.hasPrefix(".") || stem.hasPrefix(".")) {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: (listPath as NSString).appendingPathComponent(e), isDirectory: &isDir)
            candidates.append(dir + e + (isDir.boolValue ? "/" : ""))
        }
        return Completion(word: partial, candidates: candidates, appendsSpace: false)
    }
}
