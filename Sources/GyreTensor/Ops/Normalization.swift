/// Batch-normalisation kernels over an input viewed as [N, C, S] (S = spatial size, 1
/// for [N, C]); statistics are per channel, over N and S.
///
/// Training-mode batch norm composed from whole-tensor ops makes 6 full-size passes
/// forward and ~15 backward; these make 3 forward (mean, centred squares, output) and 2
/// backward (two per-channel sums, then the input gradient). With γ = `weight`, β = `bias`,
/// r = 1/√(σ² + ε), x̂ = (x − μ)·r and M = N·S:
///
///     y  = x̂·γ + β
///     dx = γ·r·(g − Σg/M − x̂·Σ(g·x̂)/M),   dγ = Σ g·x̂,   dβ = Σ g
extension Tensor {
    /// Per-channel mean and biased variance of `x` [N, C, S], each [C] (two passes for accuracy).
    public static func batchMoments(_ x: Tensor) throws -> (mean: Tensor, variance: Tensor) {
        let (n, c, s) = try normDims(x, op: "batch_norm")
        let mean = Tensor.uninitialized([c]), variance = Tensor.uninitialized([c])
        let p = x.ptr, pm = mean.ptr, pv = variance.ptr
        let inv = 1 / Float(Swift.max(n * s, 1))
        Parallel.chunks(c, grain: perChannelGrain(n * s)) { r in
            for ch in r {
                var sum: Float = 0
                for i in 0..<n { sum += Reduce.sum(p + (i * c + ch) * s, s) }
                let mu = sum * inv
                var sq: Float = 0
                for i in 0..<n { sq += Reduce.squaredDeviations(p + (i * c + ch) * s, s, from: mu) }
                pm[ch] = mu
                pv[ch] = sq * inv
            }
        }
        return (mean, variance)
    }

    /// y = (x − μ)·r·γ + β for `x` [N, C, S] with per-channel `mean`, `invStd` r and optional
    /// `weight` γ and `bias` β (all [C]).
    public static func batchNormForward(_ x: Tensor, mean: Tensor, invStd: Tensor, weight: Tensor?, bias: Tensor?) throws -> Tensor {
        let (n, c, s) = try normDims(x, op: "batch_norm")
        try checkPerChannel([mean, invStd, weight, bias], c, op: "batch_norm")
        let out = Tensor.uninitialized(x.shape)
        let p = x.ptr, d = out.ptr, pm = mean.ptr, pr = invStd.ptr
        let pw = weight?.ptr, pb = bias?.ptr
        Parallel.chunks(n * c, grain: Swift.max(1, Parallel.elementwiseGrain / Swift.max(s, 1))) { rows in
            for row in rows {
                let ch = row % c
                let a = pr[ch] * (pw?[ch] ?? 1)
                let b = (pb?[ch] ?? 0) - pm[ch] * a
                let src = p + row * s, dst = d + row * s
                for j in 0..<s { dst[j] = src[j] * a + b }
            }
        }
        return out
    }

    /// The first-order backward of `batchNormForward` with batch statistics: (dx, dγ, dβ).
    public static func batchNormBackward(_ g: Tensor, _ x: Tensor, mean: Tensor, invStd: Tensor,
                                         weight: Tensor?) throws -> (dx: Tensor, dWeight: Tensor, dBias: Tensor) {
        let (n, c, s) = try normDims(x, op: "batch_norm_backward")
        guard g.shape == x.shape else { throw TensorError.shapes("batch_norm_backward", g.shape, x.shape, why: "must be equal") }
        try checkPerChannel([mean, invStd, weight], c, op: "batch_norm_backward")
        let dWeight = Tensor.uninitialized([c]), dBias = Tensor.uninitialized([c])
        let pg = g.ptr, px = x.ptr, pm = mean.ptr, pr = invStd.ptr, pw = weight?.ptr
        let pdw = dWeight.ptr, pdb = dBias.ptr
        Parallel.chunks(c, grain: perChannelGrain(n * s)) { r in
            for ch in r {
                var sg: Float = 0, sgd: Float = 0
                for i in 0..<n {
                    let (a, b) = Reduce.sumAndDeviationDot(pg + (i * c + ch) * s, px + (i * c + ch) * s, s, from: pm[ch])
                    sg += a
                    sgd += b
                }
                pdb[ch] = sg               // Σ g
                pdw[ch] = sgd * pr[ch]     // Σ g·x̂
            }
        }
        // dx = g·k + x·q + e with k = γr, q = −k·r·Σ(g·x̂)/M, e = −μ·q − k·Σg/M.
        let inv = 1 / Float(Swift.max(n * s, 1))
        let dx = Tensor.uninitialized(x.shape)
        let pdx = dx.ptr
        Parallel.chunks(n * c, grain: Swift.max(1, Parallel.elementwiseGrain / Swift.max(s, 1))) { rows in
            for row in rows {
                let ch = row % c
                let k = pr[ch] * (pw?[ch] ?? 1)
                let q = -k * pr[ch] * pdw[ch] * inv
                let e = -pm[ch] * q - k * pdb[ch] * inv
                let gs = pg + row * s, xs = px + row * s, d = pdx + row * s
                for j in 0..<s { d[j] = gs[j] * k + xs[j] * q + e }
            }
        }
        return (dx, dWeight, dBias)
    }

    private static func normDims(_ x: Tensor, op: String) throws -> (n: Int, c: Int, s: Int) {
        guard x.rank == 3 else { throw TensorError(op, "expected the input viewed as [N, C, S], got \(Shape.describe(x.shape))") }
        return (x.shape[0], x.shape[1], x.shape[2])
    }

    private static func checkPerChannel(_ ts: [Tensor?], _ c: Int, op: String) throws {
        for case let t? in ts where t.shape != [c] {
            throw TensorError(op, "per-channel tensors must have shape [\(c)], got \(Shape.describe(t.shape))")
        }
    }

    /// Channels per parallel chunk: enough that each chunk reads ~64K elements.
    private static func perChannelGrain(_ perChannel: Int) -> Int {
        Swift.max(1, Parallel.elementwiseGrain / Swift.max(perChannel, 1))
    }
}
