import Foundation
import Testing
@testable import GyreREPL

@Suite struct ReportWriterTests {
    static let text = """
        #' # Spirograph study
        #' Some *prose*.
        #%% Settings [parameters]
        seed = 0
        #%% Plot
        #' A figure follows.
        figure one
        figure two
        #%% Broken
        fail here
        """

    func makeRun(overrides: [ParameterOverride] = [], keepGoing: Bool = true) throws -> NotebookRun {
        let captured = CapturedConsole()
        return try NotebookRunner(kernel: FakeKernel(), console: captured.console)
            .run(Notebook(parsing: ReportWriterTests.text, name: "study.nb"),
                 options: NotebookRunOptions(keepGoing: keepGoing, parameters: overrides))
    }

    let options = ReportOptions(gyreVersion: "9.9.9", date: Date(timeIntervalSince1970: 1_700_000_000))

    @Test func markdownReferencesExistingPNGs() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try makeRun(overrides: [ParameterOverride(name: "seed", value: "3")])
        try ReportWriter(options: options).write(run, to: directory)

        let markdown = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(markdown.contains("**Gyre:** 9.9.9"))
        #expect(markdown.contains("**Notebook:** `study.nb`"))
        #expect(markdown.contains("**Parameters:** `seed = 3` (set with -p)"))
        #expect(markdown.contains("# Spirograph study\nSome *prose*."))
        #expect(markdown.contains("## Plot\n\nA figure follows.\n\n```gyre\nfigure one\nfigure two\n```\n\n```\nout: figure one\nout: figure two\n```"))
        #expect(markdown.contains("**Error:**\n\n```\nstudy.nb:10: error: fail here\n```"))
        let links = markdown.components(separatedBy: "](").dropFirst().map { $0.prefix(while: { $0 != ")" }) }
        #expect(links == ["fig-3-1.png", "fig-3-2.png"])
        for link in links {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + link))
            #expect(Array(bytes.prefix(8)) == pngSignature)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func htmlIsSelfContained() throws {
        let html = ReportWriter(options: options).html(for: try makeRun())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Spirograph study</h1>"))
        #expect(html.contains("<em>prose</em>"))
        #expect(html.contains("<code class=\"language-gyre\">"))
        #expect(html.contains("<code class=\"language-error\">study.nb:10: error: fail here"))
        #expect(html.components(separatedBy: "src=\"data:image/png;base64,").count == 3)
        #expect(html.contains(tinyPNG().base64EncodedString()))
        #expect(!html.contains("fig-3-1.png"))
    }

    @Test func noCodeLeavesCodeOut() throws {
        var noCode = options
        noCode.includeCode = false
        let markdown = ReportWriter(options: noCode).markdown(for: try makeRun())
        #expect(!markdown.contains("```gyre"))
        #expect(markdown.contains("out: figure one"))
    }

    @Test func fencesOutgrowBackticksInOutput() {
        #expect(ReportMarkdown.fence("a ``` b", info: "") == "````\na ``` b\n````")
        #expect(ReportMarkdown.escape("a_b [x]") == "a\\_b \\[x\\]")
    }

    @Test func failedWriteKeepsTheExistingReport() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try makeRun()
        try ReportWriter(options: options).write(first, to: directory)
        try "keep me".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let oldMarkdown = try Data(contentsOf: URL(fileURLWithPath: directory + "/report.md"))

        var failing = ReportWriter(options: ReportOptions(gyreVersion: "10.0", date: Date()))
        failing.beforeStaging = { name in
            if name == "report.md" { throw GyreError.io("disk full (simulated)") }
        }
        #expect(throws: GyreError.io("disk full (simulated)")) { try failing.write(first, to: directory) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/report.md")) == oldMarkdown)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == before)
    }

    @Test func staleFiguresAreRemovedOnlyAfterSuccess() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data([1]).write(to: URL(fileURLWithPath: directory + "/fig-9-9.png"))
        try Data([1]).write(to: URL(fileURLWithPath: directory + "/figure-notes.png"))
        try ReportWriter(options: options).write(try makeRun(), to: directory)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(names == ["report.md", "report.html", "fig-3-1.png", "fig-3-2.png", "figure-notes.png"])
    }
}
