import XCTest
import Foundation
import GyreLang
import GyreBuiltins
import GyreTestSupport

/// The `.gy` corpus for the library builtins (figures, data, models, learning, files);
/// same format as GyreLangTests' corpus (see `ProgramCorpus`).
final class LibraryProgramTests: XCTestCase {
    func testLibraryPrograms() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Programs")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".gy") }.sorted()
        XCTAssertFalse(files.isEmpty)
        var failures: [String] = []
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            failures += ProgramCorpus.run(program: text, name: f, interpreter: Interpreter(registry: .standard()))
        }
        XCTAssert(failures.isEmpty, "\n" + failures.joined(separator: "\n\n"))
    }
}
