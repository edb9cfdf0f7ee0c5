import XCTest
import Foundation
import GyreLang
import GyreBuiltins

/// The `.gy` corpus for the library builtins (figures, data, models, learning, files), in the
/// same format as GyreLangTests' corpus: `# expect: line` and `# expect error: text`, with
/// `#---` separating entries of one session.
final class LibraryProgramTests: XCTestCase {
    func testLibraryPrograms() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Programs")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".gy") }.sorted()
        XCTAssertFalse(files.isEmpty)
        var failures: [String] = []
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            let interp = Interpreter(registry: .standard())
            var output = ""
            interp.output = { output += $0 }
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
                let result = interp.run(chunk, name: f, lineOffset: lineOffset)
                let got = output.isEmpty ? [] : Array(output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(output.hasSuffix("\n") ? 1 : 0))
                if got != expected { failures.append("\(f):\(lineOffset + 1): output\n  got:      \(got)\n  expected: \(expected)") }
                if let e = expectedError {
                    if result.ok { failures.append("\(f):\(lineOffset + 1): expected error '\(e)' but it succeeded") }
                    else if !result.errorText.contains(e) { failures.append("\(f):\(lineOffset + 1): expected error containing '\(e)', got\n\(result.errorText)") }
                } else if !result.ok {
                    failures.append("\(f):\(lineOffset + 1): unexpected error\n\(result.errorText)")
                }
                lineOffset += lines.count + 1
            }
        }
        XCTAssert(failures.isEmpty, "\n" + failures.joined(separator: "\n\n"))
    }
}
