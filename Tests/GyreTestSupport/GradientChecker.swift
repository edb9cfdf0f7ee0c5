import GyreTensor
import GyreAutodiff

/// Checks reverse-mode derivatives against central finite differences, along random
/// directions, to first and (recursively) higher order — after autograd's `check_grads`.
///
/// For order 2 it checks the gradient of x ↦ ⟨∇f(x), v⟩, which exercises the recorded
/// backward pass (double backward).
public struct GradientChecker {
    public var eps: Float = 1e-2
    public var rtol: Float = 2e-2
    public var atol: Float = 2e-3
    public var seed: UInt64 = 7

    public init(eps: Float = 1e-2, rtol: Float = 2e-2, atol: Float = 2e-3, seed: UInt64 = 7) {
        self.eps = eps; self.rtol = rtol; self.atol = atol; self.seed = seed
    }

    public struct Failure: Error, CustomStringConvertible {
        public let order: Int
        public let analytic: Float
        public let numeric: Float
        public var description: String { "order \(order): analytic directional derivative \(analytic) vs finite difference \(numeric)" }
    }

    /// Throws a `Failure` if the derivatives of `f` at `inputs` disagree with finite differences.
    /// Non-scalar outputs are reduced with a fixed random weighting first.
    public func check(order: Int = 2, at inputs: [Tensor], _ f: @escaping ([Variable]) throws -> Variable) throws {
        var rng = RandomStream(seed: seed)
        // Scalarise with a fixed weighting so every output element matters.
        let probe = try f(inputs.map { Variable($0) })
        let w = Variable(rng.normal(probe.shape))
        let scalar: ([Variable]) throws -> Variable = { xs in
            let y = try f(xs)
            return y.count == 1 && y.rank == 0 ? y : try (y * w).sum()
        }
        try checkRecursive(order: order, level: 1, at: inputs, scalar, rng: &rng)
    }

    private func checkRecursive(order: Int, level: Int, at inputs: [Tensor], _ f: @escaping ([Variable]) throws -> Variable,
                                rng: inout RandomStream) throws {
        let directions = inputs.map { rng.normal($0.shape) }
        // Analytic directional derivative ⟨∇f, v⟩.
        let (_, grads) = try Autodiff.valueAndGradient(of: f, at: inputs.map { Variable($0) }, argnums: Array(inputs.indices))
        var analytic: Float = 0
        for (g, v) in zip(grads, directions) { analytic += try (g.value * v).sum().scalarValue ?? 0 }
        // Central difference along v (in Double to keep rounding out of the comparison).
        let plus = try f(zip(inputs, directions).map { Variable(try $0 + $1 * eps) }).value.scalarValue ?? 0
        let minus = try f(zip(inputs, directions).map { Variable(try $0 - $1 * eps) }).value.scalarValue ?? 0
        let numeric = Float((Double(plus) - Double(minus)) / (2 * Double(eps)))
        if Swift.abs(analytic - numeric) > atol + rtol * Swift.max(Swift.abs(analytic), Swift.abs(numeric)) {
            throw Failure(order: level, analytic: analytic, numeric: numeric)
        }
        guard level < order else { return }
        // Next order: the directional derivative as a function, differentiated again.
        let dirVars = directions.map { Variable($0) }
        let next: ([Variable]) throws -> Variable = { xs in
            let (_, gs) = try Autodiff.valueAndGradient(of: f, at: xs, argnums: Array(xs.indices))
            var total: Variable? = nil
            for (g, v) in zip(gs, dirVars) {
                let term = try (g * v).sum()
                total = try total.map { try $0 + term } ?? term
            }
            return total ?? Variable(Tensor(0))
        }
        try checkRecursive(order: order, level: level + 1, at: inputs, next, rng: &rng)
    }
}
