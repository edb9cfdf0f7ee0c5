import Foundation
import GyreTensor
import GyreAutodiff
import GyreData
import GyreLang

/// Spirograph, augmentations and image files.
extension BuiltinRegistry {
    func registerData() {
        family("data", "the Spirograph dataset, its differentiable renderer, augmentations and CIFAR files")
        let prior = [Param("shift", .optional(.record), default: Value.none, "nuisance mean shifts, e.g. {h: 0.5}"),
                     Param("widen", .optional(.record), default: Value.none, "nuisance variance scales, e.g. {h: 2}")]
        register(BuiltinSpec("spirograph", family: "data", summary: "A seeded Spirograph dataset (factors stored, images rendered on demand).",
                             doc: "Generative factors (m, b, σ, r_fore) are what a representation should keep; nuisance factors (h, r_back, g_fore, g_back, b_fore, b_back) are drawn fresh for every view. `normalize: \"row\"` is the published code's per-row normalisation, `\"image\"` divides by the image maximum.",
                             example: "data = spirograph(train: 1000, test: 200, seed: 0)",
                             params: [Param("train", .integer, default: .number(10000)), Param("test", .integer, default: .number(2000)),
                                      Param("seed", .integer, default: .number(0)), Param("normalize", .oneOf(["row", "image"]), default: .string("row")),
                                      Param("cache", .bool, default: .bool(false), "keep the evaluation draw's images in memory")] + prior) { a, _ in
            let n = try a.int("train"), t = try a.int("test")
            guard n >= 0, t >= 0, n + t <= 5_000_000 else { throw RuntimeError("spirograph: sizes must be between 0 and 5,000,000 in all", at: a.span) }
            let r = SpirographRenderer(normalization: try a.string("normalize") == "image" ? .image : .row)
            let d = try SpirographDataset(trainSize: n, testSize: t, seed: UInt64(truncatingIfNeeded: try a.int("seed")),
                                          prior: try spiroPrior(a), renderer: r, cacheImages: try a.bool("cache"))
            return .handle(DatasetHandle(d))
        })
        register(BuiltinSpec("spiro_draw", family: "data", summary: "Images [B, 3, 32, 32] from generative [B, 4] and nuisance [B, 6] factors; differentiable in both.",
                             example: "spiro_draw([[3, 0.6, 0.5, 0.7]], [[1.5, 0.3, 0.7, 0.2, 0.8, 0.1]])",
                             params: [Param("generative", .array), Param("nuisance", .array),
                                      Param("normalize", .oneOf(["row", "image"]), default: .string("row"))]) { a, _ in
            let r = SpirographRenderer(normalization: try a.string("normalize") == "image" ? .image : .row)
            var g = try a.array("generative"), n = try a.array("nuisance")
            if g.rank == 1 { g = try g.reshape([1, g.count]) }
            if n.rank == 1 { n = try n.reshape([1, n.count]) }
            guard g.rank == 2, g.shape[1] == 4, n.rank == 2, n.shape[1] == 6, g.shape[0] == n.shape[0] else {
                throw RuntimeError("spiro_draw: expected generative [B, 4] and nuisance [B, 6], got \(Shape.describe(g.shape)) and \(Shape.describe(n.shape))", at: a.span)
            }
            return .wrap(try r.draw(generative: g, nuisance: n))
        })
        register(BuiltinSpec("spiro_nuisance", family: "data", summary: "n nuisance draws [n, 6] from the prior (optionally shifted or widened).",
                             example: "spiro_nuisance(4, seed: 0, shift: {h: 0.5})",
                             params: [Param("n", .integer), Param("seed", .optional(.integer), default: Value.none)] + prior) { a, interp in
            let n = try a.int("n")
            guard n >= 0 else { throw RuntimeError("bad argument 'n' to 'spiro_nuisance': must be non-negative", at: a.spanOf("n")) }
            let p = try spiroPrior(a)
            return .wrap(try withStream(a, interp) { p.sampleNuisance(n, rng: &$0) })
        })
        register(BuiltinSpec("spiro_generative", family: "data", summary: "n generative draws [n, 4] (m, b, σ, r_fore) from the prior.",
                             example: "spiro_generative(4, seed: 0)",
                             params: [Param("n", .integer), Param("seed", .optional(.integer), default: Value.none)]) { a, interp in
            let n = try a.int("n")
            guard n >= 0 else { throw RuntimeError("bad argument 'n' to 'spiro_generative': must be non-negative", at: a.spanOf("n")) }
            return .wrap(try withStream(a, interp) { SpiroPrior().sampleGenerative(n, rng: &$0) })
        })
        register(BuiltinSpec("spiro_sample", family: "data", summary: "Images of the first n examples of a dataset part under fresh nuisance draws.",
                             example: "imgs = spiro_sample(spirograph(train: 16, test: 4), n: 8, seed: 1)",
                             params: [Param("data", .handle("dataset")), Param("part", .oneOf(["train", "test"]), default: .string("train")),
                                      Param("n", .integer, default: .number(16)), Param("seed", .optional(.integer), default: Value.none)] + prior) { a, interp in
            let d = try a.handle("data", as: DatasetHandle.self).dataset
            let part: SpirographDataset.Part = try a.string("part") == "test" ? .test : .train
            let n = Swift.min(try a.int("n"), d.count(part))
            guard n >= 1 else { throw RuntimeError("spiro_sample: the \(part.rawValue) part is empty", at: a.span) }
            let p = try spiroPrior(a, base: d.prior)
            let alpha = try withStream(a, interp) { p.sampleNuisance(n, split: d.split, rng: &$0) }
            return .wrap(try d.images(part, indices: Array(0..<n), nuisance: alpha))
        })
        register(BuiltinSpec("color_distort", family: "data", summary: "SimCLR colour distortion of images [B, 3, H, W] (strength s; jitter with p 0.8, greyscale with p 0.2).",
                             example: "color_distort(rand([2, 3, 8, 8], seed: 0), seed: 1)",
                             params: [Param("images", .array), Param("strength", .number, default: .number(0.5)),
                                      Param("seed", .optional(.integer), default: Value.none)]) { a, interp in
            let x = try a.tensor("images")
            guard x.rank == 4, x.shape[1] == 3 else { throw RuntimeError("bad argument 'images' to 'color_distort': expected [B, 3, H, W], got \(Shape.describe(x.shape))", at: a.spanOf("images")) }
            let cd = ColorDistortion(strength: try a.float("strength"))
            return .wrap(try withStream(a, interp) { rng in Result { try cd(x, rng: &rng) } }.get())
        })
        register(BuiltinSpec("random_crop", family: "data", summary: "Random resized crops (scale 0.08–1) resized back to the image size, and random horizontal flips.",
                             example: "random_crop(rand([2, 3, 32, 32], seed: 0), seed: 1)",
                             params: [Param("images", .array), Param("flip", .bool, default: .bool(true)),
                                      Param("seed", .optional(.integer), default: Value.none)]) { a, interp in
            let x = try a.tensor("images")
            guard x.rank == 4, x.shape[2] == x.shape[3] else { throw RuntimeError("bad argument 'images' to 'random_crop': expected square images [B, C, H, H], got \(Shape.describe(x.shape))", at: a.spanOf("images")) }
            let crop = RandomResizedCrop(size: x.shape[2])
            let flip = try a.bool("flip")
            return .wrap(try withStream(a, interp) { rng in Result {
                let c = try crop(x, rng: &rng)
                return flip ? try HorizontalFlip.random(c, p: 0.5, rng: &rng) : c
            } }.get())
        })
        register(BuiltinSpec("cifar", family: "data", summary: "Loads CIFAR-10 or CIFAR-100 binary files from a directory: {images, labels, classes}.",
                             example: "error(\"needs the CIFAR files: cifar(\\\"~/data/cifar-10-batches-bin\\\")\")",
                             params: [Param("path", .string), Param("kind", .oneOf(["cifar10", "cifar100"]), default: .string("cifar10")),
                                      Param("part", .oneOf(["train", "test"]), default: .string("train"))]) { a, _ in
            let kind: CIFAR.Kind = try a.string("kind") == "cifar100" ? .cifar100 : .cifar10
            let part: CIFAR.Part = try a.string("part") == "test" ? .test : .train
            let d = try CIFAR.load(directory: try a.string("path"), kind: kind, part: part)
            return .record(Record([("images", .wrap(d.images)), ("labels", .wrap(Tensor(d.labels.map(Float.init)))),
                                   ("classes", .number(Float(d.classes)))]))
        })
    }
}

/// The prior with `shift:`/`widen:` records applied to named nuisance factors.
func spiroPrior(_ a: Arguments, base: SpiroPrior = SpiroPrior()) throws -> SpiroPrior {
    var p = base
    for (param, isShift) in [("shift", true), ("widen", false)] where !a.isNone(param) {
        for (name, v) in try a.record(param).fields {
            guard let f = SpiroFactor(name: name) else {
                throw RuntimeError("bad argument '\(param)' to '\(a.builtin)': unknown factor '\(name)' (factors: \(SpiroFactor.allCases.map(\.name).joined(separator: ", ")))", at: a.spanOf(param))
            }
            guard let x = v.variable?.value.scalarValue else {
                throw RuntimeError("bad argument '\(param)' to '\(a.builtin)': the value for '\(name)' must be a number", at: a.spanOf(param))
            }
            p = isShift ? p.shifted(f, by: x) : try p.widened(f, varianceScale: x)
        }
    }
    return p
}
