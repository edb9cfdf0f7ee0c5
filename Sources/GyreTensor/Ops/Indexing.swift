/// One item of a basic (view-like) index, as in NumPy: `x[2, 1:5:2, newaxis, :]`.
public enum TensorIndex: Equatable, Sendable {
    /// A single position (negative counts from the end); removes the dimension.
    case index(Int)
    /// `start:stop:step`; nil bounds mean the ends in the step's direction.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// Inserts a dimension of size 1.
    case newAxis
    /// Stands for as many `:` as needed.
    case ellipsis

    public static let all = TensorIndex.slice(start: nil, stop: nil, step: nil)
}

/// Where a basic index reads from: a base offset, the result shape and its strides.
public struct StridedView: Equatable, Sendable {
    public let base: Int
    public let shape: [Int]
    public let strides: [Int]
}

extension Tensor {
    /// Resolves a basic index to a strided view of this tensor (no copy yet).
    public func view(_ items: [TensorIndex]) throws -> StridedView {
        let consumed = items.filter { if case .index = $0 { return true }; if case .slice = $0 { return true }; return false }.count
        let ellipses = items.filter { $0 == .ellipsis }.count
        guard ellipses <= 1 else { throw TensorError("index", "an index can only have a single ellipsis ('...')") }
        guard consumed <= rank else {
            throw TensorError("index", "too many indices (\(consumed)) for a tensor of shape \(Shape.describe(shape))")
        }
        var expanded: [TensorIndex] = []
        for it in items {
            if it == .ellipsis { expanded += [TensorIndex](repeating: .all, count: rank - consumed) }
            else { expanded.append(it) }
        }
        while expanded.filter({ $0 != .newAxis }).count < rank { expanded.append(.all) }
        let st = Shape.strides(shape)
        var base = 0, outShape: [Int] = [], outStrides: [Int] = []
        var d = 0
        for it in expanded {
            switch it {
            case .newAxis:
                outShape.append(1); outStrides.append(0)
            case .index(let i):
                let n = shape[d]
                let j = i < 0 ? i + n : i
                guard j >= 0 && j < n else {
                    throw TensorError("index", "index \(i) is out of range for axis \(d) with size \(n)")
                }
                base += j * st[d]; d += 1
            case .slice(let start, let stop, let step):
                let n = shape[d]
                let s = step ?? 1
                guard s != 0 else { throw TensorError("index", "slice step cannot be zero") }
                let (lo, len) = Self.sliceRange(n: n, start: start, stop: stop, step: s)
                base += lo * st[d]
                outShape.append(len); outStrides.append(s * st[d]); d += 1
            case .ellipsis:
                break
            }
        }
        return StridedView(base: len0(outShape) ? 0 : base, shape: outShape, strides: outStrides)
    }

    private func len0(_ s: [Int]) -> Bool { s.contains(0) }

    /// NumPy's slice resolution: clamped start and the number of elements taken.
    static func sliceRange(n: Int, start: Int?, stop: Int?, step s: Int) -> (Int, Int) {
        func clampIdx(_ v: Int?, _ dflt: Int, lo: Int, hi: Int) -> Int {
            guard var x = v else { return dflt }
            if x < 0 { x += n }
            return Swift.min(Swift.max(x, lo), hi)
        }
        if s > 0 {
            let a = clampIdx(start, 0, lo: 0, hi: n), b = clampIdx(stop, n, lo: 0, hi: n)
            return (a, b > a ? (b - a + s - 1) / s : 0)
        }
        let a = clampIdx(start, n - 1, lo: -1, hi: n - 1), b = clampIdx(stop, -1, lo: -1, hi: n - 1)
        let lenNeg = a > b ? (a - b + (-s) - 1) / (-s) : 0
        // An explicit negative stop that resolved below 0 means "through index 0".
        return (a, lenNeg)
    }

    /// Basic indexing: a copy of the selected elements.
    public subscript(_ items: [TensorIndex]) -> Tensor {
        get throws {
            let v = try view(items)
            let out = Tensor.uninitialized(v.shape)
            Strided.gather(ptr, base: v.base, shape: v.shape, strides: v.strides, into: out.ptr)
            return out
        }
    }

    /// Writes `value` (broadcast to the selection's shape) into the selected elements.
    public mutating func assign(_ items: [TensorIndex], _ value: Tensor) throws {
        let v = try view(items)
        let src = try value.expandedForAssignment(to: v.shape)
        withUnsafeMutableBufferPointer { d in
            if let p = d.baseAddress { Strided.scatter(src.ptr, shape: v.shape, into: p, base: v.base, strides: v.strides, accumulate: false) }
        }
    }

    /// The adjoint of basic indexing: `g` placed at the selected positions of zeros of `shape`.
    public static func indexBackward(_ g: Tensor, shape: [Int], items: [TensorIndex]) throws -> Tensor {
        var out = Tensor(repeating: 0, shape: shape)
        let v = try out.view(items)
        guard v.shape == g.shape else {
            throw TensorError.shapes("index_backward", g.shape, v.shape, why: "do not match")
        }
        try out.assign(items, g)
        return out
    }

    private func expandedForAssignment(to target: [Int]) throws -> Tensor {
        do { return try expanded(to: target) } catch {
            throw TensorError.shapes("assign", shape, target, why: "cannot be broadcast for assignment (value and selection)")
        }
    }

    // MARK: - Integer and boolean selection

    /// Rows along `axis` picked by integer `indices` (repeats allowed; negative count from the end).
    public func indexSelect(axis: Int, indices: [Int]) throws -> Tensor {
        let a = try Shape.axis(axis, rank: rank, op: "gather")
        guard rank > 0 else { throw TensorError("gather", "cannot index a scalar") }
        let n = shape[a]
        let idx = try indices.map { i -> Int in
            let j = i < 0 ? i + n : i
            guard j >= 0 && j < n else { throw TensorError("gather", "index \(i) is out of range for axis \(a) with size \(n)") }
            return j
        }
        let (outer, _, inner) = split(at: a)
        var outShape = shape
        outShape[a] = idx.count
        let out = Tensor.uninitialized(outShape)
        let src = ptr, dst = out.ptr, m = idx.count
        idx.withUnsafeBufferPointer { ib in
            Parallel.chunks(outer * m, grain: Swift.max(1, Parallel.elementwiseGrain / Swift.max(inner, 1))) { r in
                for q in r {
                    let o = q / m, k = q % m
                    (dst + q * inner).update(from: src + (o * n + ib[k]) * inner, count: inner)
                }
            }
        }
        return out
    }

    /// The adjoint of `indexSelect`: rows of `self` added into zeros of `size` rows along `axis`.
    public func scatterAdd(axis: Int, indices: [Int], size: Int) throws -> Tensor {
        let a = try Shape.axis(axis, rank: rank, op: "scatter_add")
        guard rank > 0 else { throw TensorError("scatter_add", "cannot scatter into a scalar") }
        guard shape[a] == indices.count else {
            throw TensorError("scatter_add", "\(indices.count) indices for axis \(a) of size \(shape[a]) in \(Shape.describe(shape))")
        }
        let idx = try indices.map { i -> Int in
            let j = i < 0 ? i + size : i
            guard j >= 0 && j < size else { throw TensorError("scatter_add", "index \(i) is out of range for size \(size)") }
            return j
        }
        var outShape = shape
        outShape[a] = size
        let out = Tensor(repeating: 0, shape: outShape)
        let (outer, m, inner) = split(at: a)
        let src = ptr, dst = out.ptr
        // Parallel over outer slices only: repeated indices then never race.
        Parallel.chunks(outer, grain: Swift.max(1, Parallel.elementwiseGrain / Swift.max(m * inner, 1))) { r in
            for o in r {
                for k in 0..<m {
                    let d = dst + (o * size + idx[k]) * inner, s = src + (o * m + k) * inner
                    for j in 0..<inner { d[j] += s[j] }
                }
            }
        }
        return out
    }

    /// Flat positions (over the first `mask.rank` dims) where `mask` is non-zero.
    public func maskIndices(_ mask: Tensor) throws -> [Int] {
        guard mask.rank <= rank, Array(shape.prefix(mask.rank)) == mask.shape else {
            throw TensorError.shapes("mask", shape, mask.shape, why: "do not match (the mask must match the leading dimensions)")
        }
        var out: [Int] = []
        mask.withUnsafeBufferPointer { b in for (i, v) in b.enumerated() where v != 0 { out.append(i) } }
        return out
    }

    /// Elements (or sub-arrays) where `mask` is non-zero, as `[k, rest...]`.
    public func masked(_ mask: Tensor) throws -> Tensor {
        let idx = try maskIndices(mask)
        let flat = try reshaped([mask.count] + Array(shape.dropFirst(mask.rank)))
        return try flat.indexSelect(axis: 0, indices: idx)
    }

    /// `value` written at the positions where `mask` is non-zero.
    public mutating func assign(mask: Tensor, _ value: Tensor) throws {
        let idx = try maskIndices(mask)
        let rest = Array(shape.dropFirst(mask.rank))
        let inner = Shape.count(rest)
        let src = try value.expandedForAssignment(to: [idx.count] + rest)
        withUnsafeMutableBufferPointer { d in
            for (k, i) in idx.enumerated() {
                for j in 0..<inner { d[i * inner + j] = src[flat: k * inner + j] }
            }
        }
    }

    /// Flat gather: `self` viewed as 1-d, read at `positions` (shape of the result: `shape`).
    public func gatherFlat(_ positions: [Int32], shape outShape: [Int]) throws -> Tensor {
        guard positions.count == Shape.count(outShape) else {
            throw TensorError("gather_flat", "\(positions.count) positions for shape \(Shape.describe(outShape))")
        }
        let out = Tensor.uninitialized(outShape)
        let src = ptr, dst = out.ptr, n = count
        try positions.withUnsafeBufferPointer { pb in
            for i in 0..<pb.count {
                let j = Int(pb[i])
                guard j >= 0 && j < n else {
                    throw TensorError("gather_flat", "position \(j) is out of range for a tensor of shape \(Shape.describe(shape))")
                }
                dst[i] = src[j]
            }
        }
        return out
    }

    /// Flat scatter-add: the adjoint of `gatherFlat`.
    public func scatterFlat(_ positions: [Int32], shape outShape: [Int]) throws -> Tensor {
        guard positions.count == count else {
            throw TensorError("scatter_flat", "\(positions.count) positions for \(count) values")
        }
        let out = Tensor(repeating: 0, shape: outShape)
        let src = ptr, dst = out.ptr, n = out.count
        try positions.withUnsafeBufferPointer { pb in
            for i in 0..<pb.count {
                let j = Int(pb[i])
                guard j >= 0 && j < n else {
                    throw TensorError("scatter_flat", "position \(j) is out of range for shape \(Shape.describe(outShape))")
                }
                dst[j] += src[i]
            }
        }
        return out
    }
}
