/// 2-d convolution (cross-correlation, as in PyTorch) via im2col + sgemm, and its two
/// transposes. The three are closed under differentiation:
///   conv2d(x, w) → dx = conv2dInputGrad(g, w), dw = conv2dWeightGrad(x, g).
extension Tensor {
    /// `x` [N, C, H, W] ⋆ `w` [O, C, KH, KW] → [N, O, Ho, Wo].
    public static func conv2d(_ x: Tensor, _ w: Tensor, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)) throws -> Tensor {
        guard w.rank == 4 else { throw TensorError("conv2d", "weight must be [O, C, KH, KW], got \(Shape.describe(w.shape))") }
        let g = try ConvGeometry(input: x.shape, kernel: (w.shape[2], w.shape[3]), stride: stride, padding: padding, op: "conv2d")
        guard w.shape[1] == g.c else {
            throw TensorError.shapes("conv2d", x.shape, w.shape, why: "do not match (input has \(g.c) channels, weight expects \(w.shape[1]))")
        }
        let o = w.shape[0], ckk = g.c * g.kh * g.kw, hw = g.ho * g.wo
        let out = Tensor.uninitialized([g.n, o, g.ho, g.wo])
        let step = Im2col.chunk(g)
        let cols = Workspace(ckk * step * hw), tmp = Workspace(o * step * hw)
        defer { cols.release(); tmp.release() }
        for start in Swift.stride(from: 0, to: g.n, by: step) {
            let imgs = start..<Swift.min(g.n, start + step)
            Im2col.unfold(x.ptr, g, images: imgs, into: cols.ptr)
            let ld = imgs.count * hw
            BLAS.sgemm(transA: false, transB: false, m: o, n: ld, k: ckk, a: w.ptr, lda: ckk, b: cols.ptr, ldb: ld, c: tmp.ptr, ldc: ld)
            // tmp is [O][images][HoWo]; the output wants [images][O][HoWo].
            let dst = out.ptr
            Parallel.chunks(imgs.count * o, grain: Swift.max(1, 4096 / Swift.max(hw, 1))) { r in
                for q in r {
                    let slot = q / o, oc = q % o
                    (dst + ((imgs.lowerBound + slot) * o + oc) * hw).update(from: tmp.ptr + (oc * imgs.count + slot) * hw, count: hw)
                }
            }
        }
        return out
    }

    /// The gradient of conv2d with respect to its input: `dy` [N, O, Ho, Wo] with `w` → [N, C, H, W].
    public static func conv2dInputGrad(_ dy: Tensor, _ w: Tensor, inputShape: [Int], stride: (Int, Int) = (1, 1),
                                       padding: (Int, Int) = (0, 0)) throws -> Tensor {
        guard w.rank == 4 else { throw TensorError("conv2d_input_grad", "weight must be rank 4, got \(Shape.describe(w.shape))") }
        let g = try ConvGeometry(input: inputShape, kernel: (w.shape[2], w.shape[3]), stride: stride, padding: padding, op: "conv2d_input_grad")
        let o = w.shape[0], ckk = g.c * g.kh * g.kw, hw = g.ho * g.wo
        guard dy.shape == [g.n, o, g.ho, g.wo], w.shape[1] == g.c else {
            throw TensorError.shapes("conv2d_input_grad", dy.shape, w.shape, inputShape, why: "do not fit together")
        }
        let out = Tensor(repeating: 0, shape: inputShape)
        let step = Im2col.chunk(g)
        let cols = Workspace(ckk * step * hw), tmp = Workspace(o * step * hw)
        defer { cols.release(); tmp.release() }
        for start in Swift.stride(from: 0, to: g.n, by: step) {
            let imgs = start..<Swift.min(g.n, start + step)
            gatherOutputs(dy.ptr, o: o, hw: hw, images: imgs, into: tmp.ptr)
            let ld = imgs.count * hw
            BLAS.sgemm(transA: true, transB: false, m: ckk, n: ld, k: o, a: w.ptr, lda: ckk, b: tmp.ptr, ldb: ld, c: cols.ptr, ldc: ld)
            Im2col.fold(cols.ptr, g, images: imgs, into: out.ptr)
        }
        return out
    }

    /// The gradient of conv2d with respect to its weight: `x` [N, C, H, W] with `dy` → `weightShape`.
    public static func conv2dWeightGrad(_ x: Tensor, _ dy: Tensor, weightShape: [Int], stride: (Int, Int) = (1, 1),
                                        padding: (Int, Int) = (0, 0)) throws -> Tensor {
        guard weightShape.count == 4 else { throw TensorError("conv2d_weight_grad", "weight shape must be rank 4") }
        let g = try ConvGeometry(input: x.shape, kernel: (weightShape[2], weightShape[3]), stride: stride, padding: padding, op: "conv2d_weight_grad")
        let o = weightShape[0], ckk = g.c * g.kh * g.kw, hw = g.ho * g.wo
        guard dy.shape == [g.n, o, g.ho, g.wo], weightShape[1] == g.c else {
            throw TensorError.shapes("conv2d_weight_grad", x.shape, dy.shape, weightShape, why: "do not fit together")
        }
        let out = Tensor(repeating: 0, shape: weightShape)
        let step = Im2col.chunk(g)
        let cols = Workspace(ckk * step * hw), tmp = Workspace(o * step * hw)
        defer { cols.release(); tmp.release() }
        for start in Swift.stride(from: 0, to: g.n, by: step) {
            let imgs = start..<Swift.min(g.n, start + step)
            Im2col.unfold(x.ptr, g, images: imgs, into: cols.ptr)
            gatherOutputs(dy.ptr, o: o, hw: hw, images: imgs, into: tmp.ptr)
            let ld = imgs.count * hw
            BLAS.sgemm(transA: false, transB: true, m: o, n: ckk, k: ld, a: tmp.ptr, lda: ld, b: cols.ptr, ldb: ld,
                       beta: start == 0 ? 0 : 1, c: out.ptr, ldc: ckk)
        }
        return out
    }

    /// [N][O][HoWo] rows of `images` → [O][images][HoWo].
    private static func gatherOutputs(_ dy: UnsafePointer<Float>, o: Int, hw: Int, images: Range<Int>,
                                      into tmp: UnsafeMutablePointer<Float>) {
        Parallel.chunks(images.count * o, grain: Swift.max(1, 4096 / Swift.max(hw, 1))) { r in
            for q in r {
                let slot = q / o, oc = q % o
                (tmp + (oc * images.count + slot) * hw).update(from: dy + ((images.lowerBound + slot) * o + oc) * hw, count: hw)
            }
        }
    }
}
