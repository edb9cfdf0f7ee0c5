import Foundation
import GyreTensor

/// torchvision's `RandomResizedCrop`: a box of random area (fraction `scale` of the image)
/// and aspect ratio (log-uniform in `ratio`), resized bilinearly (half-pixel centres, no
/// antialiasing) to `size`×`size`. Not differentiable (the box is discrete).
///
///     var rng = RandomStream(seed: 0)
///     let crops = try RandomResizedCrop()(images, rng: &rng)     // [B, C, 32, 32]
public struct RandomResizedCrop: Sendable {
    public var size: Int
    public var scale: ClosedRange<Float>
    public var ratio: ClosedRange<Float>

    /// Rows i..<i+h and columns j..<j+w of the source image.
    public struct Box: Equatable, Sendable {
        public let i: Int, j: Int, h: Int, w: Int
        public init(i: Int, j: Int, h: Int, w: Int) { self.i = i; self.j = j; self.h = h; self.w = w }
    }

    public init(size: Int = 32, scale: ClosedRange<Float> = 0.08...1, ratio: ClosedRange<Float> = (3.0 / 4.0)...(4.0 / 3.0)) {
        self.size = size
        self.scale = scale
        self.ratio = ratio
    }

    /// One box per image: up to ten tries at a random area and ratio, else a centre crop.
    public func sampleBoxes(_ count: Int, height: Int, width: Int, rng: inout RandomStream) -> [Box] {
        let tries = 10
        let u = rng.uniform([Swift.max(count, 0), tries, 4])
        let area = Float(height * width)
        let logLo = Foundation.log(ratio.lowerBound), logHi = Foundation.log(ratio.upperBound)
        return (0..<Swift.max(count, 0)).map { n in
            for t in 0..<tries {
                let o = (n * tries + t) * 4
                let target = area * (scale.lowerBound + (scale.upperBound - scale.lowerBound) * u[flat: o])
                let aspect = Foundation.exp(logLo + (logHi - logLo) * u[flat: o + 1])
                let wf = (target * aspect).squareRoot().rounded(), hf = (target / aspect).squareRoot().rounded()
                // Bad user ranges (negative scale, ratio ≤ 0) give NaN or ∞: skip to the fallback.
                guard wf >= 1, hf >= 1, wf <= Float(width), hf <= Float(height) else { continue }
                let w = Int(wf), h = Int(hf)
                let i = Swift.min(height - h, Int(u[flat: o + 2] * Float(height - h + 1)))
                let j = Swift.min(width - w, Int(u[flat: o + 3] * Float(width - w + 1)))
                return Box(i: i, j: j, h: h, w: w)
            }
            return centreBox(height: height, width: width)
        }
    }

    /// torchvision's fallback: the whole image, narrowed to the nearest allowed ratio.
    func centreBox(height: Int, width: Int) -> Box {
        let r = Float(width) / Float(height)
        var w = width, h = height
        if r < ratio.lowerBound, ratio.lowerBound > 0 { h = Swift.max(1, Swift.min(height, Int((Float(w) / ratio.lowerBound).rounded()))) }
        else if r > ratio.upperBound, ratio.upperBound > 0 { w = Swift.max(1, Swift.min(width, Int((Float(h) * ratio.upperBound).rounded()))) }
        return Box(i: (height - h) / 2, j: (width - w) / 2, h: h, w: w)
    }

    /// Crops `boxes[n]` of image n and resizes it to size×size.
    public func apply(_ images: Tensor, boxes: [Box]) throws -> Tensor {
        guard images.rank == 4 else {
            throw DataError("random_resized_crop", "images must be [B, C, H, W], got \(Shape.describe(images.shape))")
        }
        let (count, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        guard boxes.count == count else {
            throw DataError("random_resized_crop", "\(boxes.count) boxes for \(count) images")
        }
        for b in boxes where b.i < 0 || b.j < 0 || b.h < 1 || b.w < 1 || b.i + b.h > height || b.j + b.w > width {
            throw DataError("random_resized_crop", "box \(b) does not fit in a \(height)×\(width) image")
        }
        guard size > 0 else { throw DataError("random_resized_crop", "size must be positive, got \(size)") }
        let s = size
        var out = Tensor.zeros([count, channels, s, s])
        images.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for n in 0..<count {
                    let b = boxes[n]
                    let ys = Self.taps(out: s, start: b.i, length: b.h), xs = Self.taps(out: s, start: b.j, length: b.w)
                    for c in 0..<channels {
                        let plane = (n * channels + c) * height * width, outPlane = (n * channels + c) * s * s
                        for y in 0..<s {
                            let (y0, y1, fy) = ys[y]
                            for x in 0..<s {
                                let (x0, x1, fx) = xs[x]
                                let top = src[plane + y0 * width + x0] * (1 - fx) + src[plane + y0 * width + x1] * fx
                                let bottom = src[plane + y1 * width + x0] * (1 - fx) + src[plane + y1 * width + x1] * fx
                                dst[outPlane + y * s + x] = top * (1 - fy) + bottom * fy
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Source positions for bilinear resizing with half-pixel centres (align_corners = false).
    static func taps(out: Int, start: Int, length: Int) -> [(Int, Int, Float)] {
        let scale = Float(length) / Float(out)
        return (0..<out).map { o in
            let src = Swift.max(0, (Float(o) + 0.5) * scale - 0.5)
            let lo = Swift.min(Int(src), length - 1)
            let hi = Swift.min(lo + 1, length - 1)
            return (start + lo, start + hi, src - Float(lo))
        }
    }

    /// Random boxes from `rng`, applied.
    public func callAsFunction(_ images: Tensor, rng: inout RandomStream) throws -> Tensor {
        guard images.rank == 4 else {
            throw DataError("random_resized_crop", "images must be [B, C, H, W], got \(Shape.describe(images.shape))")
        }
        return try apply(images, boxes: sampleBoxes(images.shape[0], height: images.shape[2], width: images.shape[3], rng: &rng))
    }
}

/// Mirror images left–right (the last axis), each with probability p. Not differentiable.
public enum HorizontalFlip {
    /// Flips the images whose `mask` entry is true.
    public static func apply(_ images: Tensor, mask: [Bool]) throws -> Tensor {
        guard images.rank == 4, images.shape[0] == mask.count else {
            throw DataError("horizontal_flip", "images must be [B, C, H, W] with one mask entry each, got \(Shape.describe(images.shape)) and \(mask.count) entries")
        }
        let per = images.count / Swift.max(images.shape[0], 1), w = images.shape[3]
        var out = images
        out.withUnsafeMutableBufferPointer { p in
            for (n, flip) in mask.enumerated() where flip {
                var row = n * per
                while row < (n + 1) * per {
                    var a = row, b = row + w - 1
                    while a < b { p.swapAt(a, b); a += 1; b -= 1 }
                    row += w
                }
            }
        }
        return out
    }

    /// Flips each image with probability `p`.
    public static func random(_ images: Tensor, p: Float = 0.5, rng: inout RandomStream) throws -> Tensor {
        let n = images.rank > 0 ? images.shape[0] : 0
        let u = rng.uniform([n])
        return try apply(images, mask: (0..<n).map { u[flat: $0] < p })
    }
}
