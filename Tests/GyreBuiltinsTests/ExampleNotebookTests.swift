import XCTest
import Foundation
import GyreREPL
import GyreBuiltins

/// Every notebook in `Examples/` runs cleanly through the notebook runner (in-process, the
/// same code as `gyre run`), and the figure notebooks produce their figures as valid PNGs.
final class ExampleNotebookTests: XCTestCase {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples")

    /// How many figures each notebook's report holds. A notebook not listed here (a new
    /// one) is only required to run without errors.
    static let expectedFigures: [String: Int] = [
        "autodiff.nb": 1, "demo.nb": 0, "figures.nb": 9, "files.nb": 0, "language.nb": 0,
        "spirograph.nb": 5, "training.nb": 4,
    ]

    /// Cells (by title) that are expected to draw nothing; every other cell of these
    /// notebooks with code must produce at least one figure.
    static let everyCellDraws: [String: Set<String>] = [
        "figures.nb": ["Saving"],
        "spirograph.nb": ["A dataset"],
    ]

    /// Files the notebooks write with savefig/save.
    static let writtenFiles: [String: [String]] = [
        "figures.nb": ["/tmp/gyre-example-waves.svg", "/tmp/gyre-example-panels.pdf", "/tmp/gyre-example-loss.png"],
        "training.nb": ["/tmp/gyre-example-encoder.safetensors", "/tmp/gyre-example-run.safetensors"],
        "files.nb": ["/tmp/gyre-example-A.npy", "/tmp/gyre-example-A.csv", "/tmp/gyre-example-params.safetensors"],
    ]

    func testEveryExampleNotebookRuns() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path)
            .filter { $0.hasSuffix(".nb") }.sorted()
        for expected in Self.expectedFigures.keys.sorted() {
            XCTAssert(names.contains(expected), "Examples/\(expected) is missing")
        }
        var timings: [String] = []
        for name in names {
            let start = Date()
            try check(name)
            timings.append(String(format: "%@ %.1f s", name, Date().timeIntervalSince(start)))
        }
        print("example notebooks: " + timings.joined(separator: ", "))
    }

    private func check(_ name: String) throws {
        let path = Self.examples.appendingPathComponent(name).path
        for file in Self.writtenFiles[name] ?? [] { try? FileManager.default.removeItem(atPath: file) }
        var output = "", errors = ""
        let console = Console(isTerminal: false, out: { output += $0 }, err: { errors += $0 })
        let notebook = try Notebook.load(path: path)
        let run = try NotebookRunner(kernel: InterpreterKernel(), console: console).run(notebook)

        XCTAssertEqual(run.exitCode, 0, "\(name): \(errors)")
        XCTAssert(errors.isEmpty, "\(name) wrote to standard error:\n\(errors)")
        var figures = 0
        for (cell, outcome) in zip(run.notebook.cells, run.outcomes) {
            let where_ = "\(name) cell \(cell.number)\(cell.title.map { " (\($0))" } ?? "")"
            XCTAssert(outcome.status == .succeeded || outcome.status == .noCode,
                      "\(where_): \(outcome.status)\n\(outcome.error ?? "")")
            for figure in outcome.figures { assertValidPNG(figure.png, where_) }
            figures += outcome.figures.count
            if let quiet = Self.everyCellDraws[name], outcome.status == .succeeded, !quiet.contains(cell.title ?? "") {
                XCTAssertFalse(outcome.figures.isEmpty, "\(where_) produced no figure")
            }
        }
        if let expected = Self.expectedFigures[name] {
            XCTAssertEqual(figures, expected, "\(name): number of figures")
        }
        for file in Self.writtenFiles[name] ?? [] {
            let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size, 0, "\(name) did not write \(file)")
        }
    }

    /// PNG signature and a non-empty IHDR.
    private func assertValidPNG(_ png: Data, _ where_: String, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = [UInt8](png)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(where_): not a PNG", file: file, line: line)
        guard bytes.count > 24, String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else {
            return XCTFail("\(where_): no IHDR chunk", file: file, line: line)
        }
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssert(width >= 100 && height >= 80, "\(where_): a \(width)×\(height) figure", file: file, line: line)
    }
}
