import GyreTensor

// Shape primitives: each rule is the inverse rearrangement (or the adjoint selection).

extension Variable {
    public func reshape(_ shape: [Int]) throws -> Variable {
        if shape == self.shape { return self }
        let out = try value.reshaped(shape)
        return try record("reshape", out, self) { g in try g.reshape(self.shape) }
    }

    public func permute(_ axes: [Int]) throws -> Variable {
        let out = try value.permuted(axes)
        let r = rank
        let norm = axes.map { $0 < 0 ? $0 + r : $0 }
        var inverse = [Int](repeating: 0, count: norm.count)
        for (i, a) in norm.enumerated() { inverse[a] = i }
        return try record("permute", out, self) { g in try g.permute(inverse) }
    }

    /// All axes reversed (a matrix transpose).
    public func transpose() throws -> Variable { try permute(Array((0..<rank).reversed())) }

    public func transpose(_ a: Int, _ b: Int) throws -> Variable {
        var ax = Array(0..<rank)
        let i = try Shape.axis(a, rank: rank, op: "transpose"), j = try Shape.axis(b, rank: rank, op: "transpose")
        ax.swapAt(i, j)
        return try permute(ax)
    }

    public func expand(_ shape: [Int]) throws -> Variable {
        if shape == self.shape { return self }
        return try record("expand", value.expanded(to: shape), self) { g in try g.sumTo(self.shape) }
    }

    public func squeeze(axes: [Int]? = nil) throws -> Variable { try reshape(value.squeezed(axes: axes).shape) }
    public func unsqueeze(_ axis: Int) throws -> Variable { try reshape(value.unsqueezed(axis).shape) }

    /// Basic (NumPy view-style) indexing.
    public func index(_ items: [TensorIndex]) throws -> Variable {
        let out = try value[items]
        return try record("index", out, self) { g in try g.indexBackward(shape: self.shape, items: items) }
    }

    /// The adjoint of `index`: `self` placed into zeros of `shape`.
    public func indexBackward(shape: [Int], items: [TensorIndex]) throws -> Variable {
        let out = try Tensor.indexBackward(value, shape: shape, items: items)
        return try record("index_backward", out, self) { g in try g.index(items) }
    }

    /// Rows along `axis` at integer `indices`.
    public func indexSelect(axis: Int, indices: [Int]) throws -> Variable {
        let a = try Shape.axis(axis, rank: rank, op: "gather")
        let out = try value.indexSelect(axis: a, indices: indices)
        let n = shape[a]
        return try record("gather", out, self) { g in try g.scatterAdd(axis: a, indices: indices, size: n) }
    }

    public func scatterAdd(axis: Int, indices: [Int], size: Int) throws -> Variable {
        let out = try value.scatterAdd(axis: axis, indices: indices, size: size)
        return try record("scatter_add", out, self) { g in try g.indexSelect(axis: axis, indices: indices) }
    }

    /// Elements where `mask` is non-zero, as `[k, rest...]`.
    public func masked(_ mask: Tensor) throws -> Variable {
        let idx = try value.maskIndices(mask)
        let flat = try reshape([mask.count] + Array(shape.dropFirst(mask.rank)))
        return try flat.indexSelect(axis: 0, indices: idx)
    }

    public func gatherFlat(_ positions: [Int32], shape outShape: [Int]) throws -> Variable {
        let out = try value.gatherFlat(positions, shape: outShape)
        return try record("gather_flat", out, self) { g in try g.scatterFlat(positions, shape: self.shape) }
    }

    public func scatterFlat(_ positions: [Int32], shape outShape: [Int]) throws -> Variable {
        let out = try value.scatterFlat(positions, shape: outShape)
        return try record("scatter_flat", out, self) { g in try g.gatherFlat(positions, shape: self.shape) }
    }

    public static func concat(_ xs: [Variable], axis: Int) throws -> Variable {
        let out = try Tensor.concat(xs.map(\.value), axis: axis)
        let a = try Shape.axis(axis, rank: out.rank, op: "concat")
        var offsets: [Int] = [], o = 0
        for x in xs { offsets.append(o); o += x.shape[a] }
        return try record("concat", out, xs) { g in
            try xs.enumerated().map { i, x in
                var items = [TensorIndex](repeating: .all, count: out.rank)
                items[a] = .slice(start: offsets[i], stop: offsets[i] + x.shape[a], step: 1)
                return x.isTracked ? try g.index(items) : nil
            }
        }
    }

    public static func stack(_ xs: [Variable], axis: Int) throws -> Variable {
        guard let first = xs.first else { throw TensorError("stack", "needs at least one tensor") }
        for x in xs where x.shape != first.shape {
            throw TensorError("stack", "shapes \(Shape.describe(first.shape)) and \(Shape.describe(x.shape)) differ (stack needs equal shapes)")
        }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        return try concat(xs.map { try $0.unsqueeze(a) }, axis: a)
    }

    public func pad(_ widths: [(Int, Int)], value fill: Float = 0) throws -> Variable {
        let out = try value.padded(widths, value: fill)
        let r = rank
        let items = (0..<r).map { d -> TensorIndex in
            let w = d < widths.count ? widths[d] : (0, 0)
            return .slice(start: w.0, stop: w.0 + self.shape[d], step: 1)
        }
        return try record("pad", out, self) { g in try g.index(items) }
    }
}

extension Variable {
    /// A copy of `self` with the basic-index selection replaced by `newValue` (broadcast).
    /// Differentiable in both: the selection's gradient goes to `newValue`, the rest to `self`.
    public func assigning(_ items: [TensorIndex], _ newValue: Variable) throws -> Variable {
        var out = value
        try out.assign(items, newValue.value)
        return try record("assign", out, [self, newValue]) { g in
            [self.isTracked ? try g.assigning(items, Variable(Tensor.zeros([]))) : nil,
             newValue.isTracked ? try g.index(items).sumTo(newValue.shape) : nil]
        }
    }
}
