import Foundation

/// Renders a run as Markdown: a header (notebook, Gyre version, date, parameters,
/// result), then per cell its title, prose, code, output, error and figures.
struct ReportMarkdown {
    enum Flavor {
        /// `report.md`: figures as `fig-<cell>-<k>.png` links, plain output fences.
        case file
        /// Input for `report.html`: figures as data URIs, fences tagged for styling.
        case html
    }

    let run: NotebookRun
    let options: ReportOptions
    let flavor: Flavor

    func render() -> String {
        var blocks = [header()]
        for (cell, outcome) in zip(run.notebook.cells, run.outcomes) {
            blocks.append(contentsOf: cellBlocks(cell, outcome))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func header() -> String {
        let date = ISO8601DateFormatter.string(from: options.date, timeZone: .current,
                                               formatOptions: [.withInternetDateTime])
        var lines = [
            "**Notebook:** \(ReportMarkdown.code(run.notebook.name))",
            "**Gyre:** \(ReportMarkdown.escape(options.gyreVersion))",
            "**Date:** \(date)",
        ]
        if !run.parameters.isEmpty {
            let values = run.parameters.map { parameter in
                ReportMarkdown.code("\(parameter.name) = \(parameter.value)") + (parameter.overridden ? " (set with -p)" : "")
            }
            lines.append("**Parameters:** " + values.joined(separator: ", "))
        }
        lines.append("**Result:** " + resultSummary())
        return lines.joined(separator: "  \n") + "\n\n---"
    }

    private func resultSummary() -> String {
        let ran = run.outcomes.filter { $0.status != .noCode && $0.status != .skipped }.count
        let seconds = run.outcomes.reduce(0) { $0 + $1.seconds }
        let time = String(format: "%.1f s", seconds)
        if run.succeeded { return "\(ran) cells ran successfully in \(time)" }
        let failed = run.failedCells.map(String.init).joined(separator: ", ")
        let verb = run.wasInterrupted ? "interrupted in" : "failed in"
        let skipped = run.outcomes.filter { $0.status == .skipped }.count
        return "\(verb) cell \(failed) (\(ran) cells ran" + (skipped > 0 ? ", \(skipped) not run)" : ")")
    }

    private func cellBlocks(_ cell: NotebookCell, _ outcome: CellOutcome) -> [String] {
        var blocks: [String] = []
        if let title = cell.title { blocks.append("## \(ReportMarkdown.escape(title))") }
        for segment in cell.segments {
            switch segment {
            case .prose(let text, _):
                if !text.allSatisfy(\.isWhitespace) { blocks.append(text) }
            case .code(let text, _):
                if options.includeCode { blocks.append(ReportMarkdown.fence(text, info: "gyre")) }
            }
        }
        let output = outcome.output.hasSuffix("\n") ? String(outcome.output.dropLast()) : outcome.output
        if !output.isEmpty { blocks.append(ReportMarkdown.fence(output, info: flavor == .html ? "output" : "")) }
        if let error = outcome.error {
            let label = outcome.status == .interrupted ? "**Interrupted:**" : "**Error:**"
            blocks.append(label + "\n\n" + ReportMarkdown.fence(error, info: flavor == .html ? "error" : ""))
        }
        if outcome.status == .skipped { blocks.append("*Not run: an earlier cell failed.*") }
        for (offset, figure) in outcome.figures.enumerated() {
            let k = offset + 1
            let alt = ReportMarkdown.escape(figure.name ?? "Figure \(k) of cell \(cell.number)")
            let source = flavor == .file ? "fig-\(cell.number)-\(k).png"
                : "data:image/png;base64," + figure.png.base64EncodedString()
            blocks.append("![\(alt)](\(source))")
        }
        return blocks
    }

    /// A fenced block whose fence is longer than any backtick run inside.
    static func fence(_ text: String, info: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let marks = String(repeating: "`", count: max(3, longest + 1))
        return marks + info + "\n" + text + "\n" + marks
    }

    /// Inline code that survives backticks inside.
    static func code(_ text: String) -> String {
        let marks = text.contains("`") ? "`` " : "`"
        return marks + text + String(marks.reversed())
    }

    /// Escapes Markdown punctuation in plain text (titles, alt text).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#!|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

/// The HTML page around cmark's output.
enum ReportHTML {
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="gyre">
        <title>\(escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    static let css = """
        body { margin: 0; background: #fff; color: #222; font: 16px/1.5 system-ui, -apple-system, "DejaVu Sans", sans-serif; }
        main { max-width: 54rem; margin: 2rem auto; padding: 0 1rem; }
        h1, h2, h3 { line-height: 1.25; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2.2rem; }
        pre { background: #f6f8fa; padding: .7rem .9rem; overflow-x: auto; border-radius: 4px; font-size: 14px; line-height: 1.4; }
        code { font-family: "DejaVu Sans Mono", ui-monospace, monospace; }
        pre code.language-gyre { color: #1a3a6b; }
        pre:has(code.language-output) { background: #fff; border: 1px solid #e3e3e3; }
        pre:has(code.language-error) { background: #fff4f4; border: 1px solid #e8b4b4; color: #8a1010; }
        img { max-width: 100%; height: auto; display: block; margin: 1rem 0; }
        hr { border: 0; border-top: 1px solid #ddd; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; }
        """

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
