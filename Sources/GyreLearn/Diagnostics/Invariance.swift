import GyreTensor

/// Invariance diagnostics of a representation over transformation draws.
///
/// Input: representations `h` of shape [M, N, d] — M transformation draws of each of N
/// inputs. All statistics use h/‖h‖ unless `normalize` is false.
public struct InvarianceDiagnostics: Sendable {
    /// E_x [ Σ_d Var_α(h_d | x) ] with the sample variance over the M draws (the paper's quantity).
    public let conditionalVariance: Float
    /// Σ_d Var(h_d) over all M·N representations.
    public let totalVariance: Float
    /// conditional / total: the scale-free share of variation due to the transformation.
    public var ratio: Float { totalVariance > 0 ? conditionalVariance / totalVariance : 0 }
    /// Mean cosine between each (unnormalised) h and the mean representation.
    public let meanCosineToMean: Float
    /// Mean ‖h‖ of the unnormalised representation.
    public let meanNorm: Float
    /// Features whose variance over all representations is below 1e-12 (dead features).
    public let deadFeatures: Int

    public init(representations h: Tensor, normalize: Bool = true) throws {
        guard h.rank == 3, h.shape[0] >= 2 else {
            throw TensorError("conditional_variance", "needs representations [draws ≥ 2, inputs, dim], got \(Shape.describe(h.shape))")
        }
        let (m, n, d) = (h.shape[0], h.shape[1], h.shape[2])
        let norms = try h.norm(axes: [2], keepdims: true)
        let hn = normalize ? try h / norms.map { Swift.max($0, 1e-12) } : h
        conditionalVariance = try hn.variance(axes: [0], ddof: 1).sum(axes: [1]).mean().scalarValue ?? 0
        let flat = try hn.reshaped([m * n, d])
        let perFeature = try flat.variance(axes: [0], ddof: 1)
        totalVariance = try perFeature.sum().scalarValue ?? 0
        deadFeatures = try h.reshaped([m * n, d]).variance(axes: [0]).array.filter { $0 < 1e-12 }.count
        meanNorm = try norms.mean().scalarValue ?? 0
        let raw = try h.reshaped([m * n, d])
        let mu = try raw.mean(axes: [0], keepdims: true)
        let muNorm = Swift.max(try mu.norm().scalarValue ?? 0, 1e-12)
        let cos = try (Tensor.matmul(raw, mu, transposeB: true) / (norms.reshaped([m * n, 1]).map { Swift.max($0, 1e-12) } * muNorm))
        meanCosineToMean = try cos.mean().scalarValue ?? 0
    }
}
