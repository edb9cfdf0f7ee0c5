import XCTest
import Foundation
import GyreLang
import GyreBuiltins

/// docs/builtins.md is generated from the registry; this test fails when it is stale.
/// Regenerate with: GYRE_UPDATE_DOCS=1 swift test --filter BuiltinDocsTests
final class BuiltinDocsTests: XCTestCase {
    func testCommittedBuiltinsReferenceIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("docs/builtins.md")
        let generated = BuiltinRegistry.standard().markdown()
        if ProcessInfo.processInfo.environment["GYRE_UPDATE_DOCS"] == "1" {
            try generated.write(to: path, atomically: true, encoding: .utf8)
        }
        let committed = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        XCTAssertEqual(committed, generated, "docs/builtins.md is out of date: run GYRE_UPDATE_DOCS=1 swift test --filter BuiltinDocsTests")
    }

    func testEveryBuiltinIsDocumentedWithAnExampleThatRuns() throws {
        let registry = BuiltinRegistry.standard()
        let kernel = InterpreterKernel(registry: registry)
        var failures: [String] = []
        for spec in registry.all {
            if spec.summary.isEmpty { failures.append("\(spec.name): no summary") }
            guard !spec.example.isEmpty else { failures.append("\(spec.name): no example"); continue }
            let r = kernel.interpreter.run(spec.example, name: "example of \(spec.name)", display: false)
            if !r.ok && !spec.example.contains("error(") { failures.append("\(spec.name): example fails:\n\(r.errorText)") }
            XCTAssertNotNil(registry.helpText(spec.name))
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }
}
