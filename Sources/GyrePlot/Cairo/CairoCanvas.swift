import CCairo
import Foundation

/// What a canvas draws onto. Image sizes are device pixels; SVG and PDF sizes are points.
enum CanvasTarget {
    case image(width: Int, height: Int)
    case svg(width: Double, height: Double)
    case pdf(width: Double, height: Double)
}

/// Horizontal anchor of a text run relative to its origin.
enum TextAnchor {
    case start, middle, end
}

/// Vertical anchor of a text run: the top or bottom of the font box, the middle of
/// capital letters (so numbers centre on tick marks), or the baseline.
enum TextBaseline {
    case top, middle, baseline, bottom
}

/// A font choice: size in points, regular or bold. The family is always DejaVu Sans.
struct TextStyle: Equatable {
    var size: Double
    var bold = false
}

/// The box of a text run: advance width and font ascent/descent.
struct TextSize: Equatable {
    var width: Double
    var ascent: Double
    var descent: Double
    var height: Double { ascent + descent }
}

/// Measures text; the layout engine depends on this, not on Cairo.
protocol TextMeasuring {
    func measure(_ text: String, _ style: TextStyle) -> TextSize
}

/// Collects the bytes Cairo streams out (PNG encoder, SVG and PDF surfaces).
private final class ByteSink {
    var data = Data()
}

/// Cairo's write callback: appends to the `ByteSink` passed as `closure`.
private func appendToSink(_ closure: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<UInt8>?,
                          _ length: UInt32) -> cairo_status_t {
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}

/// The one place GyrePlot talks to Cairo: a surface plus its drawing context, with
/// small Swift-typed drawing operations. Drawing calls never throw; Cairo's status is
/// sticky, so `finish…` checks it once and turns a failure into `PlotError.cairo`.
final class CairoCanvas: TextMeasuring {
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let sink: ByteSink
    private let isImage: Bool
    private var currentFont: TextStyle?

    init(_ target: CanvasTarget) throws {
        let sink = ByteSink()
        let box = Unmanaged.passUnretained(sink).toOpaque()
        let created: OpaquePointer?
        switch target {
        case let .image(width, height):
            created = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        case let .svg(width, height):
            created = cairo_svg_surface_create_for_stream(appendToSink, box, width, height)
        case let .pdf(width, height):
            created = cairo_pdf_surface_create_for_stream(appendToSink, box, width, height)
        }
        guard let surface = created else { throw PlotError.cairo(message: "could not create a surface") }
        if let error = CairoCanvas.error(cairo_surface_status(surface), "creating the surface") {
            cairo_surface_destroy(surface)
            throw error
        }
        if case .pdf = target {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Gyre")
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw PlotError.cairo(message: "could not create a drawing context")
        }
        self.surface = surface
        self.cr = context
        self.sink = sink
        if case .image = target { self.isImage = true } else { self.isImage = false }
        configureText()
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Turns a Cairo status into a Swift error — the only such conversion in GyrePlot.
    private static func error(_ status: cairo_status_t, _ doing: String) -> PlotError? {
        guard status != CAIRO_STATUS_SUCCESS else { return nil }
        let text = cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
        return PlotError.cairo(message: "\(text) (while \(doing))")
    }

    /// Throws if anything drawn so far failed.
    func checkStatus(_ doing: String) throws {
        if let e = CairoCanvas.error(cairo_status(cr), doing) ?? CairoCanvas.error(cairo_surface_status(surface), doing) {
            throw e
        }
    }

    private func configureText() {
        guard let options = cairo_font_options_create() else { return }
        // Unhinted metrics make text widths independent of dpi, so layout is too.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    // MARK: - Output

    /// Finishes a vector surface and returns the SVG or PDF bytes.
    func finishDocument() throws -> Data {
        cairo_show_page(cr)
        try checkStatus("drawing")
        cairo_surface_finish(surface)
        try checkStatus("finishing the document")
        return sink.data
    }

    /// Encodes an image surface as PNG.
    func pngData() throws -> Data {
        try checkStatus("drawing")
        cairo_surface_flush(surface)
        sink.data.removeAll(keepingCapacity: true)
        let status = cairo_surface_write_to_png_stream(surface, appendToSink, Unmanaged.passUnretained(sink).toOpaque())
        if let e = CairoCanvas.error(status, "encoding PNG") { throw e }
        return sink.data
    }

    /// The image surface's pixels: premultiplied ARGB32, row-major, `width * height`.
    func pixels() throws -> (width: Int, height: Int, argb: [UInt32]) {
        try checkStatus("drawing")
        guard isImage else { return (0, 0, []) }
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let base = cairo_image_surface_get_data(surface), w > 0, h > 0 else { return (w, h, []) }
        var out = [UInt32](repeating: 0, count: w * h)
        out.withUnsafeMutableBytes { dst in
            for y in 0..<h {
                let row = UnsafeRawPointer(base + y * stride)
                dst.baseAddress.map { ($0 + y * w * 4).copyMemory(from: row, byteCount: w * 4) }
            }
        }
        return (w, h, out)
    }

    // MARK: - State

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }
    func scale(_ s: Double) { cairo_scale(cr, s, s) }

    func clip(to r: Rect) {
        cairo_new_path(cr)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_clip(cr)
    }

    func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    func setLine(width: Double, dash: [Double] = [], roundCaps: Bool = false) {
        cairo_set_line_width(cr, width)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_set_line_cap(cr, roundCaps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    // MARK: - Paths

    func newPath() { cairo_new_path(cr) }
    func move(to p: Point) { cairo_move_to(cr, p.x, p.y) }
    func line(to p: Point) { cairo_line_to(cr, p.x, p.y) }
    func closePath() { cairo_close_path(cr) }
    func rectangle(_ r: Rect) { cairo_rectangle(cr, r.x, r.y, r.width, r.height) }

    func circle(_ c: Point, radius: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, c.x, c.y, radius, 0, 2 * Double.pi)
        cairo_close_path(cr)
    }

    func roundedRectangle(_ r: Rect, radius: Double) {
        let k = min(radius, r.width / 2, r.height / 2)
        cairo_new_sub_path(cr)
        cairo_arc(cr, r.maxX - k, r.minY + k, k, -Double.pi / 2, 0)
        cairo_arc(cr, r.maxX - k, r.maxY - k, k, 0, Double.pi / 2)
        cairo_arc(cr, r.minX + k, r.maxY - k, k, Double.pi / 2, Double.pi)
        cairo_arc(cr, r.minX + k, r.minY + k, k, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }

    func fill() { cairo_fill(cr) }
    func fillPreserve() { cairo_fill_preserve(cr) }
    func stroke() { cairo_stroke(cr) }

    /// Fills the whole surface (inside the current clip) with `c`.
    func paint(_ c: Color) {
        setColor(c)
        cairo_paint(cr)
    }

    // MARK: - Text

    private func select(_ style: TextStyle) {
        guard currentFont != style else { return }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, style.size)
        currentFont = style
    }

    func measure(_ text: String, _ style: TextStyle) -> TextSize {
        select(style)
        var extents = cairo_text_extents_t()
        var font = cairo_font_extents_t()
        cairo_text_extents(cr, text, &extents)
        cairo_font_extents(cr, &font)
        return TextSize(width: extents.x_advance, ascent: font.ascent, descent: font.descent)
    }

    /// Draws `text` anchored at `origin`, rotated by `angle` radians (counter-clockwise
    /// positive, as text reads bottom-to-top at `+π/2`).
    func drawText(_ text: String, at origin: Point, style: TextStyle, color: Color,
                  anchor: TextAnchor = .start, baseline: TextBaseline = .baseline, angle: Double = 0) {
        guard !text.isEmpty else { return }
        let size = measure(text, style)
        let dx: Double
        switch anchor {
        case .start: dx = 0
        case .middle: dx = -size.width / 2
        case .end: dx = -size.width
        }
        let dy: Double
        switch baseline {
        case .top: dy = size.ascent
        case .middle: dy = 0.365 * style.size  // half the cap height of DejaVu Sans
        case .baseline: dy = 0
        case .bottom: dy = -size.descent
        }
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        cairo_rotate(cr, -angle)
        setColor(color)
        cairo_move_to(cr, dx, dy)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    // MARK: - Images

    /// Draws premultiplied ARGB32 pixels (`width * height`, row-major) stretched over `rect`.
    /// `smooth` interpolates (colour bars); otherwise pixels stay sharp squares.
    func drawImage(_ argb: [UInt32], width: Int, height: Int, in rect: Rect, smooth: Bool) {
        guard width > 0, height > 0, width <= 32767, height <= 32767, argb.count == width * height,
              rect.width > 0, rect.height > 0, rect.width < 1e6, rect.height < 1e6 else { return }
        if !isImage && !smooth {
            // SVG and PDF viewers smooth embedded images; enlarging by whole pixels first
            // keeps heatmap cells and image pixels sharp squares.
            let k = CairoCanvas.vectorUpscale(width: width, height: height, rect: rect)
            if k > 1 {
                drawPixels(CairoCanvas.enlarge(argb, width: width, height: height, by: k), width: width * k,
                           height: height * k, in: rect, smooth: false)
                return
            }
        }
        drawPixels(argb, width: width, height: height, in: rect, smooth: smooth)
    }

    /// Whole-number enlargement giving about 2 image pixels per point, capped at 4 M pixels.
    private static func vectorUpscale(width: Int, height: Int, rect: Rect) -> Int {
        let wanted = Int((max(rect.width / Double(width), rect.height / Double(height)) * 2).rounded(.up))
        let cap = Int((4_000_000 / Double(width * height)).squareRoot())
        return max(1, min(wanted, cap, 64))
    }

    private static func enlarge(_ argb: [UInt32], width: Int, height: Int, by k: Int) -> [UInt32] {
        let w2 = width * k
        var out = [UInt32](repeating: 0, count: w2 * height * k)
        out.withUnsafeMutableBufferPointer { dst in
            argb.withUnsafeBufferPointer { src in
                for y in 0..<height * k {
                    let row = (y / k) * width
                    for x in 0..<w2 { dst[y * w2 + x] = src[row + x / k] }
                }
            }
        }
        return out
    }

    private func drawPixels(_ argb: [UInt32], width: Int, height: Int, in rect: Rect, smooth: Bool) {
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else { return }
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image) else {
            return
        }
        let stride = Int(cairo_image_surface_get_stride(image))
        argb.withUnsafeBytes { src in
            for y in 0..<height {
                src.baseAddress.map { UnsafeMutableRawPointer(data + y * stride).copyMemory(from: $0 + y * width * 4,
                                                                                          byteCount: width * 4) }
            }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(cr)
        cairo_new_path(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(width), rect.height / Double(height))
        cairo_set_source_surface(cr, image, 0, 0)
        if let pattern = cairo_get_source(cr) {
            cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        cairo_paint(cr)
        cairo_restore(cr)
    }
}
