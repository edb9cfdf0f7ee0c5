import Foundation

/// What goes into a report besides the run itself.
public struct ReportOptions: Sendable {
    /// Include each cell's code (`--no-code` turns it off).
    public var includeCode: Bool
    /// Recorded in the header.
    public var gyreVersion: String
    /// Recorded in the header.
    public var date: Date

    public init(includeCode: Bool = true, gyreVersion: String, date: Date = Date()) {
        self.includeCode = includeCode
        self.gyreVersion = gyreVersion
        self.date = date
    }
}

/// Writes `DIR/report.md`, `DIR/report.html` and `DIR/fig-<cell>-<k>.png` for a run.
///
/// Everything is first written into a staging folder inside `DIR` (same file system),
/// then renamed into place, figures first and `report.md` last; stale `fig-*-*.png`
/// files of an earlier report are removed afterwards. A failure while writing leaves
/// an existing report untouched. Other files in `DIR` are never touched.
public struct ReportWriter {
    public var options: ReportOptions
    /// Called with each file name before it is staged; tests use it to make a write fail.
    var beforeStaging: ((String) throws -> Void)?

    public init(options: ReportOptions) {
        self.options = options
    }

    /// The figure files of a run: (cell number, k, file name, figure).
    static func figureFiles(_ run: NotebookRun) -> [(cell: Int, k: Int, file: String, figure: KernelFigure)] {
        var files: [(Int, Int, String, KernelFigure)] = []
        for (cell, outcome) in zip(run.notebook.cells, run.outcomes) {
            for (offset, figure) in outcome.figures.enumerated() {
                files.append((cell.number, offset + 1, "fig-\(cell.number)-\(offset + 1).png", figure))
            }
        }
        return files
    }

    /// `report.md`: figures linked as files next to it.
    public func markdown(for run: NotebookRun) -> String {
        ReportMarkdown(run: run, options: options, flavor: .file).render()
    }

    /// `report.html`: self-contained, figures as data URIs.
    public func html(for run: NotebookRun) -> String {
        let body = markdownToHTML(ReportMarkdown(run: run, options: options, flavor: .html).render())
        return ReportHTML.page(title: "\(run.notebook.name) — Gyre report", body: body)
    }

    /// Writes the report into `directory` (created if needed), replacing an earlier one
    /// only once the new one is complete.
    public func write(_ run: NotebookRun, to directory: String) throws {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GyreError.io("cannot create report folder \(directory): \(Notebook.reason(error))")
        }
        let staging = try makeStagingDirectory(in: directory)
        defer { try? fileManager.removeItem(atPath: staging) }

        var files: [(name: String, data: Data)] = ReportWriter.figureFiles(run).map { ($0.file, $0.figure.png) }
        files.append(("report.html", Data(html(for: run).utf8)))
        files.append(("report.md", Data(markdown(for: run).utf8)))  // last: it is what readers open
        for file in files {
            try beforeStaging?(file.name)
            try ReportWriter.writeDurably(file.data, to: (staging as NSString).appendingPathComponent(file.name))
        }
        for file in files {
            let from = (staging as NSString).appendingPathComponent(file.name)
            let to = (directory as NSString).appendingPathComponent(file.name)
            guard rename(from, to) == 0 else {
                throw GyreError.io("cannot move \(file.name) into \(directory): \(String(cString: strerror(errno)))")
            }
        }
        removeStaleFigures(in: directory, keeping: Set(files.map(\.name)))
    }

    private func makeStagingDirectory(in directory: String) throws -> String {
        var template = Array(((directory as NSString).appendingPathComponent(".gyre-report-XXXXXX")).utf8CString)
        guard let made = mkdtemp(&template) else {
            throw GyreError.io("cannot write into report folder \(directory): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Writes and fsyncs a new file.
    static func writeDurably(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw GyreError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            throw GyreError.io("cannot write \(path): \(Notebook.reason(error))")
        }
    }

    private func removeStaleFigures(in directory: String, keeping: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where !keeping.contains(name) && ReportWriter.isFigureFileName(name) {
            unlink((directory as NSString).appendingPathComponent(name))
        }
    }

    /// `fig-<digits>-<digits>.png`
    static func isFigureFileName(_ name: String) -> Bool {
        guard name.hasPrefix("fig-"), name.hasSuffix(".png") else { return false }
        let parts = name.dropFirst(4).dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
