import Foundation

/// Rendering and saving. Every entry point lays out and draws with the same code; only
/// the Cairo surface differs (image for PNG and pixels, SVG, PDF).
extension Figure {
    /// Renders into memory: pixels plus the layout (data → pixel transforms).
    public func render() throws -> RenderedFigure {
        let (canvas, geometry) = try drawOnImage()
        let (w, h, argb) = try canvas.pixels()
        return RenderedFigure(width: w, height: h, argb: argb,
                              layout: FigureLayout(geometry, pixelWidth: w, pixelHeight: h, scale: dpi / 72))
    }

    /// Where everything would land in a PNG of this figure, without keeping the pixels.
    public func layout() throws -> FigureLayout {
        let (w, h) = try checkedPixelSize()
        let canvas = try CairoCanvas(.image(width: 1, height: 1))
        canvas.scale(dpi / 72)
        let geometry = LayoutEngine.layout(self, scale: dpi / 72, canvas)
        return FigureLayout(geometry, pixelWidth: w, pixelHeight: h, scale: dpi / 72)
    }

    /// PNG bytes (e.g. for a `data:image/png;base64,…` URI in a report).
    public func pngData() throws -> Data {
        try drawOnImage().canvas.pngData()
    }

    /// `data:image/png;base64,…` for embedding in HTML or Markdown.
    public func pngDataURI() throws -> String {
        "data:image/png;base64," + (try pngData()).base64EncodedString()
    }

    /// The figure encoded as `format`.
    public func data(format: FigureFormat) throws -> Data {
        switch format {
        case .png:
            return try pngData()
        case .svg, .pdf:
            _ = try checkedPixelSize()
            let (w, h) = (width * 72, height * 72)
            let canvas = try CairoCanvas(format == .svg ? .svg(width: w, height: h) : .pdf(width: w, height: h))
            FigureRenderer.draw(LayoutEngine.layout(self, scale: 1, canvas), scale: 1, on: canvas)
            return try canvas.finishDocument()
        }
    }

    /// Saves to `path` in the format its extension names (`.png`, `.svg`, `.pdf`),
    /// atomically: an existing file is replaced only once the new one is complete.
    public func save(to path: String) throws {
        let format = try FigureFormat(path: path)
        try AtomicFile.write(try data(format: format), to: path)
    }

    private func checkedPixelSize() throws -> (Int, Int) {
        if let problem = validated() { throw PlotError.invalidFigure(problem) }
        return pixelSize
    }

    private func drawOnImage() throws -> (canvas: CairoCanvas, geometry: FigureGeometry) {
        let (w, h) = try checkedPixelSize()
        let canvas = try CairoCanvas(.image(width: w, height: h))
        let scale = dpi / 72
        canvas.save()
        canvas.scale(scale)
        let geometry = LayoutEngine.layout(self, scale: scale, canvas)
        FigureRenderer.draw(geometry, scale: scale, on: canvas)
        canvas.restore()
        return (canvas, geometry)
    }
}

/// A file format a figure can be saved in.
public enum FigureFormat: String, Sendable, CaseIterable {
    case png
    case svg
    case pdf

    /// The format named by `path`'s extension (case-insensitive).
    ///
    ///     try FigureFormat(path: "out/loss.PNG") == .png
    public init(path: String) throws {
        let ext = URL(fileURLWithPath: path).pathExtension
        guard let format = FigureFormat(rawValue: ext.lowercased()) else {
            throw PlotError.unsupportedFormat(path: path, extension: ext)
        }
        self = format
    }

    public var mimeType: String {
        switch self {
        case .png: return "image/png"
        case .svg: return "image/svg+xml"
        case .pdf: return "application/pdf"
        }
    }
}
