/// Reordering, broadcasting, joining and padding. Results are contiguous copies
/// (except `reshaped`, which shares storage).
extension Tensor {
    /// Dimensions reordered: result dim i is input dim `axes[i]`.
    public func permuted(_ axes: [Int]) throws -> Tensor {
        guard axes.count == rank else {
            throw TensorError("permute", "got \(axes.count) axes for a tensor of shape \(Shape.describe(shape))")
        }
        let ax = try axes.map { try Shape.axis($0, rank: rank, op: "permute") }
        guard Set(ax).count == rank else { throw TensorError("permute", "axes \(axes) are not a permutation") }
        if ax == Array(0..<rank) { return self }
        let st = Shape.strides(shape)
        let out = Tensor.uninitialized(ax.map { shape[$0] })
        Strided.gather(ptr, base: 0, shape: out.shape, strides: ax.map { st[$0] }, into: out.ptr)
        return out
    }

    /// All axes reversed (a matrix's transpose).
    public func transposed() -> Tensor {
        // A reversal is always a valid permutation.
        (try? permuted(Array((0..<rank).reversed()))) ?? self
    }

    /// Two axes swapped.
    public func transposed(_ a: Int, _ b: Int) throws -> Tensor {
        var ax = Array(0..<rank)
        let i = try Shape.axis(a, rank: rank, op: "transpose"), j = try Shape.axis(b, rank: rank, op: "transpose")
        ax.swapAt(i, j)
        return try permuted(ax)
    }

    /// Broadcast to `target` (NumPy rules), materialised.
    public func expanded(to target: [Int]) throws -> Tensor {
        if target == shape { return self }
        try Tensor.validate(shape: target, op: "expand")
        let b = try Shape.broadcast(shape, target, op: "expand")
        guard b == target else {
            throw TensorError.shapes("expand", shape, target, why: "cannot be expanded (the target must be the broadcast shape)")
        }
        let out = Tensor.uninitialized(target)
        Strided.gather(ptr, base: 0, shape: target, strides: Shape.broadcastStrides(shape, to: target), into: out.ptr)
        return out
    }

    /// Sums `self` down to `target`, undoing a broadcast from `target` (the adjoint of `expanded`).
    public func summed(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        guard lead >= 0 else { throw TensorError.shapes("sum_to", shape, target, why: "cannot be reduced") }
        var axes = Array(0..<lead)
        for (i, d) in target.enumerated() {
            if d == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
            else if d != shape[lead + i] { throw TensorError.shapes("sum_to", shape, target, why: "cannot be reduced") }
        }
        return try sum(axes: axes, keepdims: true).reshaped(target)
    }

    /// Size-1 dimensions removed (all of them, or those listed).
    public func squeezed(axes: [Int]? = nil) throws -> Tensor {
        let ax = try axes.map { try Shape.axes($0, rank: rank, op: "squeeze") } ?? shape.indices.filter { shape[$0] == 1 }
        for a in ax where shape[a] != 1 {
            throw TensorError("squeeze", "axis \(a) has size \(shape[a]), not 1, in shape \(Shape.describe(shape))")
        }
        return try reshaped(shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element))
    }

    /// A size-1 dimension inserted at `axis` (which may be `rank`).
    public func unsqueezed(_ axis: Int) throws -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        guard a >= 0 && a <= rank else {
            throw TensorError("unsqueeze", "axis \(axis) is out of range for a tensor of rank \(rank)")
        }
        var s = shape
        s.insert(1, at: a)
        return try reshaped(s)
    }

    /// Tensors joined along an existing axis; other dimensions must agree.
    public static func concat(_ ts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = ts.first else { throw TensorError("concat", "needs at least one tensor") }
        let a = try Shape.axis(axis, rank: first.rank, op: "concat")
        guard first.rank > 0 else { throw TensorError("concat", "cannot concatenate scalars (use stack)") }
        var outShape = first.shape
        outShape[a] = 0
        for t in ts {
            var s = t.shape, f = first.shape
            guard s.count == f.count else {
                throw TensorError.shapes("concat", first.shape, t.shape, why: "have different ranks")
            }
            s[a] = 0; f[a] = 0
            guard s == f else {
                throw TensorError.shapes("concat", first.shape, t.shape, why: "differ outside axis \(a)")
            }
            outShape[a] += t.shape[a]
        }
        let out = Tensor.uninitialized(outShape)
        let outer = Shape.count(Array(outShape[..<a]))
        let inner = Shape.count(Array(outShape[(a + 1)...]))
        let rowOut = outShape[a] * inner
        var off = 0
        for t in ts {
            let rowIn = t.shape[a] * inner
            let src = t.ptr, dst = out.ptr
            let o = off
            Parallel.chunks(outer, grain: Swift.max(1, Parallel.elementwiseGrain / Swift.max(rowIn, 1))) { r in
                for i in r { (dst + i * rowOut + o).update(from: src + i * rowIn, count: rowIn) }
            }
            off += rowIn
        }
        return out
    }

    /// Tensors of one shape joined along a new axis.
    public static func stack(_ ts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = ts.first else { throw TensorError("stack", "needs at least one tensor") }
        for t in ts where t.shape != first.shape {
            throw TensorError.shapes("stack", first.shape, t.shape, why: "differ (stack needs equal shapes)")
        }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        guard a >= 0 && a <= first.rank else {
            throw TensorError("stack", "axis \(axis) is out of range for tensors of rank \(first.rank)")
        }
        return try concat(ts.map { try $0.unsqueezed(a) }, axis: a)
    }

    /// Constant padding: `widths[d] = (before, after)` for each dimension (missing trailing dims: none).
    public func padded(_ widths: [(Int, Int)], value: Float = 0) throws -> Tensor {
        guard widths.count <= rank else {
            throw TensorError("pad", "\(widths.count) pad widths for a tensor of rank \(rank)")
        }
        guard widths.allSatisfy({ $0.0 >= 0 && $0.1 >= 0 }) else { throw TensorError("pad", "pad widths must be non-negative") }
        let w = widths + [(Int, Int)](repeating: (0, 0), count: rank - widths.count)
        let outShape = Swift.zip(shape, w).map { $0 + $1.0 + $1.1 }
        var out = Tensor(repeating: value, shape: outShape)
        let st = Shape.strides(outShape)
        let base = Swift.zip(st, w).reduce(0) { $0 + $1.0 * $1.1.0 }
        let src = ptr
        out.withUnsafeMutableBufferPointer { d in
            if let p = d.baseAddress { Strided.scatter(src, shape: shape, into: p, base: base, strides: st, accumulate: false) }
        }
        return out
    }

    /// The inverse of `padded`: removes `widths` from each dimension's ends.
    public func unpadded(_ widths: [(Int, Int)]) throws -> Tensor {
        // Checked here: out-of-range bounds would otherwise wrap around as negative slice indices.
        guard widths.count <= rank else {
            throw TensorError("unpad", "\(widths.count) pad widths for a tensor of rank \(rank)")
        }
        for (d, w) in widths.enumerated() where w.0 < 0 || w.1 < 0 || w.0 + w.1 > shape[d] {
            throw TensorError("unpad", "widths must be non-negative and fit: (\(w.0), \(w.1)) on axis \(d) of \(Shape.describe(shape))")
        }
        let items = (0..<rank).map { d -> TensorIndex in
            let w = d < widths.count ? widths[d] : (0, 0)
            return .slice(start: w.0, stop: shape[d] - w.1, step: 1)
        }
        return try self[items]
    }
}
