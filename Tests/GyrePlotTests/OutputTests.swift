import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GyrePlot

@Suite("Files: PNG, SVG, PDF, errors")
struct OutputTests {
    private func sampleFigure(width: Double = 3, height: Double = 2, dpi: Double = 150) throws -> Figure {
        let fig = Figure(width: width, height: height, dpi: dpi)
        try fig.axes[0].plot(y: [1, 4, 2, 5], label: "σ(x)")
        fig.axes[0].title = "α and λ"
        return fig
    }

    @Test("PNG has the signature and IHDR size inches × dpi")
    func png() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/figure.png"
        try sampleFigure().save(to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: data[12..<16], as: UTF8.self) == "IHDR")
        #expect(TestSupport.uint32BE(data, at: 16) == 450)
        #expect(TestSupport.uint32BE(data, at: 20) == 300)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(leftovers == ["figure.png"])
    }

    @Test("SVG parses as XML")
    func svg() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/figure.svg"
        try sampleFigure().save(to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(String(decoding: data.prefix(200), as: UTF8.self).contains("<svg"))
    }

    @Test("PDF starts with %PDF and ends with %%EOF")
    func pdf() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/figure.PDF"
        try sampleFigure().save(to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(String(decoding: data.prefix(5), as: UTF8.self) == "%PDF-")
        let tail = String(decoding: data.suffix(16), as: UTF8.self)
        #expect(tail.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("%%EOF"))
    }

    @Test("saving replaces an existing file")
    func replaces() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/figure.png"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try sampleFigure().save(to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count > 100 && data.first == 0x89)
    }

    @Test("unsupported extensions are refused with a clear message", arguments: ["a.jpg", "noextension", "b.png.txt", ""])
    func unsupported(path: String) throws {
        let error = #expect(throws: PlotError.self) { try sampleFigure().save(to: path) }
        guard case let .unsupportedFormat(p, _)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(p == path)
        #expect(error?.description.contains("use .png, .svg or .pdf") == true)
    }

    @Test("unwritable paths are refused with a clear message")
    func unwritable() throws {
        let missing = "/nonexistent-gyre-folder/x.png"
        let error = #expect(throws: PlotError.self) { try sampleFigure().save(to: missing) }
        #expect(error?.description.contains("does not exist") == true)
        let folder = try TestSupport.temporaryFolder()
        let blocker = folder + "/dir.png"
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        let error2 = #expect(throws: PlotError.self) { try sampleFigure().save(to: blocker) }
        #expect(error2?.description.contains("cannot write figure") == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(leftovers == ["dir.png"])
    }

    @Test("pngData and data URIs")
    func inMemory() throws {
        let fig = try sampleFigure()
        let data = try fig.pngData()
        #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(try fig.pngDataURI().hasPrefix("data:image/png;base64,iVBOR"))
        #expect(try FigureFormat(path: "x.SVG") == .svg)
    }

    @Test("invalid figure sizes throw instead of crashing", arguments: [
        (0.0, 2.0, 100.0), (-1, 2, 100), (3, 2, 0), (.nan, 2, 100), (3, .infinity, 100), (300, 300, 100), (3, 2, 1e6),
    ])
    func invalidSizes(w: Double, h: Double, dpi: Double) {
        let fig = Figure(width: w, height: h, dpi: dpi)
        #expect(throws: PlotError.self) { try fig.pngData() }
        #expect(throws: PlotError.self) { try fig.data(format: .svg) }
        #expect(fig.summary.contains("invalid size"))
    }
}
