/// Average and max pooling over NCHW tensors, with their adjoints.
extension Tensor {
    /// Mean over each window (zero padding counts towards the mean, as PyTorch's default).
    public static func avgPool2d(_ x: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) throws -> Tensor {
        let g = try ConvGeometry(input: x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding, op: "avg_pool2d")
        let out = Tensor.uninitialized([g.n, g.c, g.ho, g.wo])
        let src = x.ptr, dst = out.ptr, scale = 1 / Float(g.kh * g.kw)
        Parallel.chunks(g.n * g.c, grain: 16) { r in
            for plane in r {
                let s = src + plane * g.h * g.w, d = dst + plane * g.ho * g.wo
                for oy in 0..<g.ho { for ox in 0..<g.wo {
                    var acc: Float = 0
                    for ki in 0..<g.kh {
                        let y = oy * g.sh - g.ph + ki
                        if y < 0 || y >= g.h { continue }
                        for kj in 0..<g.kw {
                            let xx = ox * g.sw - g.pw + kj
                            if xx >= 0 && xx < g.w { acc += s[y * g.w + xx] }
                        }
                    }
                    d[oy * g.wo + ox] = acc * scale
                } }
            }
        }
        return out
    }

    /// The adjoint of `avgPool2d`: each output gradient spread evenly over its window.
    public static func avgPool2dBackward(_ dy: Tensor, inputShape: [Int], kernel: (Int, Int), stride: (Int, Int)? = nil,
                                         padding: (Int, Int) = (0, 0)) throws -> Tensor {
        let g = try ConvGeometry(input: inputShape, kernel: kernel, stride: stride ?? kernel, padding: padding, op: "avg_pool2d_backward")
        guard dy.shape == [g.n, g.c, g.ho, g.wo] else {
            throw TensorError.shapes("avg_pool2d_backward", dy.shape, inputShape, why: "do not fit together")
        }
        let out = Tensor(repeating: 0, shape: inputShape)
        let src = dy.ptr, dst = out.ptr, scale = 1 / Float(g.kh * g.kw)
        Parallel.chunks(g.n * g.c, grain: 16) { r in
            for plane in r {
                let s = src + plane * g.ho * g.wo, d = dst + plane * g.h * g.w
                for oy in 0..<g.ho { for ox in 0..<g.wo {
                    let v = s[oy * g.wo + ox] * scale
                    for ki in 0..<g.kh {
                        let y = oy * g.sh - g.ph + ki
                        if y < 0 || y >= g.h { continue }
                        for kj in 0..<g.kw {
                            let xx = ox * g.sw - g.pw + kj
                            if xx >= 0 && xx < g.w { d[y * g.w + xx] += v }
                        }
                    }
                } }
            }
        }
        return out
    }

    /// Max over each window (padding never wins), with the flat input position of each maximum.
    public static func maxPool2d(_ x: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil,
                                 padding: (Int, Int) = (0, 0)) throws -> (Tensor, [Int32]) {
        let g = try ConvGeometry(input: x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding, op: "max_pool2d")
        guard g.n * g.c * g.h * g.w < Int(Int32.max) else { throw TensorError("max_pool2d", "input too large") }
        // Otherwise a window could lie wholly in the padding and have no maximum.
        guard g.ph < g.kh, g.pw < g.kw else {
            throw TensorError("max_pool2d", "padding (\(g.ph), \(g.pw)) must be smaller than the \(g.kh)×\(g.kw) window")
        }
        let out = Tensor.uninitialized([g.n, g.c, g.ho, g.wo])
        var pos = [Int32](repeating: 0, count: out.count)
        let src = x.ptr, dst = out.ptr
        pos.withUnsafeMutableBufferPointer { pb in
            let pp = pb.baseAddress!
            Parallel.chunks(g.n * g.c, grain: 16) { r in
                for plane in r {
                    let base = plane * g.h * g.w, s = src + base, o = plane * g.ho * g.wo
                    for oy in 0..<g.ho { for ox in 0..<g.wo {
                        var best = -Float.infinity, bi = -1
                        for ki in 0..<g.kh {
                            let y = oy * g.sh - g.ph + ki
                            if y < 0 || y >= g.h { continue }
                            for kj in 0..<g.kw {
                                let xx = ox * g.sw - g.pw + kj
                                if xx < 0 || xx >= g.w { continue }
                                let v = s[y * g.w + xx]
                                if bi < 0 || v > best || v.isNaN { best = v; bi = y * g.w + xx }
                            }
                        }
                        dst[o + oy * g.wo + ox] = best
                        pp[o + oy * g.wo + ox] = Int32(base + Swift.max(bi, 0))
                    } }
                }
            }
        }
        return (out, pos)
    }
}
