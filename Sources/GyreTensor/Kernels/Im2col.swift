/// The geometry of a 2-d convolution or pooling window over NCHW tensors.
public struct ConvGeometry: Equatable, Sendable {
    public let n, c, h, w: Int          // input
    public let kh, kw: Int              // window
    public let sh, sw, ph, pw: Int      // stride and zero padding
    public var ho: Int { (h + 2 * ph - kh) / sh + 1 }
    public var wo: Int { (w + 2 * pw - kw) / sw + 1 }

    public init(input: [Int], kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int), op: String) throws {
        guard input.count == 4 else {
            throw TensorError(op, "expected an NCHW input of rank 4, got shape \(Shape.describe(input))")
        }
        guard stride.0 > 0, stride.1 > 0, padding.0 >= 0, padding.1 >= 0, kernel.0 > 0, kernel.1 > 0 else {
            throw TensorError(op, "kernel and stride must be positive and padding non-negative")
        }
        guard input.allSatisfy({ $0 >= 0 }) else {
            throw TensorError(op, "negative dimension in shape \(Shape.describe(input))")
        }
        (n, c, h, w) = (input[0], input[1], input[2], input[3])
        (kh, kw, sh, sw, ph, pw) = (kernel.0, kernel.1, stride.0, stride.1, padding.0, padding.1)
        guard h + 2 * ph >= kh, w + 2 * pw >= kw else {
            throw TensorError(op, "a \(kh)×\(kw) window does not fit input \(Shape.describe(input)) with padding (\(ph), \(pw))")
        }
    }
}

/// im2col / col2im over a chunk of images: column matrix rows are (c, ki, kj), columns
/// are (image, oy, ox). Parallel over rows (im2col) or channels (col2im, race-free).
enum Im2col {
    static func unfold(_ x: UnsafePointer<Float>, _ g: ConvGeometry, images: Range<Int>,
                       into cols: UnsafeMutablePointer<Float>) {
        let hw = g.ho * g.wo, ld = images.count * hw, rows = g.c * g.kh * g.kw
        Parallel.chunks(rows, grain: max(1, (1 << 14) / max(ld, 1))) { r in
            for row in r {
                let c = row / (g.kh * g.kw), ki = (row / g.kw) % g.kh, kj = row % g.kw
                for (slot, img) in images.enumerated() {
                    let src = x + (img * g.c + c) * g.h * g.w
                    let dst = cols + row * ld + slot * hw
                    for oy in 0..<g.ho {
                        let y = oy * g.sh - g.ph + ki
                        let d = dst + oy * g.wo
                        if y < 0 || y >= g.h { for ox in 0..<g.wo { d[ox] = 0 }; continue }
                        let s = src + y * g.w
                        if g.sw == 1 {
                            let x0 = kj - g.pw
                            for ox in 0..<g.wo { let xx = x0 + ox; d[ox] = (xx >= 0 && xx < g.w) ? s[xx] : 0 }
                        } else {
                            for ox in 0..<g.wo { let xx = ox * g.sw - g.pw + kj; d[ox] = (xx >= 0 && xx < g.w) ? s[xx] : 0 }
                        }
                    }
                }
            }
        }
    }

    /// Adds the columns back into image positions (the adjoint of `unfold`).
    static func fold(_ cols: UnsafePointer<Float>, _ g: ConvGeometry, images: Range<Int>,
                     into x: UnsafeMutablePointer<Float>) {
        let hw = g.ho * g.wo, ld = images.count * hw
        Parallel.chunks(g.c, grain: 1) { r in
            for c in r {
                for ki in 0..<g.kh {
                    for kj in 0..<g.kw {
                        let row = (c * g.kh + ki) * g.kw + kj
                        for (slot, img) in images.enumerated() {
                            let dst = x + (img * g.c + c) * g.h * g.w
                            let src = cols + row * ld + slot * hw
                            for oy in 0..<g.ho {
                                let y = oy * g.sh - g.ph + ki
                                if y < 0 || y >= g.h { continue }
                                let d = dst + y * g.w, s = src + oy * g.wo
                                for ox in 0..<g.wo {
                                    let xx = ox * g.sw - g.pw + kj
                                    if xx >= 0 && xx < g.w { d[xx] += s[ox] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Images per chunk so that the column buffer stays near 32 MiB.
    static func chunk(_ g: ConvGeometry) -> Int {
        let perImage = g.c * g.kh * g.kw * g.ho * g.wo
        return max(1, min(g.n, (8 << 20) / max(perImage, 1)))
    }
}
