import GyreLang

/// Runs a `.gy` program with its expectations written inside (Crafting Interpreters style):
///
///     x = 1 + 2
///     x            # expect: 3
///     #---         (a new entry in the same session, like a REPL line)
///     y + 1        # expect error: 1:1: unknown name 'y'
///
/// `# expect: text` lines give the exact output lines in order; `# expect error: text`
/// means the entry fails and its rendered error contains `text`. Returns one description
/// per mismatch (empty: the program behaved as written).
public enum ProgramCorpus {
    public static func run(program text: String, name: String, interpreter interp: Interpreter) -> [String] {
        var output = ""
        interp.output = { output += $0 }
        var failures: [String] = []
        var lineOffset = 0
        for chunk in text.components(separatedBy: "\n#---\n") {
            output = ""
            let lines = chunk.components(separatedBy: "\n")
            var expected: [String] = [], expectedError: String? = nil
            for l in lines {
                if let r = l.range(of: "expect error: "), l.contains("#") { expectedError = String(l[r.upperBound...]) }
                else if let r = l.range(of: "expect: "), let hash = l.firstIndex(of: "#"), hash < r.lowerBound {
                    expected.append(String(l[r.upperBound...]))
                }
            }
            let result = interp.run(chunk, name: name, lineOffset: lineOffset)
            let got = output.isEmpty ? [] : Array(output.split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init).dropLast(output.hasSuffix("\n") ? 1 : 0))
            if got != expected {
                failures.append("\(name) (from line \(lineOffset + 1)): output\n  got:      \(got)\n  expected: \(expected)")
            }
            if let e = expectedError {
                if result.ok { failures.append("\(name) (from line \(lineOffset + 1)): expected error '\(e)' but the entry succeeded") }
                else if !result.errorText.contains(e) {
                    failures.append("\(name) (from line \(lineOffset + 1)): expected error containing\n  '\(e)'\n  got:\n\(result.errorText)")
                }
            } else if !result.ok {
                failures.append("\(name) (from line \(lineOffset + 1)): unexpected error\n\(result.errorText)")
            }
            lineOffset += lines.count + 1
        }
        return failures
    }
}
