import Foundation
import GyreTensor
import GyreAutodiff

/// Elementwise math, reductions and linear algebra.
extension BuiltinRegistry {
    func registerMath() {
        family("math", "elementwise functions (all differentiable where defined)")
        let unary: [(String, String, (Variable) throws -> Variable)] = [
            ("abs", "Absolute value.", { try $0.abs() }),
            ("exp", "e to the power x.", { try $0.exp() }),
            ("log", "Natural logarithm.", { try $0.log() }),
            ("sqrt", "Square root.", { try $0.sqrt() }),
            ("sin", "Sine (radians).", { try $0.sin() }),
            ("cos", "Cosine (radians).", { try $0.cos() }),
            ("tanh", "Hyperbolic tangent.", { try $0.tanh() }),
            ("sigmoid", "The logistic function 1 / (1 + e^-x).", { try $0.sigmoid() }),
            ("relu", "max(x, 0).", { try $0.relu() }),
            ("square", "x².", { try $0.square() }),
        ]
        for (name, summary, f) in unary {
            register(BuiltinSpec(name, family: "math", summary: summary, example: "\(name)([0.5, 1, 2])",
                                 params: [Param("x", .array)]) { a, _ in .wrap(try f(try a.array("x"))) })
        }
        let constant: [(String, String, (Tensor) -> Tensor)] = [
            ("sign", "-1, 0 or 1 by the sign of x (gradient zero).", { $0.sign() }),
            ("floor", "Largest integer ≤ x (gradient zero).", { $0.map { $0.rounded(.down) } }),
            ("ceil", "Smallest integer ≥ x (gradient zero).", { $0.map { $0.rounded(.up) } }),
            ("round", "Nearest integer, halves away from zero (gradient zero).", { $0.map { $0.rounded() } }),
        ]
        for (name, summary, f) in constant {
            register(BuiltinSpec(name, family: "math", summary: summary, example: "\(name)([-1.5, 0.2, 2.7])",
                                 params: [Param("x", .array)]) { a, _ in .wrap(f(try a.tensor("x"))) })
        }
        register(BuiltinSpec("clamp", family: "math", summary: "x limited to [min, max] (either optional).",
                             example: "clamp([-2, 0.5, 3], min: 0, max: 1)",
                             params: [Param("x", .array), Param("min", .optional(.number), default: Value.none),
                                      Param("max", .optional(.number), default: Value.none)]) { a, _ in
            .wrap(try a.array("x").clamp(min: try a.optionalFloat("min"), max: try a.optionalFloat("max")))
        })
        register(BuiltinSpec("minimum", family: "math", summary: "Elementwise minimum of two arrays.", example: "minimum([1, 5], [3, 2])",
                             params: [Param("a", .array), Param("b", .array)]) { a, _ in
            .wrap(try a.array("a").minimum(try a.array("b")))
        })
        register(BuiltinSpec("maximum", family: "math", summary: "Elementwise maximum of two arrays.", example: "maximum([1, 5], [3, 2])",
                             params: [Param("a", .array), Param("b", .array)]) { a, _ in
            .wrap(try a.array("a").maximum(try a.array("b")))
        })
        register(BuiltinSpec("isfinite", family: "math", summary: "true where x is neither NaN nor infinite.", example: "isfinite([1, inf, nan])",
                             params: [Param("x", .array)]) { a, _ in maskValue(try a.tensor("x").isFinite()) })
        registerReductions()
        registerLinearAlgebra()
    }

    private func registerReductions() {
        family("reductions", "sums, means, extrema and normalisations over axes")
        let axisParams = [Param("x", .array), Param("axis", .optional(.axes), default: Value.none, "axis or list of axes; none = all"),
                          Param("keepdims", .bool, default: .bool(false), "keep reduced axes with size 1")]
        let reductions: [(String, String, (Variable, [Int]?, Bool) throws -> Variable)] = [
            ("sum", "Sum over axes.", { try $0.sum(axes: $1, keepdims: $2) }),
            ("mean", "Mean over axes.", { try $0.mean(axes: $1, keepdims: $2) }),
            ("max", "Maximum over axes (gradient shared between ties).", { try $0.max(axes: $1, keepdims: $2) }),
            ("min", "Minimum over axes.", { try $0.min(axes: $1, keepdims: $2) }),
            ("norm", "Euclidean norm over axes.", { try $0.norm(axes: $1, keepdims: $2) }),
            ("logsumexp", "log Σ exp(x) over axes, computed stably.", { try $0.logsumexp(axes: $1, keepdims: $2) }),
        ]
        for (name, summary, f) in reductions {
            register(BuiltinSpec(name, family: "reductions", summary: summary, example: "\(name)([[1, 2], [3, 4]], axis: 1)",
                                 params: axisParams) { a, _ in
                .wrap(try f(try a.array("x"), try a.ints("axis"), try a.bool("keepdims")))
            })
        }
        let ddof = Param("ddof", .integer, default: .number(0), "delta degrees of freedom (1 for the sample variance)")
        register(BuiltinSpec("var", family: "reductions", summary: "Variance over axes.", example: "var([1, 2, 3, 4])",
                             params: axisParams + [ddof]) { a, _ in
            .wrap(try a.array("x").variance(axes: try a.ints("axis"), keepdims: try a.bool("keepdims"), ddof: try a.int("ddof")))
        })
        register(BuiltinSpec("std", family: "reductions", summary: "Standard deviation over axes.", example: "std([1, 2, 3, 4])",
                             params: axisParams + [ddof]) { a, _ in
            .wrap(try a.array("x").variance(axes: try a.ints("axis"), keepdims: try a.bool("keepdims"), ddof: try a.int("ddof")).sqrt())
        })
        for (name, isMax) in [("argmax", true), ("argmin", false)] {
            register(BuiltinSpec(name, family: "reductions", summary: "Index of the \(isMax ? "largest" : "smallest") element (along `axis`, or of the flattened array).",
                                 example: "\(name)([[1, 9], [7, 3]], axis: 1)",
                                 params: [Param("x", .array), Param("axis", .optional(.integer), default: Value.none),
                                          Param("keepdims", .bool, default: .bool(false))]) { a, _ in
                let t = try a.tensor("x")
                let r = isMax ? try t.argmax(axis: try a.optionalInt("axis"), keepdims: try a.bool("keepdims"))
                              : try t.argmin(axis: try a.optionalInt("axis"), keepdims: try a.bool("keepdims"))
                return .wrap(r)
            })
        }
        register(BuiltinSpec("softmax", family: "reductions", summary: "exp(x) normalised to sum to 1 along `axis`.",
                             example: "softmax([1, 2, 3])", params: [Param("x", .array), Param("axis", .integer, default: .number(-1))]) { a, _ in
            .wrap(try a.array("x").softmax(axis: try a.int("axis")))
        })
        register(BuiltinSpec("log_softmax", family: "reductions", summary: "log(softmax(x)) along `axis`, computed stably.",
                             example: "log_softmax([1, 2, 3])", params: [Param("x", .array), Param("axis", .integer, default: .number(-1))]) { a, _ in
            .wrap(try a.array("x").logSoftmax(axis: try a.int("axis")))
        })
        register(BuiltinSpec("normalize", family: "reductions", summary: "x divided by its Euclidean norm along `axis`.",
                             example: "normalize([[3, 4]], axis: 1)", params: [Param("x", .array), Param("axis", .integer, default: .number(-1))]) { a, _ in
            .wrap(try a.array("x").l2Normalized(axis: try a.int("axis")))
        })
        for (name, isAll) in [("any", false), ("all", true)] {
            register(BuiltinSpec(name, family: "reductions", summary: isAll ? "true if every element is non-zero." : "true if some element is non-zero.",
                                 example: "\(name)([0, 1, 1] > 0)", params: [Param("x", .array)]) { a, _ in
                let t = try a.tensor("x")
                let nz = t.withUnsafeBufferPointer { b in b.filter { $0 != 0 }.count }
                return .bool(isAll ? nz == t.count : nz > 0)
            })
        }
    }

    private func registerLinearAlgebra() {
        family("linalg", "matrix products, convolution, pooling and solves")
        register(BuiltinSpec("matmul", family: "linalg", summary: "Matrix product (same as `a @ b`; batched with broadcasting).",
                             example: "matmul(eye(2), [[1, 2], [3, 4]])", params: [Param("a", .array), Param("b", .array)]) { a, _ in
            .wrap(try Variable.matmul(try a.array("a"), try a.array("b")))
        })
        register(BuiltinSpec("outer", family: "linalg", summary: "Outer product of two vectors.", example: "outer([1, 2], [1, 10, 100])",
                             params: [Param("a", .array), Param("b", .array)]) { a, _ in
            let u = try a.array("a"), v = try a.array("b")
            return .wrap(try u.reshape([u.count, 1]) * v.reshape([1, v.count]))
        })
        register(BuiltinSpec("conv2d", family: "linalg", summary: "2-d convolution of NCHW `x` with OIHW `weight` (cross-correlation, as PyTorch).",
                             example: "conv2d(randn([1, 3, 8, 8]), randn([4, 3, 3, 3]), padding: 1)",
                             params: [Param("x", .array), Param("weight", .array), Param("stride", .axes, default: .number(1)),
                                      Param("padding", .axes, default: .number(0))]) { a, _ in
            .wrap(try Variable.conv2d(try a.array("x"), try a.array("weight"), stride: try pair(a, "stride"), padding: try pair(a, "padding")))
        })
        for (name, isMax) in [("max_pool2d", true), ("avg_pool2d", false)] {
            register(BuiltinSpec(name, family: "linalg", summary: "\(isMax ? "Maximum" : "Average") over k×k windows of an NCHW array.",
                                 example: "\(name)(randn([1, 1, 4, 4]), 2)",
                                 params: [Param("x", .array), Param("kernel", .axes), Param("stride", .optional(.axes), default: Value.none),
                                          Param("padding", .axes, default: .number(0))]) { a, _ in
                let k = try pair(a, "kernel"), s = a.isNone("stride") ? k : try pair(a, "stride"), p = try pair(a, "padding")
                let x = try a.array("x")
                return .wrap(isMax ? try x.maxPool2d(kernel: k, stride: s, padding: p) : try x.avgPool2d(kernel: k, stride: s, padding: p))
            })
        }
        register(BuiltinSpec("solve_spd", family: "linalg", summary: "Solves A X = B for symmetric positive-definite A (LAPACK sposv).",
                             example: "solve_spd([[2, 0], [0, 4]], [2, 8])", params: [Param("A", .array), Param("B", .array)]) { a, _ in
            .wrap(try Tensor.solveSPD(try a.tensor("A"), try a.tensor("B")))
        })
        register(BuiltinSpec("cosine_similarity", family: "linalg", summary: "Pairwise cosine similarities of the rows of a [n, d] and b [m, d].",
                             example: "cosine_similarity([[1, 0]], [[1, 1], [0, 1]])", params: [Param("a", .array), Param("b", .array)]) { a, _ in
            .wrap(try Variable.cosineSimilarity(try a.array("a"), try a.array("b")))
        })
        register(BuiltinSpec("cross_entropy", family: "linalg", summary: "Mean cross-entropy of logits [n, k] against integer class targets [n].",
                             example: "cross_entropy([[2, 0], [0, 2]], [0, 1])", params: [Param("logits", .array), Param("targets", .array)]) { a, _ in
            let t = try a.tensor("targets").array
            return .wrap(try Variable.crossEntropy(logits: try a.array("logits"), targets: t.map { Int($0) }))
        })
    }
}

/// An integer or a pair of integers (kernel sizes, strides, paddings).
func pair(_ a: Arguments, _ name: String) throws -> (Int, Int) {
    let xs = try a.ints(name) ?? []
    switch xs.count {
    case 1: return (xs[0], xs[0])
    case 2: return (xs[0], xs[1])
    default: throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': expected an integer or a pair of integers", at: a.spanOf(name))
    }
}

func maskValue(_ t: Tensor) -> Value { t.rank == 0 ? .bool(t[flat: 0] != 0) : .mask(t) }
