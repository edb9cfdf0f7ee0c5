import GyreTensor

/// Closed-form ridge regression with an unpenalised bias, through the SPD solve:
/// W = (X̃ᵀX̃ + λI)⁻¹ X̃ᵀỸ on centred features and targets, b = ȳ − x̄ W.
public struct RidgeRegression: Sendable {
    public let weights: Tensor   // [d, k]
    public let bias: Tensor      // [k]
    public let lambda: Float

    /// Fits features [n, d] to targets [n, k] (or [n]).
    public init(features x: Tensor, targets yIn: Tensor, lambda: Float = 1e-8) throws {
        guard x.rank == 2 else { throw TensorError("ridge", "features must be [n, d], got \(Shape.describe(x.shape))") }
        let y = yIn.rank == 1 ? try yIn.reshaped([yIn.count, 1]) : yIn
        guard y.rank == 2, y.shape[0] == x.shape[0] else {
            throw TensorError("ridge", "features \(Shape.describe(x.shape)) and targets \(Shape.describe(yIn.shape)) have different numbers of rows")
        }
        guard x.shape[0] > 0 else { throw TensorError("ridge", "no training rows") }
        guard lambda >= 0 else { throw TensorError("ridge", "the L2 weight must be non-negative, got \(lambda)") }
        let xm = try x.mean(axes: [0], keepdims: true), ym = try y.mean(axes: [0], keepdims: true)
        let xc = try x - xm, yc = try y - ym
        let gram = try Tensor.matmul(xc, xc, transposeA: true)
        let rhs = try Tensor.matmul(xc, yc, transposeA: true)
        let d = x.shape[1]
        let meanDiag = (0..<d).reduce(Float(0)) { $0 + gram[flat: $1 * d + $1] } / Float(Swift.max(d, 1))
        // In Float32 a Gram matrix with dead (constant) features is singular; if the solve
        // with λ fails, retry with a small relative jitter (1e-6 of the mean diagonal).
        var solved: Tensor? = nil
        for ridge in [lambda, Swift.max(lambda, meanDiag * 1e-6), Swift.max(lambda, meanDiag * 1e-4)] where solved == nil {
            var g = gram
            g.withUnsafeMutableBufferPointer { p in for i in 0..<d { p[i * d + i] += ridge } }
            solved = try? Tensor.solveSPD(g, rhs)
        }
        guard let w = solved else {
            throw TensorError("ridge", "the normal equations could not be solved (features contain NaN or infinity?)")
        }
        weights = w
        bias = try (ym - Tensor.matmul(xm, weights)).reshaped([y.shape[1]])
        self.lambda = lambda
    }

    public func predict(_ x: Tensor) throws -> Tensor {
        try Tensor.matmul(x, weights) + bias
    }

    /// Mean squared error per target column and overall, on (features, targets).
    public func mse(features x: Tensor, targets yIn: Tensor) throws -> (perTarget: [Float], mean: Float) {
        let y = yIn.rank == 1 ? try yIn.reshaped([yIn.count, 1]) : yIn
        let err = try (predict(x) - y).square()
        let per = try err.mean(axes: [0]).array
        return (per, per.reduce(0, +) / Float(Swift.max(per.count, 1)))
    }
}
