import Foundation
@testable import GyrePlot

/// Helpers shared by the pixel and file tests.
enum TestSupport {
    /// A fresh empty folder under the system temporary directory.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "gyreplot-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A solid-colour RGB image in CHW layout.
    static func solidImage(_ r: Float, _ g: Float, _ b: Float, width: Int = 8, height: Int = 8) throws -> PlotImage {
        let plane = width * height
        let pixels = [Float](repeating: r, count: plane) + [Float](repeating: g, count: plane)
            + [Float](repeating: b, count: plane)
        return try PlotImage(width: width, height: height, channels: 3, pixels: pixels)
    }

    /// Pixels darker than `threshold` inside `rect` (clamped to the image).
    static func darkPixels(_ r: RenderedFigure, in rect: Rect, threshold: Double = 110) -> Int {
        let x0 = max(0, Int(rect.minX.rounded(.down))), x1 = min(r.width, Int(rect.maxX.rounded(.up)))
        let y0 = max(0, Int(rect.minY.rounded(.down))), y1 = min(r.height, Int(rect.maxY.rounded(.up)))
        guard x0 < x1, y0 < y1 else { return 0 }
        var count = 0
        for y in y0..<y1 {
            for x in x0..<x1 where (r.pixel(x: x, y: y)?.brightness ?? 255) < threshold {
                count += 1
            }
        }
        return count
    }

    static func isReddish(_ p: RGBA8?) -> Bool {
        guard let p else { return false }
        return p.red > 200 && p.green < 90 && p.blue < 90
    }

    /// Sum of absolute channel differences (alpha ignored).
    static func distance(_ a: RGBA8, _ b: RGBA8) -> Int {
        let dr = abs(Int(a.red) - Int(b.red)), dg = abs(Int(a.green) - Int(b.green))
        return dr + dg + abs(Int(a.blue) - Int(b.blue))
    }

    /// Big-endian UInt32 at `offset`.
    static func uint32BE(_ data: Data, at offset: Int) -> UInt32 {
        let bytes = [UInt8](data[data.startIndex + offset..<data.startIndex + offset + 4])
        return bytes.reduce(0) { ($0 << 8) | UInt32($1) }
    }
}
