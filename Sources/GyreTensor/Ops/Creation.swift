/// Constructors: constant fills, ranges, identity.
extension Tensor {
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }
    public static func full(_ shape: [Int], _ value: Float) -> Tensor { Tensor(repeating: value, shape: shape) }

    /// Checks that a user-supplied shape has no negative dimensions.
    public static func validate(shape: [Int], op: String) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError(op, "negative dimension in shape \(Shape.describe(shape))")
        }
    }

    /// start, start+step, … up to but excluding stop.
    public static func arange(_ start: Float, _ stop: Float, step: Float = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw TensorError("arange", "step must be non-zero and bounds finite")
        }
        let span = ((stop - start) / step).rounded(.up)
        // Int(_:) traps on infinity; no sane range has 2^40 elements.
        guard span < 0x1p40 else { throw TensorError("arange", "\(start)..<\(stop) by \(step) has too many elements") }
        let n = Swift.max(0, Int(span))
        let out = Tensor.uninitialized([n])
        for i in 0..<n { out.ptr[i] = start + Float(i) * step }
        return out
    }

    /// `n` evenly spaced values from `a` to `b` inclusive.
    public static func linspace(_ a: Float, _ b: Float, count n: Int) throws -> Tensor {
        guard n >= 0 else { throw TensorError("linspace", "count must be non-negative, got \(n)") }
        let out = Tensor.uninitialized([n])
        let step = n > 1 ? (Double(b) - Double(a)) / Double(n - 1) : 0
        for i in 0..<n { out.ptr[i] = Float(Double(a) + Double(i) * step) }
        if n > 1 { out.ptr[n - 1] = b }
        return out
    }

    /// The n×n identity.
    public static func eye(_ n: Int) throws -> Tensor {
        guard n >= 0 else { throw TensorError("eye", "size must be non-negative, got \(n)") }
        let out = Tensor.zeros([n, n])
        for i in 0..<n { out.ptr[i * n + i] = 1 }
        return out
    }
}
