import XCTest
import Foundation
import GyreLang

/// Runs every `.gy` program under `Programs/` and compares its output with the
/// expectations written in the file (Crafting Interpreters style):
///
///     x = 1 + 2
///     x            # expect: 3
///     #---         (new entry in the same session, like a REPL line)
///     y + 1        # expect error: 1:1: unknown name 'y'
///
/// `# expect: text` lines give the exact output lines in order; `# expect error: text`
/// means the entry fails and its rendered error contains `text`.
final class ProgramTests: XCTestCase {
    static var programsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Programs")
    }

    func testAllPrograms() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.programsDirectory.path)
            .filter { $0.hasSuffix(".gy") }.sorted()
        XCTAssertGreaterThan(files.count, 5, "no programs found")
        var failures: [String] = []
        for f in files {
            let text = try String(contentsOf: Self.programsDirectory.appendingPathComponent(f), encoding: .utf8)
            failures += Self.run(program: text, name: f)
        }
        XCTAssert(failures.isEmpty, "\n" + failures.joined(separator: "\n\n"))
    }

    /// Runs one program; returns a description of each mismatch.
    static func run(program text: String, name: String) -> [String] {
        let interp = Interpreter(registry: .core())
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
            let got = output.isEmpty ? [] : output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(output.hasSuffix("\n") ? 1 : 0)
            if Array(got) != expected {
                failures.append("\(name) (from line \(lineOffset + 1)): output\n  got:      \(Array(got))\n  expected: \(expected)")
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
