import GyreTensor

// Reductions. `sum` and `max`/`min` are primitives; mean, variance, norm, logsumexp,
// softmax and log-softmax are compositions (Composite.swift).

extension Variable {
    public func sum(axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
        let out = try value.sum(axes: axes, keepdims: keepdims)
        let kept = try value.sum(axes: axes, keepdims: true).shape
        return try record("sum", out, self) { g in try g.reshape(kept).expand(self.shape) }
    }

    /// Maximum over `axes`; the gradient is shared evenly between tied maxima.
    public func max(axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
        try extremum(axes: axes, keepdims: keepdims, op: "max")
    }
    public func min(axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
        try extremum(axes: axes, keepdims: keepdims, op: "min")
    }

    private func extremum(axes: [Int]?, keepdims: Bool, op: String) throws -> Variable {
        let m = op == "max" ? try value.max(axes: axes, keepdims: true) : try value.min(axes: axes, keepdims: true)
        let mask = try value.eq(m)
        let share = try mask / mask.sum(axes: axes, keepdims: true)
        let out = keepdims ? m : try (op == "max" ? value.max(axes: axes) : value.min(axes: axes))
        return try record(op, out, self) { g in try g.reshape(m.shape).expand(self.shape) * Variable(share) }
    }

    /// Sums a broadcast result back down to `shape` (the adjoint of `expand`).
    public func sumTo(_ shape: [Int]) throws -> Variable {
        if self.shape == shape { return self }
        return try record("sum_to", value.summed(to: shape), self) { g in try g.expand(self.shape) }
    }
}
