import Foundation
import GyreTensor
import CLBFGS

/// L2-regularised multinomial logistic regression fitted with L-BFGS (liblbfgs): the
/// paper's linear probe for classification datasets (CIFAR: L2 weight 1e-5, 500 iterations).
///
/// Objective, with logits z_i = x_i W + b (W [d, k], b [k]):
///
///     L(W, b) = (1/n) Σ_i −log softmax(z_i)[y_i]  +  l2 · ‖W‖²
///
/// — mean cross-entropy plus `l2` times the squared Frobenius norm of W (the bias is not
/// penalised), as the authors' code (`criterion(clf(X), y) + reg_weight * clf.weight.pow(2).sum()`).
/// The objective and its gradient are computed with GyreTensor (one sgemm each way);
/// softmax and the loss are accumulated in Double. This file is the only caller of liblbfgs.
///
///     let probe = try LogisticRegression(features: fTrain, labels: yTrain, l2: 1e-5, iterations: 500)
///     let (accuracy, crossEntropy) = try probe.evaluate(features: fTest, labels: yTest)
public struct LogisticRegression: Sendable {
    public let weights: Tensor   // [d, k]
    public let bias: Tensor      // [k]
    public let classes: Int
    public let l2: Float
    /// L-BFGS iterations run.
    public let iterations: Int
    public let status: Status
    /// The objective L(W, b) at the solution (training data).
    public let objective: Double

    /// How the optimiser stopped. All of these are successes: the parameters are the last
    /// accepted iterate.
    public enum Status: String, Sendable {
        /// ‖∇L‖ < ε·max(1, ‖θ‖), or the objective stopped decreasing.
        case converged
        /// The starting point already satisfied the convergence test.
        case alreadyMinimized
        /// The iteration budget ran out.
        case maxIterations
        /// The line search could not improve further in floating-point precision (the
        /// objective is computed in Float32, so this is a normal way to end close to the optimum).
        case precisionLimit
    }

    /// Fits on features [n, d] and labels in 0..<classes (classes defaults to max label + 1).
    public init(features x: Tensor, labels: [Int], classes: Int? = nil, l2: Float = 1e-5,
                iterations: Int = 500, tolerance: Double = 1e-5) throws {
        let obj = try Objective(features: x, labels: labels, classes: classes, l2: l2)
        guard iterations >= 1 else { throw LearnError("logistic_regression", "iterations must be at least 1, got \(iterations)") }
        guard tolerance > 0, tolerance.isFinite else { throw LearnError("logistic_regression", "tolerance must be positive, got \(tolerance)") }
        let (d, k) = (obj.dim, obj.classes)
        let used = d * k + k
        // SSE builds of liblbfgs need a multiple of 16 variables in an lbfgs_malloc'd block;
        // the padding variables have zero gradient and stay at zero.
        let n = (used + 15) / 16 * 16
        guard let x0 = lbfgs_malloc(Int32(n)) else { throw LearnError("logistic_regression", "liblbfgs could not allocate \(n) variables") }
        defer { lbfgs_free(x0) }
        for i in 0..<n { x0[i] = 0 }

        var param = lbfgs_parameter_t()
        lbfgs_parameter_init(&param)
        param.max_iterations = Int32(iterations)
        param.epsilon = tolerance
        let context = Context(objective: obj)
        var fx: Double = 0
        let ret = lbfgs(Int32(n), x0, &fx, { instance, x, g, n, _ in
            let ctx = Unmanaged<Context>.fromOpaque(instance!).takeUnretainedValue()
            return ctx.evaluate(x!, g!, Int(n))
        }, { instance, _, _, _, _, _, _, _, k, _ in
            let ctx = Unmanaged<Context>.fromOpaque(instance!).takeUnretainedValue()
            ctx.iterations = Int(k)
            return Interrupt.requested ? 1 : 0
        }, Unmanaged.passUnretained(context).toOpaque(), &param)

        switch Int(ret) {
        case LBFGS_SUCCESS, LBFGS_STOP: status = .converged
        case LBFGS_ALREADY_MINIMIZED: status = .alreadyMinimized
        case LBFGSERR_MAXIMUMITERATION: status = .maxIterations
        case LBFGSERR_ROUNDING_ERROR, LBFGSERR_MINIMUMSTEP, LBFGSERR_MAXIMUMSTEP,
             LBFGSERR_MAXIMUMLINESEARCH, LBFGSERR_WIDTHTOOSMALL:
            // liblbfgs reverts to the last accepted iterate; unless the objective itself went
            // non-finite, that iterate is the answer at Float32 precision.
            if let e = context.failure { throw e }
            status = .precisionLimit
        case LBFGSERR_CANCELED:
            Interrupt.requested = false
            throw Interrupt.Interrupted()
        default:
            if let e = context.failure { throw e }
            throw LearnError("logistic_regression", "L-BFGS failed: \(Self.describe(ret))")
        }
        let (w, b) = obj.unpack(UnsafePointer(x0))
        let final = try obj.evaluate(weights: w, bias: b)
        guard final.loss.isFinite else { throw LearnError("logistic_regression", "the fitted objective is not finite") }
        weights = w
        bias = b
        self.classes = k
        self.l2 = l2
        self.iterations = context.iterations
        objective = final.loss
    }

    /// Logits [m, k] of features [m, d].
    public func logits(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == weights.shape[0] else {
            throw LearnError("logistic_regression", "features must be [m, \(weights.shape[0])], got \(Shape.describe(x.shape))")
        }
        return try Tensor.matmul(x, weights) + bias
    }

    /// Class probabilities [m, k].
    public func probabilities(_ x: Tensor) throws -> Tensor { try logits(x).softmax(axis: 1) }

    /// The most probable class of each row.
    public func predict(_ x: Tensor) throws -> [Int] {
        try logits(x).argmax(axis: 1).array.map { Int($0) }
    }

    /// Accuracy (fraction correct) and mean cross-entropy on (features, labels).
    public func evaluate(features x: Tensor, labels: [Int]) throws -> (accuracy: Float, crossEntropy: Float) {
        let z = try logits(x)
        let m = z.shape[0]
        guard labels.count == m else {
            throw LearnError("logistic_regression", "\(m) feature rows but \(labels.count) labels")
        }
        guard m > 0 else { throw LearnError("logistic_regression", "no test rows") }
        try checkLabels(labels, classes: classes)
        var correct = 0, ce = 0.0
        z.withUnsafeBufferPointer { p in
            for i in 0..<m {
                let row = p.baseAddress! + i * classes
                var best = 0, mx = Double(row[0])
                for c in 1..<max(classes, 1) where Double(row[c]) > mx { mx = Double(row[c]); best = c }
                var s = 0.0
                for c in 0..<classes { s += Foundation.exp(Double(row[c]) - mx) }
                ce += mx + Foundation.log(s) - Double(row[labels[i]])
                if best == labels[i] { correct += 1 }
            }
        }
        return (Float(correct) / Float(m), Float(ce / Double(m)))
    }

    static func describe(_ status: Int32) -> String {
        let code = Int(status)
        let names: [Int: String] = [
            LBFGSERR_UNKNOWNERROR: "unknown error",
            LBFGSERR_LOGICERROR: "logic error",
            LBFGSERR_OUTOFMEMORY: "out of memory",
            LBFGSERR_INVALID_N: "invalid number of variables",
            LBFGSERR_INVALID_N_SSE: "the number of variables is not a multiple of 16 (SSE build)",
            LBFGSERR_INVALID_X_SSE: "the variables are not 16-byte aligned (SSE build)",
            LBFGSERR_OUTOFINTERVAL: "the line-search step went out of the interval of uncertainty",
            LBFGSERR_INCORRECT_TMINMAX: "a logic error in the line search (tmin/tmax)",
            LBFGSERR_INVALIDPARAMETERS: "a negative line-search step (non-finite objective or gradient?)",
            LBFGSERR_INCREASEGRADIENT: "the search direction increases the objective (inconsistent gradient?)",
        ]
        if let s = names[code] { return "\(s) (liblbfgs status \(code))" }
        if code >= LBFGSERR_INVALID_EPSILON && code <= LBFGSERR_INVALID_ORTHANTWISE_END {
            return "invalid optimiser parameter (liblbfgs status \(code))"
        }
        return "liblbfgs status \(code)"
    }

    /// The bridge handed to liblbfgs's callbacks.
    final class Context {
        let objective: Objective
        var iterations = 0
        var failure: Error?
        init(objective: Objective) { self.objective = objective }

        func evaluate(_ x: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
            let (w, b) = objective.unpack(x)
            do {
                let r = try objective.evaluate(weights: w, bias: b)
                for i in 0..<n { g[i] = 0 }
                r.gradWeights.withUnsafeBufferPointer { p in for i in 0..<p.count { g[i] = Double(p[i]) } }
                let off = r.gradWeights.count
                r.gradBias.withUnsafeBufferPointer { p in for i in 0..<p.count { g[off + i] = Double(p[i]) } }
                if !r.loss.isFinite { failure = LearnError("logistic_regression", "the objective became non-finite (features too large?)") }
                return r.loss
            } catch {
                failure = error
                for i in 0..<n { g[i] = 0 }
                return .nan
            }
        }
    }
}

extension LogisticRegression {
    /// The training objective and its gradient (exposed for checking and for other optimisers).
    public struct Objective: Sendable {
        public let features: Tensor
        public let labels: [Int]
        public let classes: Int
        public let l2: Float
        public var dim: Int { features.shape[1] }
        public var count: Int { features.shape[0] }

        public init(features x: Tensor, labels: [Int], classes: Int? = nil, l2: Float) throws {
            guard x.rank == 2 else { throw LearnError("logistic_regression", "features must be [n, d], got \(Shape.describe(x.shape))") }
            guard labels.count == x.shape[0] else {
                throw LearnError("logistic_regression", "features \(Shape.describe(x.shape)) have \(x.shape[0]) rows but there are \(labels.count) labels")
            }
            guard x.shape[0] > 0, x.shape[1] > 0 else { throw LearnError("logistic_regression", "no training data (features \(Shape.describe(x.shape)))") }
            guard l2 >= 0, l2.isFinite else { throw LearnError("logistic_regression", "the L2 weight must be non-negative, got \(l2)") }
            let k = classes ?? ((labels.max() ?? 0) + 1)
            guard k >= 2 else { throw LearnError("logistic_regression", "needs at least 2 classes, got \(k)") }
            try checkLabels(labels, classes: k)
            guard x.withUnsafeBufferPointer({ $0.allSatisfy(\.isFinite) }) else {
                throw LearnError("logistic_regression", "features contain NaN or infinity")
            }
            features = x; self.labels = labels; self.classes = k; self.l2 = l2
        }

        /// W and b from a parameter vector laid out as W (row-major [d, k]) then b.
        public func unpack(_ x: UnsafePointer<Double>) -> (Tensor, Tensor) {
            let (d, k) = (dim, classes)
            var w = Tensor.zeros([d, k]), b = Tensor.zeros([k])
            w.withUnsafeMutableBufferPointer { p in for i in 0..<(d * k) { p[i] = Float(x[i]) } }
            b.withUnsafeMutableBufferPointer { p in for i in 0..<k { p[i] = Float(x[d * k + i]) } }
            return (w, b)
        }

        /// L(W, b), ∂L/∂W [d, k] and ∂L/∂b [k].
        public func evaluate(weights w: Tensor, bias b: Tensor) throws -> (loss: Double, gradWeights: Tensor, gradBias: Tensor) {
            let (n, k) = (count, classes)
            let z = try Tensor.matmul(features, w)                      // [n, k]
            var r = Tensor.zeros([n, k])                                // (softmax − onehot) / n
            var gb = [Double](repeating: 0, count: k)
            var ce = 0.0
            let inv = 1 / Double(n)
            z.withUnsafeBufferPointer { zp in
                b.withUnsafeBufferPointer { bp in
                    r.withUnsafeMutableBufferPointer { rp in
                        var row = [Double](repeating: 0, count: k)
                        for i in 0..<n {
                            var mx = -Double.infinity
                            for c in 0..<k { row[c] = Double(zp[i * k + c]) + Double(bp[c]); mx = Swift.max(mx, row[c]) }
                            var s = 0.0
                            for c in 0..<k { row[c] = Foundation.exp(row[c] - mx); s += row[c] }
                            let y = labels[i]
                            ce += Foundation.log(s) - Foundation.log(Swift.max(row[y], .leastNormalMagnitude))
                            for c in 0..<k {
                                let v = (row[c] / s - (c == y ? 1 : 0)) * inv
                                rp[i * k + c] = Float(v)
                                gb[c] += v
                            }
                        }
                    }
                }
            }
            var gw = try Tensor.matmul(features, r, transposeA: true)  // [d, k]
            var penalty = 0.0
            if l2 > 0 {
                let twoL2 = 2 * l2
                w.withUnsafeBufferPointer { wp in
                    gw.withUnsafeMutableBufferPointer { gp in
                        for i in 0..<wp.count { penalty += Double(wp[i]) * Double(wp[i]); gp[i] += twoL2 * wp[i] }
                    }
                }
            }
            return (ce * inv + Double(l2) * penalty, gw, Tensor(gb.map { Float($0) }))
        }
    }
}

/// Throws if a label is outside 0..<classes, naming the first offending row.
func checkLabels(_ labels: [Int], classes: Int, op: String = "logistic_regression") throws {
    if let (i, y) = labels.enumerated().first(where: { $0.element < 0 || $0.element >= classes }) {
        throw LearnError(op, "label \(y) at row \(i) is out of range 0…\(classes - 1)")
    }
}
