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
/// are (image, oy, ox). `unfold` is parallel over (row, image) pairs; `fold` over
/// (image, channel) planes, which are disjoint in the output (race-free, and parallel
/// even for a 3-channel first layer).
///
/// Each output row is split once into a zero-padded head, a valid middle and a padded
/// tail (`validRange`), so the inner loops carry no bounds test and the stride-1 middle
/// is a plain copy (add, for `fold`) that vectorises.
enum Im2col {
    /// The `ox` range whose input column `ox·sw − pw + kj` lies inside `0..<w`.
    @inline(__always)
    static func validRange(_ g: ConvGeometry, kj: Int) -> Range<Int> {
        let off = kj - g.pw                       // input column of ox = 0
        let lo = off >= 0 ? 0 : Swift.min(g.wo, (-off + g.sw - 1) / g.sw)
        let last = g.w - 1 - off                  // ox·sw ≤ last
        let hi = last < 0 ? 0 : Swift.min(g.wo, last / g.sw + 1)
        return lo..<Swift.max(lo, hi)
    }

    static func unfold(_ x: UnsafePointer<Float>, _ g: ConvGeometry, images: Range<Int>,
                       into cols: UnsafeMutablePointer<Float>) {
        let hw = g.ho * g.wo, nimg = images.count, ld = nimg * hw, rows = g.c * g.kh * g.kw
        let plane = g.h * g.w
        Parallel.chunks(rows * nimg, grain: Swift.max(1, (1 << 15) / Swift.max(hw, 1))) { r in
            for q in r {
                let row = q / nimg, slot = q % nimg
                let c = row / (g.kh * g.kw), ki = (row / g.kw) % g.kh, kj = row % g.kw
                let valid = validRange(g, kj: kj)
                let src = x + ((images.lowerBound + slot) * g.c + c) * plane
                let dst = cols + row * ld + slot * hw
                for oy in 0..<g.ho {
                    let y = oy * g.sh - g.ph + ki
                    let d = dst + oy * g.wo
                    if y < 0 || y >= g.h { d.update(repeating: 0, count: g.wo); continue }
                    let s = src + y * g.w + (kj - g.pw)
                    for ox in 0..<valid.lowerBound { d[ox] = 0 }
                    if g.sw == 1 {
                        for ox in valid { d[ox] = s[ox] }
                    } else if g.sw == 2 {
                        // Input offset of `s` within the plane bounds the 16-float loads.
                        stride2(s, d, valid, room: plane - (y * g.w + kj - g.pw))
                    } else {
                        let sw = g.sw
                        for ox in valid { d[ox] = s[ox &* sw] }
                    }
                    for ox in valid.upperBound..<g.wo { d[ox] = 0 }
                }
            }
        }
    }

    /// d[ox] = s[2·ox] over `valid`: eight at a time from one 16-float load (its even lanes)
    /// while the load stays within the `room` floats readable from `s`, then one by one.
    @inline(__always)
    static func stride2(_ s: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ valid: Range<Int>, room: Int) {
        var ox = valid.lowerBound
        let src = UnsafeRawPointer(s), dst = UnsafeMutableRawPointer(d)
        while ox + 8 <= valid.upperBound && 2 * ox + 16 <= room {
            let v = src.loadUnaligned(fromByteOffset: 8 * ox, as: SIMD16<Float>.self)
            dst.storeBytes(of: v.evenHalf, toByteOffset: 4 * ox, as: SIMD8<Float>.self)
            ox += 8
        }
        while ox < valid.upperBound { d[ox] = s[2 &* ox]; ox += 1 }
    }

    /// Adds the columns back into image positions (the adjoint of `unfold`).
    static func fold(_ cols: UnsafePointer<Float>, _ g: ConvGeometry, images: Range<Int>,
                     into x: UnsafeMutablePointer<Float>) {
        let hw = g.ho * g.wo, nimg = images.count, ld = nimg * hw
        let plane = g.h * g.w, work = g.kh * g.kw * hw
        Parallel.chunks(nimg * g.c, grain: Swift.max(1, (1 << 15) / Swift.max(work, 1))) { r in
            for q in r {
                let slot = q / g.c, c = q % g.c
                let dst = x + ((images.lowerBound + slot) * g.c + c) * plane
                for ki in 0..<g.kh {
                    for kj in 0..<g.kw {
                        let row = (c * g.kh + ki) * g.kw + kj
                        let valid = validRange(g, kj: kj)
                        let src = cols + row * ld + slot * hw
                        for oy in 0..<g.ho {
                            let y = oy * g.sh - g.ph + ki
                            if y < 0 || y >= g.h { continue }
                            let d = dst + y * g.w + (kj - g.pw), s = src + oy * g.wo
                            if g.sw == 1 {
                                for ox in valid { d[ox] += s[ox] }
                            } else {
                                let sw = g.sw
                                for ox in valid { d[ox * sw] += s[ox] }
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
