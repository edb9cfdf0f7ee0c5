import Foundation
import Testing
@testable import GyreREPL

/// libedit's history is process-wide, so everything touching it is in this one test.
@Suite struct HistoryTests {
    @Test func multiLineEntriesRoundTripThroughTheFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        let entries = ["x = 1", "fn loss(w, x) {\n  h = tanh(x @ w)\n  mean(h ^ 2)\n}", "s = \"tab\there \\\\ ünïcode\"", ":vars"]

        EditHistory.start()
        EditHistory.clear()
        #expect(!EditHistory.load(from: path))  // missing on first start: not an error
        for entry in entries { EditHistory.add(entry) }
        #expect(EditHistory.entries() == entries)
        try EditHistory.save(to: path)

        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file.hasPrefix("_HiStOrY_V2_\n"))
        #expect(file.components(separatedBy: "\n").count == entries.count + 2)  // one line per entry
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["history"])  // no temp left

        EditHistory.clear()
        #expect(EditHistory.entries().isEmpty)
        #expect(EditHistory.load(from: path))
        #expect(EditHistory.entries() == entries)
        EditHistory.clear()
    }

    @Test func historyPathFromEnvironment() {
        #expect(LineEditor.defaultHistoryPath(environment: ["GYRE_HISTORY": "/tmp/h", "HOME": "/home/u"]) == "/tmp/h")
        #expect(LineEditor.defaultHistoryPath(environment: ["GYRE_HISTORY": ""]) == nil)
        #expect(LineEditor.defaultHistoryPath(environment: ["HOME": "/home/u"]) == "/home/u/.gyre_history")
    }
}
