/// An image to draw: `Float` samples in [0, 1], greyscale (1 channel), RGB (3) or RGBA (4).
///
/// The default layout is channel-planar **CHW** — `pixels[c * height * width + y * width + x]` —
/// which is exactly one image of an NCHW tensor, so the builtins can pass a slice without
/// reordering. Interleaved **HWC** (`pixels[(y * width + x) * channels + c]`) is also accepted.
/// Values outside [0, 1] are clamped; NaN draws as transparent.
///
///     let img = try PlotImage(width: 2, height: 1, channels: 1, pixels: [0, 1])
public struct PlotImage: Sendable, Equatable {
    public enum Layout: Sendable, Equatable {
        case chw
        case hwc
    }

    public let width: Int
    public let height: Int
    public let channels: Int
    public let layout: Layout
    public let pixels: [Float]

    public init(width: Int, height: Int, channels: Int, pixels: [Float], layout: Layout = .chw) throws {
        guard width >= 0, height >= 0 else {
            throw PlotError.invalidData("image size must not be negative, got \(width)×\(height)")
        }
        guard [1, 3, 4].contains(channels) else {
            throw PlotError.invalidData("an image needs 1, 3 or 4 channels, got \(channels)")
        }
        let (area, overflow1) = width.multipliedReportingOverflow(by: height)
        let (expected, overflow2) = area.multipliedReportingOverflow(by: channels)
        guard !overflow1, !overflow2, pixels.count == expected else {
            throw PlotError.invalidData(
                "a \(width)×\(height) image with \(channels) channel(s) needs \(width)×\(height)×\(channels) values, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
        self.layout = layout
    }

    public var isGrayscale: Bool { channels == 1 }

    /// Sample at column `x`, row `y`, channel `c` (indices must be in range).
    @inline(__always)
    func sample(_ x: Int, _ y: Int, _ c: Int) -> Float {
        switch layout {
        case .chw: return pixels[(c * height + y) * width + x]
        case .hwc: return pixels[(y * width + x) * channels + c]
        }
    }

    /// Premultiplied ARGB32 pixels, row-major, `width * height` entries.
    /// Greyscale goes through `colormap` with `lower`→0 and `upper`→1.
    func argbPixels(colormap: Colormap, lower: Double, upper: Double) -> [UInt32] {
        let count = width * height
        guard count > 0 else { return [] }
        var out = [UInt32](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<height {
                for x in 0..<width {
                    buffer[y * width + x] = pixel(x, y, colormap: colormap, lower: lower, upper: upper)
                }
            }
        }
        return out
    }

    @inline(__always)
    private func pixel(_ x: Int, _ y: Int, colormap: Colormap, lower: Double, upper: Double) -> UInt32 {
        if channels == 1 {
            return colormap.argb(Double(sample(x, y, 0)), lower: lower, upper: upper)
        }
        let r = sample(x, y, 0), g = sample(x, y, 1), b = sample(x, y, 2)
        let a: Float = channels == 4 ? sample(x, y, 3) : 1
        if r.isNaN || g.isNaN || b.isNaN || a.isNaN { return 0 }
        let alpha = PlotImage.unit(a)
        let a8 = UInt32((alpha * 255).rounded())
        let r8 = UInt32((PlotImage.unit(r) * alpha * 255).rounded())
        let g8 = UInt32((PlotImage.unit(g) * alpha * 255).rounded())
        let b8 = UInt32((PlotImage.unit(b) * alpha * 255).rounded())
        return (a8 << 24) | (r8 << 16) | (g8 << 8) | b8
    }

    @inline(__always)
    private static func unit(_ v: Float) -> Float { min(1, max(0, v)) }
}
