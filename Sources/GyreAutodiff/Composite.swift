import GyreTensor

// Ops composed from primitives: their derivatives come from the primitives' rules.

extension Variable {
    public func mean(axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
        let n = try value.reducedCount(axes: axes)
        return try sum(axes: axes, keepdims: keepdims).scaled(1 / Float(n))
    }

    /// Variance over `axes` with `ddof` delta degrees of freedom.
    public func variance(axes: [Int]? = nil, keepdims: Bool = false, ddof: Int = 0) throws -> Variable {
        let n = try value.reducedCount(axes: axes, op: "var")
        let d = try self - mean(axes: axes, keepdims: true)
        return try (d * d).sum(axes: axes, keepdims: keepdims).scaled(1 / Float(Swift.max(n - ddof, 0)))
    }

    /// Euclidean norm over `axes`.
    public func norm(axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
        try (self * self).sum(axes: axes, keepdims: keepdims).sqrt()
    }

    /// log Σ exp over `axes`, shifted by the (constant) maximum for stability.
    public func logsumexp(axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
        let m = Variable(try value.max(axes: axes, keepdims: true).map { $0.isFinite ? $0 : 0 })
        let s = try (self - m).exp().sum(axes: axes, keepdims: true).log() + m
        if keepdims { return s }
        let ax = try Shape.axes(axes, rank: rank, op: "logsumexp")
        return try s.reshape(shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element))
    }

    public func logSoftmax(axis: Int = -1) throws -> Variable {
        let a = try Shape.axis(axis, rank: rank, op: "log_softmax")
        return try self - logsumexp(axes: [a], keepdims: true)
    }

    public func softmax(axis: Int = -1) throws -> Variable {
        try logSoftmax(axis: axis).exp()
    }

    /// x / ‖x‖ along `axis` (with `eps` guarding zero vectors, as `F.normalize`).
    public func l2Normalized(axis: Int = -1, eps: Float = 1e-12) throws -> Variable {
        let n = try norm(axes: [axis], keepdims: true)
        return try self / n.maximum(Variable(Tensor(eps)))
    }

    /// Pairwise cosine similarities of the rows of `a` [n, d] and `b` [m, d] → [n, m].
    public static func cosineSimilarity(_ a: Variable, _ b: Variable, eps: Float = 1e-8) throws -> Variable {
        try matmul(a.l2Normalized(axis: -1, eps: eps), b.l2Normalized(axis: -1, eps: eps), transposeB: true)
    }

    /// Mean cross-entropy of `logits` [n, k] against integer class `targets`.
    public static func crossEntropy(logits: Variable, targets: [Int]) throws -> Variable {
        guard logits.rank == 2, logits.shape[0] == targets.count else {
            throw TensorError("cross_entropy", "logits \(Shape.describe(logits.shape)) do not match \(targets.count) targets")
        }
        let k = logits.shape[1]
        var onehot = Tensor.zeros(logits.shape)
        try onehot.withUnsafeMutableBufferPointer { p in
            for (i, t) in targets.enumerated() {
                guard t >= 0 && t < k else { throw TensorError("cross_entropy", "target \(t) is not a class in 0..<\(k)") }
                p[i * k + t] = 1
            }
        }
        return try (logits.logSoftmax(axis: 1) * Variable(onehot)).sum().scaled(-1 / Float(Swift.max(targets.count, 1)))
    }
}
