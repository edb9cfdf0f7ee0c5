import Foundation
import Testing
@testable import GyreREPL

@Suite struct NotebookParserTests {
    static let text = """
        #' # A study
        #' Intro prose.
        seed = 1
        x = 2

        #%% Data
        #' Load the data.
        d = load(seed)
        #'
        #' More prose in the middle.
        e = d

        #%%
        plot(e)
        #%% Only prose
        #' Nothing to run.

        """

    @Test func cellsTitlesAndLineNumbers() throws {
        let notebook = try Notebook(parsing: NotebookParserTests.text, name: "study.nb")
        #expect(notebook.cells.map(\.number) == [1, 2, 3, 4])
        #expect(notebook.cells.map(\.title) == [nil, "Data", nil, "Only prose"])
        #expect(notebook.cells.map(\.markerLine) == [nil, 6, 13, 15])
        #expect(notebook.cells.map(\.firstCodeLine) == [3, 8, 14, nil])
        #expect(notebook.cells[0].code == "seed = 1\nx = 2")
        // Prose inside code becomes empty lines so line numbers stay the file's.
        #expect(notebook.cells[1].code == "d = load(seed)\n\n\ne = d")
        #expect(notebook.cells[3].code == "")
    }

    @Test func proseSegments() throws {
        let notebook = try Notebook(parsing: NotebookParserTests.text, name: "study.nb")
        #expect(notebook.cells[0].segments == [.prose("# A study\nIntro prose.", line: 1), .code("seed = 1\nx = 2", line: 3)])
        #expect(notebook.cells[1].segments == [
            .prose("Load the data.", line: 7), .code("d = load(seed)", line: 8),
            .prose("\nMore prose in the middle.", line: 9), .code("e = d", line: 11),
        ])
    }

    @Test func parametersCell() throws {
        let marked = try Notebook(parsing: "a = 1\n#%% parameters\nb = 2\n#%% Run\nc = 3\n", name: "n.nb")
        #expect(marked.cells[1].isParameters)
        #expect(marked.parametersCellIndex == 1)
        let tagged = try Notebook(parsing: "#' intro\n#%% Settings [parameters]\nb = 2\n", name: "n.nb")
        #expect(tagged.cells[1].title == "Settings" && tagged.cells[1].isParameters)
        // Without a mark, the first cell with code.
        let plain = try Notebook(parsing: "#' only prose\n#%% A\nq = 1\n#%% B\nr = 2\n", name: "n.nb")
        #expect(plain.parametersCellIndex == 1)
    }

    @Test func secondParametersCellIsAnError() {
        #expect(throws: GyreError.notebook(file: "n.nb", line: 3, message: "a second parameters cell (the first is at line 1)")) {
            try Notebook(parsing: "#%% parameters\na = 1\n#%% parameters\n", name: "n.nb")
        }
    }

    @Test func edgeCases() throws {
        #expect(try Notebook(parsing: "", name: "e.nb").cells.isEmpty)
        let crlf = try Notebook(parsing: "x = 1\r\n#%%  Spaced title  \r\n#'no space\r\n", name: "c.nb")
        #expect(crlf.cells.count == 2)
        #expect(crlf.cells[1].title == "Spaced title")
        #expect(crlf.cells[1].lines == [NotebookLine(number: 3, kind: .prose, text: "no space")])
        // Only column 0 counts; an indented marker or a plain comment is code.
        let indented = try Notebook(parsing: "  #%% not a cell\n# comment\n", name: "i.nb")
        #expect(indented.cells.count == 1 && indented.cells[0].lines.allSatisfy { $0.kind == .code })
        // A leading blank line does not create an empty first cell.
        #expect(try Notebook(parsing: "\n#%% A\nx\n", name: "b.nb").cells.map(\.title) == ["A"])
    }

    @Test func loadReportsMissingFile() {
        #expect(throws: GyreError.io("cannot read notebook /nonexistent/x.nb: No such file or directory")) {
            try Notebook.load(path: "/nonexistent/x.nb")
        }
    }
}
