/// An 8-bit straight-alpha colour read back from a rendered figure.
public struct RGBA8: Sendable, Equatable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    public var alpha: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Mean of the three channels, 0 (black) … 255 (white).
    public var brightness: Double { (Double(red) + Double(green) + Double(blue)) / 3 }

    public var description: String { "RGBA(\(red), \(green), \(blue), \(alpha))" }
}

/// A figure rendered into memory: Cairo ARGB32 pixels plus where everything landed.
public struct RenderedFigure: Sendable {
    public let width: Int
    public let height: Int
    /// Premultiplied ARGB32 in native byte order (`0xAARRGGBB`), row-major, `width * height`.
    public let argb: [UInt32]
    public let layout: FigureLayout

    init(width: Int, height: Int, argb: [UInt32], layout: FigureLayout) {
        self.width = width
        self.height = height
        self.argb = argb
        self.layout = layout
    }

    /// The pixel at column `x`, row `y`, or `nil` outside the image.
    public func pixel(x: Int, y: Int) -> RGBA8? {
        guard x >= 0, y >= 0, x < width, y < height, argb.count == width * height else { return nil }
        let v = argb[y * width + x]
        let a = UInt8(v >> 24)
        func channel(_ shift: UInt32) -> UInt8 {
            let c = Double((v >> shift) & 0xFF)
            return a == 0 ? 0 : UInt8(min(255, (c * 255 / Double(a)).rounded()))
        }
        return RGBA8(red: channel(16), green: channel(8), blue: channel(0), alpha: a)
    }

    /// The pixel containing drawing position `p` (as given by `AxesLayout.pixel`).
    public func pixel(at p: Point) -> RGBA8? {
        guard p.x.isFinite, p.y.isFinite, abs(p.x) < 1e9, abs(p.y) < 1e9 else { return nil }
        return pixel(x: Int(p.x.rounded(.down)), y: Int(p.y.rounded(.down)))
    }
}
