import GyreTensor

/// Seeded random numbers (Philox). Without `seed:` they draw from the session stream,
/// which `seed(n)` resets; with `seed:` they use a fresh stream and leave the session's alone.
extension BuiltinRegistry {
    func registerRandom() {
        family("random", "seeded random arrays (Philox4x32-10; identical on every machine)")
        let seedParam = Param("seed", .optional(.integer), default: Value.none, "a fixed seed; none draws from the session stream")
        register(BuiltinSpec("seed", family: "random", summary: "Resets the session random stream.", example: "seed(0)",
                             params: [Param("n", .integer)]) { a, interp in
            interp.rng = RandomStream(seed: UInt64(truncatingIfNeeded: try a.int("n")))
            return .none
        })
        register(BuiltinSpec("rand", family: "random", summary: "Uniform samples in [0, 1).", example: "rand([2, 3], seed: 0)",
                             params: [Param("shape", .shape), seedParam]) { a, interp in
            let s = try shape(a)
            return .wrap(try withStream(a, interp) { $0.uniform(s) })
        })
        register(BuiltinSpec("randn", family: "random", summary: "Normal samples (mean 0, std 1 unless given).", example: "randn([3, 4], seed: 0)",
                             params: [Param("shape", .shape), Param("mean", .number, default: .number(0)),
                                      Param("std", .number, default: .number(1)), seedParam]) { a, interp in
            let s = try shape(a), m = try a.float("mean"), sd = try a.float("std")
            return .wrap(try withStream(a, interp) { $0.normal(s, mean: m, std: sd) })
        })
        register(BuiltinSpec("uniform", family: "random", summary: "Uniform samples in [low, high).", example: "uniform([3], low: -1, high: 1, seed: 0)",
                             params: [Param("shape", .shape), Param("low", .number, default: .number(0)),
                                      Param("high", .number, default: .number(1)), seedParam]) { a, interp in
            let s = try shape(a), lo = try a.float("low"), hi = try a.float("high")
            guard hi >= lo else { throw RuntimeError("bad argument 'high' to 'uniform': must be ≥ low", at: a.spanOf("high")) }
            return .wrap(try withStream(a, interp) { $0.uniform(s, low: lo, high: hi) })
        })
        register(BuiltinSpec("bernoulli", family: "random", summary: "1 with probability p, else 0.", example: "bernoulli([5], 0.3, seed: 0)",
                             params: [Param("shape", .shape), Param("p", .number), seedParam]) { a, interp in
            let s = try shape(a), p = try a.float("p")
            guard p >= 0 && p <= 1 else { throw RuntimeError("bad argument 'p' to 'bernoulli': must be in [0, 1], got \(p)", at: a.spanOf("p")) }
            return .wrap(try withStream(a, interp) { $0.bernoulli(s, p: p) })
        })
        register(BuiltinSpec("permutation", family: "random", summary: "A random ordering of 0..n.", example: "permutation(5, seed: 0)",
                             params: [Param("n", .integer), seedParam]) { a, interp in
            let n = try a.int("n")
            guard n >= 0 else { throw RuntimeError("bad argument 'n' to 'permutation': must be non-negative", at: a.spanOf("n")) }
            return .wrap(Tensor(try withStream(a, interp) { $0.permutation(n) }.map(Float.init)))
        })
        register(BuiltinSpec("randint", family: "random", summary: "Uniform integers in [low, high).", example: "randint(0, 10, [4], seed: 0)",
                             params: [Param("low", .integer), Param("high", .integer), Param("shape", .shape, default: .list([])), seedParam]) { a, interp in
            let lo = try a.int("low"), hi = try a.int("high"), s = try shape(a)
            guard hi > lo else { throw RuntimeError("bad argument 'high' to 'randint': must be greater than low", at: a.spanOf("high")) }
            let values = try withStream(a, interp) { $0.integers(Shape.count(s), low: lo, high: hi) }
            return .wrap(try Tensor(values.map(Float.init), shape: s))
        })
    }
}

/// Runs `body` on a fresh stream for `seed:`, else on the session stream.
public func withStream<R>(_ a: Arguments, _ interp: Interpreter, _ body: (inout RandomStream) -> R) throws -> R {
    if let s = try a.optionalInt("seed") {
        var rng = RandomStream(seed: UInt64(truncatingIfNeeded: s))
        return body(&rng)
    }
    return body(&interp.rng)
}
