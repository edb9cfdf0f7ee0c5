import Foundation
import GyreTensor
import GyreData
import GyreLearn
import GyreLang

extension BuiltinRegistry {
    func registerEvaluation() {
        let common = [Param("model", .handle("model")), Param("data", .handle("dataset"))]
        let prior = [Param("shift", .optional(.record), default: Value.none, "nuisance mean shifts for evaluation, e.g. {h: 0.5}"),
                     Param("widen", .optional(.record), default: Value.none, "nuisance variance scales, e.g. {h: 2}")]
        register(BuiltinSpec("linear_eval", family: "learning",
                             summary: "Linear probe on the frozen, feature-averaged representation for each M in `passes`: ridge to the 4 generative factors (Spirograph; test MSE) or logistic regression (image datasets; test accuracy).",
                             doc: "Features are h̄(x) = (1/M) Σ_m f(t(x, α_m)) on transformed images for training and test alike (the paper's protocol); the probe is closed-form ridge with L2 weight `lambda` and an unpenalised bias. `labels` < 1 uses that fraction of the training examples (semi-supervised). Returns {passes, mse, per_factor, factors}. On an image dataset (image_data(…)) the probe is logistic regression (L-BFGS, `iterations`, L2 weight `lambda`, default 1e-5) and M = 0 means untransformed images (the paper's standard protocol, the default there), M ≥ 1 averages over M copies with crop, flip and colour; returns {passes, accuracy, cross_entropy}.",
                             example: "linear_eval(cnn_encoder(dim: 8, widths: [4, 8]), spirograph(train: 64, test: 16), passes: [1, 2])",
                             params: [Param("model", .handle("model")), Param("data", .any, "a dataset from spirograph(…) or image_data(…)"),
                                      Param("passes", .optional(.axes), default: Value.none, "the numbers of passes M (default [1]; image datasets [0])"),
                                      Param("train", .optional(.integer), default: Value.none),
                                      Param("test", .optional(.integer), default: Value.none),
                                      Param("lambda", .optional(.number), default: Value.none, "the probe's L2 weight (default 1e-8 ridge; image datasets 1e-5 logistic)"),
                                               Param("labels", .number, default: .number(1), "fraction of labelled training examples"),
                                               Param("seed", .integer, default: .number(0)),
                                               Param("iterations", .integer, default: .number(500), "L-BFGS iterations (image datasets)")] + prior) { a, interp in
            if case .handle(let h as ImageDatasetHandle) = a["data"] { return try imageLinearEval(a, h) }
            guard case .handle(_ as DatasetHandle) = a["data"] else { throw a.fail("data", "a dataset from spirograph(…) or image_data(…)") }
            var e = try evaluation(a)
            e.trainCount = try a.optionalInt("train"); e.testCount = try a.optionalInt("test")
            e.lambda = try a.optionalFloat("lambda") ?? 1e-8
            let frac = try a.float("labels")
            guard frac > 0 && frac <= 1 else { throw RuntimeError("bad argument 'labels' to 'linear_eval': must be in (0, 1]", at: a.spanOf("labels")) }
            e.labelFraction = Double(frac)
            let passes = try a.ints("passes") ?? [1]
            guard passes.allSatisfy({ $0 >= 1 && $0 <= 1000 }) else { throw RuntimeError("bad argument 'passes' to 'linear_eval': each M must be in 1…1000", at: a.spanOf("passes")) }
            let r = try e.run(passes: passes)
            return .record(Record([
                ("passes", .wrap(Tensor(r.passes.map(Float.init)))),
                ("mse", .wrap(Tensor(r.mean))),
                ("per_factor", .list(r.perFactor.map { .wrap(Tensor($0)) })),
                ("factors", .list(r.factorNames.map { .string($0) })),
            ]))
        })
        register(BuiltinSpec("feature_average", family: "learning", summary: "Representations [n, d] averaged over M transformed copies of each of the first n examples of a part.",
                             example: "feature_average(cnn_encoder(dim: 8, widths: [4, 8]), spirograph(train: 8, test: 8), n: 4, passes: 3)",
                             params: common + [Param("part", .oneOf(["train", "test"]), default: .string("test")), Param("n", .integer, default: .number(1000)),
                                               Param("passes", .integer, default: .number(10)), Param("seed", .integer, default: .number(0))] + prior) { a, _ in
            let e = try evaluation(a)
            let part: SpirographDataset.Part = try a.string("part") == "train" ? .train : .test
            let n = Swift.min(try a.int("n"), e.data.count(part)), m = try a.int("passes")
            guard n >= 1, m >= 1 else { throw RuntimeError("feature_average: n and passes must be at least 1", at: a.span) }
            return .wrap(try e.averagedFeatures(part, count: n, passes: m))
        })
        register(BuiltinSpec("conditional_variance", family: "learning",
                             summary: "Invariance diagnostics of h/‖h‖ over `draws` nuisance draws of n test inputs: {conditional, total, ratio, cosine_to_mean, norm, dead}.",
                             doc: "conditional = E_x Σ_d Var_α(h_d | x) (sample variance over draws; the paper's quantity); total = Σ_d Var(h_d) over all draws and inputs; ratio = conditional/total (scale-free); cosine_to_mean = mean cosine of h to the mean representation; norm = mean ‖h‖; dead = features constant over all inputs.",
                             example: "conditional_variance(cnn_encoder(dim: 8, widths: [4, 8]), spirograph(train: 8, test: 16), n: 16, draws: 4)",
                             params: common + [Param("n", .integer, default: .number(1000)), Param("draws", .integer, default: .number(10)),
                                               Param("normalize", .bool, default: .bool(true)), Param("seed", .integer, default: .number(0))] + prior) { a, _ in
            let e = try evaluation(a)
            let d = try InvarianceDiagnostics(representations: try e.drawRepresentations(count: try a.int("n"), draws: try a.int("draws")),
                                              normalize: try a.bool("normalize"))
            return .record(Record([("conditional", .number(d.conditionalVariance)), ("total", .number(d.totalVariance)),
                                   ("ratio", .number(d.ratio)), ("cosine_to_mean", .number(d.meanCosineToMean)),
                                   ("norm", .number(d.meanNorm)), ("dead", .number(Float(d.deadFeatures)))]))
        })
        register(BuiltinSpec("sensitivity", family: "learning", summary: "‖∂(h/‖h‖)/∂α_j‖ for each nuisance factor j, averaged over n test inputs (a record by factor name).",
                             example: "sensitivity(cnn_encoder(dim: 8, widths: [4, 8]), spirograph(train: 8, test: 8), n: 4, probes: 2)",
                             params: common + [Param("n", .integer, default: .number(256)), Param("probes", .integer, default: .number(8)),
                                               Param("seed", .integer, default: .number(0))] + prior) { a, _ in
            let e = try evaluation(a)
            let probes = try a.int("probes")
            guard probes >= 1 else { throw RuntimeError("bad argument 'probes' to 'sensitivity': must be at least 1", at: a.spanOf("probes")) }
            let s = try e.sensitivity(count: try a.int("n"), probes: probes)
            return .record(Record(zip(e.data.nuisanceNames, s).map { ($0, .number($1)) }))
        })
    }
}

private func evaluation(_ a: Arguments) throws -> SpirographEvaluation {
    let m = try a.handle("model", as: ModelHandle.self), d = try a.handle("data", as: DatasetHandle.self)
    var e = SpirographEvaluation(model: m.model, data: d.dataset)
    e.seed = UInt64(truncatingIfNeeded: try a.int("seed"))
    e.prior = try spiroPrior(a, base: d.dataset.prior)
    return e
}
