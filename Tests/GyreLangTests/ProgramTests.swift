import XCTest
import Foundation
import GyreLang
import GyreTestSupport

/// Runs every `.gy` program under `Programs/` against the expectations written in it
/// (see `ProgramCorpus` for the format).
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
            failures += ProgramCorpus.run(program: text, name: f, interpreter: Interpreter(registry: .core()))
        }
        XCTAssert(failures.isEmpty, "\n" + failures.joined(separator: "\n\n"))
    }
}
