import Foundation

/// Elementwise unary math. Each is one vectorisable (or libm) loop.
extension Tensor {
    public func neg() -> Tensor { map(Kernel.Neg()) }
    public func abs() -> Tensor { map(Kernel.Abs()) }
    public func exp() -> Tensor { map(Kernel.Exp()) }
    /// Natural logarithm; non-positive inputs give -inf / nan as in IEEE arithmetic.
    public func log() -> Tensor { map(Kernel.Log()) }
    public func sqrt() -> Tensor { map(Kernel.Sqrt()) }
    public func sin() -> Tensor { map { Foundation.sin($0) } }
    public func cos() -> Tensor { map { Foundation.cos($0) } }
    public func tanh() -> Tensor { map(Kernel.Tanh()) }
    /// 1 / (1 + e^-x), computed without overflow for large |x|.
    public func sigmoid() -> Tensor {
        map { x in
            if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
            let e = Foundation.exp(x)
            return e / (1 + e)
        }
    }
    public func relu() -> Tensor { map(Kernel.Relu()) }
    /// The ReLU backward in one pass: `g` where `x` > 0, else 0 (`g` and `x` of one shape).
    public static func reluGrad(_ g: Tensor, _ x: Tensor) throws -> Tensor {
        guard g.shape == x.shape else {
            throw TensorError.shapes("relu_grad", g.shape, x.shape, why: "must be equal")
        }
        return try g.zip(x, op: "relu_grad", Kernel.ReluGrad())
    }
    /// -1, 0 or 1 (0 for ±0; nan stays nan).
    public func sign() -> Tensor { map { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? .nan : 0)) } }
    public func square() -> Tensor { map(Kernel.Square()) }
    public func reciprocal() -> Tensor { map { 1 / $0 } }
    /// Elements limited to `[lo, hi]` (either bound optional).
    public func clamp(min lo: Float? = nil, max hi: Float? = nil) -> Tensor {
        let l = lo ?? -.infinity, h = hi ?? .infinity
        return map { Swift.min(Swift.max($0, l), h) }
    }
    /// 1 where the element is non-zero, else 0.
    public func logicalNot() -> Tensor { map { $0 == 0 ? 1 : 0 } }
    /// 1 where the element is finite.
    public func isFinite() -> Tensor { map { $0.isFinite ? 1 : 0 } }
    /// Whether every element is finite (no NaN or ±inf).
    public var allFinite: Bool {
        withUnsafeBufferPointer { b in
            var ok = true
            for v in b where !v.isFinite { ok = false; break }
            return ok
        }
    }
}
