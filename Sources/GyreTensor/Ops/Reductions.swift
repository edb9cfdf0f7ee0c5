import Foundation

/// Reductions over any set of axes (nil = all), with `keepdims`.
extension Tensor {
    /// Splits the shape around `axis` into (outer, n, inner) element counts.
    func split(at axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (Shape.count(Array(shape[..<axis])), shape[axis], Shape.count(Array(shape[(axis + 1)...])))
    }

    func reduce(_ kind: Reduce.Kind, axes: [Int]?, keepdims: Bool, op: String) throws -> Tensor {
        let ax = try Shape.axes(axes, rank: rank, op: op)
        if (kind == .max || kind == .min), ax.contains(where: { shape[$0] == 0 }) {
            throw TensorError(op, "cannot reduce an empty axis of shape \(Shape.describe(shape))")
        }
        var t = self
        var keptShape = shape
        if ax.count == rank && rank > 0 && kind == .sum {
            // Full sum: one parallel contiguous pass.
            let p = ptr, n = count
            let parts = Swift.min(Parallel.cores, Swift.max(1, n / Parallel.elementwiseGrain))
            var partial = [Float](repeating: 0, count: parts)
            partial.withUnsafeMutableBufferPointer { pb in
                let size = (n + parts - 1) / parts
                let base = pb.baseAddress!
                Parallel.forEach(parts) { k in
                    let lo = k * size, hi = Swift.min(n, lo + size)
                    if lo < hi { base[k] = Reduce.sum(p + lo, hi - lo) }
                }
            }
            let total = partial.reduce(0, +)
            for a in ax { keptShape[a] = 1 }
            return Tensor(repeating: total, shape: keepdims ? keptShape : [])
        }
        for a in ax.reversed() {
            let (outer, n, inner) = t.split(at: a)
            var newShape = t.shape
            newShape[a] = 1
            let out = Tensor.uninitialized(newShape)
            Reduce.axis(t.ptr, outer: outer, n: n, inner: inner, kind: kind, into: out.ptr)
            t = out
            keptShape[a] = 1
        }
        let final = keepdims ? keptShape : shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element)
        return Tensor(shape: final, storage: t.storage)
    }

    public func sum(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try reduce(.sum, axes: axes, keepdims: keepdims, op: "sum")
    }
    public func max(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try reduce(.max, axes: axes, keepdims: keepdims, op: "max")
    }
    public func min(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try reduce(.min, axes: axes, keepdims: keepdims, op: "min")
    }
    /// Number of elements a reduction over `axes` combines.
    public func reducedCount(axes: [Int]?, op: String = "mean") throws -> Int {
        try Shape.axes(axes, rank: rank, op: op).reduce(1) { $0 * shape[$1] }
    }
    public func mean(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        let n = try reducedCount(axes: axes)
        return try reduce(.sum, axes: axes, keepdims: keepdims, op: "mean") * (1 / Float(n))
    }
    /// Variance with `ddof` delta degrees of freedom (0 = population, 1 = sample).
    public func variance(axes: [Int]? = nil, keepdims: Bool = false, ddof: Int = 0) throws -> Tensor {
        let n = try reducedCount(axes: axes, op: "var")
        let m = try mean(axes: axes, keepdims: true)
        let d = try (self - m).square()
        return try d.reduce(.sum, axes: axes, keepdims: keepdims, op: "var") * (1 / Float(Swift.max(n - ddof, 0)))
    }
    /// Euclidean (L2) norm over `axes`.
    public func norm(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try square().reduce(.sum, axes: axes, keepdims: keepdims, op: "norm").sqrt()
    }
    /// log Σ exp(x), stable: max-shifted; an all -inf slice gives -inf.
    public func logsumexp(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        let ax = try Shape.axes(axes, rank: rank, op: "logsumexp")
        let m = try stableShift(ax)
        let s = try (self - m).exp().sum(axes: ax, keepdims: true).log() + m
        if keepdims { return s }
        return try s.reshaped(shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element))
    }
    public func softmax(axis: Int = -1) throws -> Tensor {
        let a = try Shape.axis(axis, rank: rank, op: "softmax")
        let e = try (self - stableShift([a])).exp()
        return try e / e.sum(axes: [a], keepdims: true)
    }
    /// (x − m) − log Σ exp(x − m): subtracting the shifted sum keeps full precision for large x.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        let a = try Shape.axis(axis, rank: rank, op: "log_softmax")
        let z = try self - stableShift([a])
        return try z - z.exp().sum(axes: [a], keepdims: true).log()
    }

    /// The max over resolved `axes` (keepdims) with non-finite values replaced by 0, used to
    /// shift exponentials; zeros when an axis is empty (its sum is 0, so log gives -inf).
    private func stableShift(_ axes: [Int]) throws -> Tensor {
        if axes.contains(where: { $0 < rank && shape[$0] == 0 }) {
            var s = shape
            for a in axes { s[a] = 1 }
            return Tensor.zeros(s)
        }
        return try max(axes: axes, keepdims: true).map { $0.isFinite ? $0 : 0 }
    }

    /// Index of the largest element along `axis` (nil: of the flattened tensor), as Float.
    public func argmax(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtremum(axis: axis, keepdims: keepdims, max: true)
    }
    public func argmin(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtremum(axis: axis, keepdims: keepdims, max: false)
    }

    private func argExtremum(axis: Int?, keepdims: Bool, max: Bool) throws -> Tensor {
        let op = max ? "argmax" : "argmin"
        let src: Tensor = axis == nil ? try reshaped([count]) : self
        let a = try Shape.axis(axis ?? 0, rank: src.rank, op: op)
        guard src.rank > 0, src.shape[a] > 0 else { throw TensorError(op, "cannot take \(op) of an empty tensor") }
        let (outer, n, inner) = src.split(at: a)
        var outShape = src.shape
        outShape[a] = 1
        let out = Tensor.uninitialized(outShape)
        let p = src.ptr, d = out.ptr
        for o in 0..<outer {
            for j in 0..<inner {
                var best = p[o * n * inner + j], bi = 0
                for k in 1..<Swift.max(n, 1) {
                    let v = p[(o * n + k) * inner + j]
                    if best.isNaN { break }
                    if v.isNaN || (max ? v > best : v < best) { best = v; bi = k }
                }
                d[o * inner + j] = Float(bi)
            }
        }
        if axis == nil { return keepdims ? try out.reshaped([Int](repeating: 1, count: rank)) : Tensor(d[0]) }
        if keepdims { return out }
        var s = src.shape
        s.remove(at: a)
        return try out.reshaped(s)
    }
}
