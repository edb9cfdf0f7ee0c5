import Foundation

/// Elementwise binary ops with NumPy broadcasting. Shape errors name both shapes.
extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.zip(b, op: "add", Kernel.Add()) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.zip(b, op: "sub", Kernel.Sub()) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.zip(b, op: "mul", Kernel.Mul()) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.zip(b, op: "div", Kernel.Div()) }

    public static func + (a: Tensor, s: Float) -> Tensor { a.map(Kernel.AddScalar(s: s)) }
    public static func - (a: Tensor, s: Float) -> Tensor { a.map(Kernel.SubScalar(s: s)) }
    public static func * (a: Tensor, s: Float) -> Tensor { a.map(Kernel.MulScalar(s: s)) }
    public static func / (a: Tensor, s: Float) -> Tensor { a.map(Kernel.DivScalar(s: s)) }
    public static func + (s: Float, a: Tensor) -> Tensor { a.map(Kernel.AddScalar(s: s)) }
    public static func - (s: Float, a: Tensor) -> Tensor { a.map(Kernel.ScalarSub(s: s)) }
    public static func * (s: Float, a: Tensor) -> Tensor { a.map(Kernel.MulScalar(s: s)) }
    public static prefix func - (a: Tensor) -> Tensor { a.neg() }

    /// a^b elementwise (`pow`); integer exponents 2 and 0.5 take fast paths.
    public func pow(_ b: Tensor) throws -> Tensor {
        if let e = b.scalarValue, b.rank <= rank { return pow(e) }
        return try zip(b, op: "pow") { Foundation.pow($0, $1) }
    }
    public func pow(_ e: Float) -> Tensor {
        switch e {
        case 1: return map { $0 }
        case 2: return map(Kernel.Square())
        case 3: return map { $0 * $0 * $0 }
        case 0.5: return map(Kernel.Sqrt())
        case -1: return map { 1 / $0 }
        default: return map { Foundation.pow($0, e) }
        }
    }
    public func minimum(_ b: Tensor) throws -> Tensor { try zip(b, op: "minimum", Kernel.Minimum()) }
    public func maximum(_ b: Tensor) throws -> Tensor { try zip(b, op: "maximum", Kernel.Maximum()) }

    // Comparisons give 1 (true) or 0 (false).
    public func eq(_ b: Tensor) throws -> Tensor { try zip(b, op: "==") { $0 == $1 ? 1 : 0 } }
    public func ne(_ b: Tensor) throws -> Tensor { try zip(b, op: "!=") { $0 != $1 ? 1 : 0 } }
    public func lt(_ b: Tensor) throws -> Tensor { try zip(b, op: "<") { $0 < $1 ? 1 : 0 } }
    public func le(_ b: Tensor) throws -> Tensor { try zip(b, op: "<=") { $0 <= $1 ? 1 : 0 } }
    public func gt(_ b: Tensor) throws -> Tensor { try zip(b, op: ">") { $0 > $1 ? 1 : 0 } }
    public func ge(_ b: Tensor) throws -> Tensor { try zip(b, op: ">=") { $0 >= $1 ? 1 : 0 } }

    /// `a` where `cond` is non-zero, else `b`; all three broadcast together.
    public static func `where`(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let s1 = try Shape.broadcast(cond.shape, a.shape, op: "where")
        let shape = try Shape.broadcast(s1, b.shape, op: "where")
        let c = try cond.expanded(to: shape), x = try a.expanded(to: shape), y = try b.expanded(to: shape)
        let out = Tensor.uninitialized(shape)
        let pc = c.ptr, px = x.ptr, py = y.ptr, d = out.ptr
        Parallel.chunks(out.count) { r in for i in r { d[i] = pc[i] != 0 ? px[i] : py[i] } }
        return out
    }
}
