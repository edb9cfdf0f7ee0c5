import Foundation
import GyreTensor

// Elementwise primitives and their derivative rules, each rule written in Variable ops
// (so it records, and can be differentiated, when the backward pass builds a graph).
// Broadcasting is undone by `sumTo` on each input's cotangent.

extension Variable {
    public static func + (a: Variable, b: Variable) throws -> Variable {
        try record("add", a.value + b.value, [a, b]) { g in [try g.sumTo(a.shape), try g.sumTo(b.shape)] }
    }
    public static func - (a: Variable, b: Variable) throws -> Variable {
        try record("sub", a.value - b.value, [a, b]) { g in [try g.sumTo(a.shape), try g.neg().sumTo(b.shape)] }
    }
    public static func * (a: Variable, b: Variable) throws -> Variable {
        try record("mul", a.value * b.value, [a, b]) { g in
            [a.isTracked ? try (g * b).sumTo(a.shape) : nil, b.isTracked ? try (g * a).sumTo(b.shape) : nil]
        }
    }
    public static func / (a: Variable, b: Variable) throws -> Variable {
        try record("div", a.value / b.value, [a, b]) { g in
            [a.isTracked ? try (g / b).sumTo(a.shape) : nil,
             b.isTracked ? try (g * a / (b * b)).neg().sumTo(b.shape) : nil]
        }
    }
    public static prefix func - (a: Variable) throws -> Variable { try a.neg() }

    // Scalar conveniences (the scalar is a constant).
    public static func + (a: Variable, s: Float) throws -> Variable { try record("add", a.value + s, a) { g in g } }
    public static func - (a: Variable, s: Float) throws -> Variable { try record("sub", a.value - s, a) { g in g } }
    public static func * (a: Variable, s: Float) throws -> Variable { try a.scaled(s) }
    public static func / (a: Variable, s: Float) throws -> Variable { try a.scaled(1 / s) }
    public static func * (s: Float, a: Variable) throws -> Variable { try a.scaled(s) }
    public static func - (s: Float, a: Variable) throws -> Variable { try record("rsub", s - a.value, a) { g in try g.neg() } }

    public func scaled(_ s: Float) throws -> Variable { try record("scale", value * s, self) { g in try g.scaled(s) } }
    public func neg() throws -> Variable { try record("neg", value.neg(), self) { g in try g.neg() } }

    // Rules that reuse the forward result capture it as a plain tensor when the backward
    // pass is not recorded, and recompute it as a Variable when it is (no node cycles).
    public func exp() throws -> Variable {
        let y = value.exp()
        return try record("exp", y, self) { g in try g * (GradMode.isEnabled ? self.exp() : Variable(y)) }
    }
    public func log() throws -> Variable { try record("log", value.log(), self) { g in try g / self } }
    public func sqrt() throws -> Variable {
        let y = value.sqrt()
        return try record("sqrt", y, self) { g in try g / (GradMode.isEnabled ? self.sqrt() : Variable(y)).scaled(2) }
    }
    public func sin() throws -> Variable { try record("sin", value.sin(), self) { g in try g * self.cos() } }
    public func cos() throws -> Variable { try record("cos", value.cos(), self) { g in try (g * self.sin()).neg() } }
    public func tanh() throws -> Variable {
        let y = value.tanh()
        return try record("tanh", y, self) { g in
            let t = GradMode.isEnabled ? try self.tanh() : Variable(y)
            return try g * (1 - t * t)
        }
    }
    public func sigmoid() throws -> Variable {
        let y = value.sigmoid()
        return try record("sigmoid", y, self) { g in
            let s = GradMode.isEnabled ? try self.sigmoid() : Variable(y)
            return try g * s * (1 - s)
        }
    }
    /// max(x, 0); its derivative is `reluGrad`: the cotangent masked by x > 0 (second derivative 0).
    public func relu() throws -> Variable {
        try record("relu", value.relu(), self) { g in try g.reluGrad(at: self.value) }
    }
    /// `self` (a cotangent) where `x` > 0, else 0, in one fused pass. Linear in `self` with
    /// a constant mask, so its rule is itself: u ↦ reluGrad(u, x); `x` gets no gradient.
    public func reluGrad(at x: Tensor) throws -> Variable {
        try record("relu_grad", Tensor.reluGrad(value, x), self) { u in try u.reluGrad(at: x) }
    }
    public func abs() throws -> Variable {
        try record("abs", value.abs(), self) { g in try g * Variable(self.value.sign()) }
    }
    public func square() throws -> Variable { try self * self }
    /// x^p for a constant exponent.
    public func pow(_ p: Float) throws -> Variable {
        try record("pow", value.pow(p), self) { g in
            p == 1 ? g : try g * self.pow(p - 1).scaled(p)
        }
    }
    /// x^y elementwise (x > 0 where y is differentiated).
    public func pow(_ y: Variable) throws -> Variable {
        if !y.isTracked, let e = y.value.scalarValue, y.rank <= rank { return try pow(e) }
        let out = try value.pow(y.value)
        return try record("pow", out, [self, y]) { g in
            let z = try self.pow(y)
            return [self.isTracked ? try (g * y * self.pow(y - 1)).sumTo(self.shape) : nil,
                    y.isTracked ? try (g * z * self.log()).sumTo(y.shape) : nil]
        }
    }
    /// Elementwise minimum; ties send the gradient to `self`.
    public func minimum(_ b: Variable) throws -> Variable {
        let m = try value.le(b.value)
        return try record("minimum", value.minimum(b.value), [self, b]) { g in
            [try (g * Variable(m)).sumTo(self.shape), try (g * Variable(m.logicalNot())).sumTo(b.shape)]
        }
    }
    /// Elementwise maximum; ties send the gradient to `self`.
    public func maximum(_ b: Variable) throws -> Variable {
        let m = try value.ge(b.value)
        return try record("maximum", value.maximum(b.value), [self, b]) { g in
            [try (g * Variable(m)).sumTo(self.shape), try (g * Variable(m.logicalNot())).sumTo(b.shape)]
        }
    }
    /// Limits to [lo, hi]; zero gradient where clamped.
    public func clamp(min lo: Float? = nil, max hi: Float? = nil) throws -> Variable {
        let l = lo ?? -.infinity, h = hi ?? .infinity
        let inside = value.map { $0 >= l && $0 <= h ? 1 : 0 }
        return try record("clamp", value.clamp(min: lo, max: hi), self) { g in try g * Variable(inside) }
    }
    /// `a` where `cond` is non-zero, else `b` (the condition is never differentiated).
    public static func `where`(_ cond: Tensor, _ a: Variable, _ b: Variable) throws -> Variable {
        let out = try Tensor.where(cond, a.value, b.value)
        let zero = Variable(Tensor.zeros([]))
        return try record("where", out, [a, b]) { g in
            [try Variable.where(cond, g, zero).sumTo(a.shape), try Variable.where(cond, zero, g).sumTo(b.shape)]
        }
    }
}
