import Foundation
import GyreTensor
import GyreAutodiff
import GyreNN
import GyreData
import GyreLearn
import GyreLang
import GyreREPL

/// Encoders, SimCLR training with the α-gradient regulariser, and evaluation.
extension BuiltinRegistry {
    func registerLearning() {
        family("models", "encoders, optimiser settings and checkpoints")
        register(BuiltinSpec("cnn_encoder", family: "models", summary: "A small CNN encoder: 3×3 convs 3→w₁ (s1), w₁→w₂ (s2), w₂→dim (s2), ReLU, global average pool.",
                             example: "enc = cnn_encoder(dim: 128, seed: 0)",
                             params: [Param("dim", .integer, default: .number(128)), Param("widths", .optional(.list), default: Value.none, "[w₁, w₂] (default [32, 64])"),
                                      Param("batchnorm", .bool, default: .bool(false)), Param("seed", .integer, default: .number(0))]) { a, _ in
            let dim = try a.int("dim")
            let w = try a.ints("widths") ?? [32, 64]
            guard dim >= 1, dim <= 4096, w.count == 2, w.allSatisfy({ $0 >= 1 && $0 <= 1024 }) else {
                throw RuntimeError("cnn_encoder: dim must be in 1…4096 and widths a pair of sizes in 1…1024", at: a.span)
            }
            let seed = UInt64(truncatingIfNeeded: try a.int("seed"))
            let enc = SmallCNN(widths: w + [dim], batchNorm: try a.bool("batchnorm"), seed: seed)
            return .handle(ModelHandle(SimCLRModel(encoder: enc, representationDim: dim, seed: seed), name: "cnn(\((w + [dim]).map(String.init).joined(separator: "-"))\(try a.bool("batchnorm") ? ", BN" : ""))"))
        })
        register(BuiltinSpec("resnet18", family: "models", summary: "ResNet-18 with the CIFAR stem (3×3 first convolution, no max-pool), d = 512.",
                             example: "enc = resnet18(seed: 0)", params: [Param("seed", .integer, default: .number(0))]) { a, _ in
            let seed = UInt64(truncatingIfNeeded: try a.int("seed"))
            return .handle(ModelHandle(SimCLRModel(encoder: ResNet.resnet18(seed: seed), representationDim: 512, seed: seed), name: "resnet18"))
        })
        register(BuiltinSpec("encode", family: "models", summary: "The representation h = f(x) of images [N, 3, H, W] (evaluation mode, no gradient).",
                             example: "encode(cnn_encoder(dim: 8), rand([2, 3, 32, 32], seed: 0))",
                             params: [Param("model", .handle("model")), Param("images", .array), Param("batch", .integer, default: .number(512))]) { a, _ in
            let m = try a.handle("model", as: ModelHandle.self)
            let x = try a.tensor("images")
            guard x.rank == 4, x.shape[1] == 3 else { throw RuntimeError("bad argument 'images' to 'encode': expected [N, 3, H, W], got \(Shape.describe(x.shape))", at: a.spanOf("images")) }
            return .wrap(try m.model.encode(x, batchSize: Swift.max(1, try a.int("batch"))))
        })
        register(BuiltinSpec("summary", family: "models", summary: "A model's layers, parameter names and counts, as text.",
                             example: "print(summary(cnn_encoder(dim: 16)))", params: [Param("model", .handle("model"))]) { a, _ in
            let m = try a.handle("model", as: ModelHandle.self)
            return .string(m.model.encoder.summary(name: "encoder") + "\n" + m.model.critic.summary(name: "critic"))
        })
        for (name, summary, defaults) in [("sgd", "SGD settings for simclr(optimizer: …): momentum and weight decay.", [("lr", 0.1), ("momentum", 0.9), ("weight_decay", 1e-6)]),
                                          ("lars", "LARS settings (the paper's): SGD with layer-wise trust ratio 1e-3.", [("lr", 1.5), ("momentum", 0.9), ("weight_decay", 1e-6), ("trust", 1e-3)]),
                                          ("adam", "Adam settings for simclr(optimizer: …).", [("lr", 1e-3), ("weight_decay", 0)])] {
            register(BuiltinSpec(name, family: "models", summary: summary, doc: "The learning rate is the base rate for batch 256; simclr scales it by batch/256.",
                                 example: "\(name)(lr: \(defaults[0].1))",
                                 params: defaults.map { Param($0.0, .number, default: .number(Float($0.1))) }) { a, _ in
                var r = Record([("optimizer", .string(name))])
                for (k, _) in defaults { r[k] = .number(try a.float(k)) }
                return .record(r)
            })
        }
        registerTraining()
        registerEvaluation()
        registerFiles()
        registerClassification()
    }

    private func registerTraining() {
        family("learning", "SimCLR, the α-gradient regulariser, feature averaging and invariance diagnostics (Foster et al., 2021)")
        register(BuiltinSpec("simclr", family: "learning", summary: "Trains a model with SimCLR on a Spirograph or image dataset (λ > 0 adds the α-gradient regulariser); returns a run.",
                             doc: "Two views per input from independent nuisance draws; encoder → projection critic → NT-Xent (temperature τ). With lambda_gp > 0 the loss adds λ·penalty, the paper's regulariser on view 1's normalised representation with gp_samples extra α draws, clamped at gp_limit. The learning rate is lr × batch/256 with a linear warm-up of `warmup` epochs then cosine annealing. Checkpoints (safetensors) are written every `checkpoint_every` epochs to `checkpoint`; `resume:` continues a run exactly. Ctrl-C stops at a step boundary and returns the run so far. The model is trained in place. On an image dataset (image_data(…)) the views are the paper's CIFAR augmentation and α is view 1's 4 colour-jitter factors; the paper's CIFAR settings are lambda_gp: 0.1 with gp_limit 1 (the default limit there).",
                             example: "run = simclr(cnn_encoder(dim: 16, widths: [8, 16]), spirograph(train: 64, test: 8), epochs: 1, batch: 32, steps_per_epoch: 1)",
                             params: [Param("model", .handle("model")), Param("data", .any, "a dataset from spirograph(…) or image_data(…)"),
                                      Param("epochs", .integer, default: .number(5)), Param("batch", .integer, default: .number(256)),
                                      Param("optimizer", .any, default: .string("lars"), "\"lars\", \"sgd\", \"adam\" or a record from lars(…)/sgd(…)/adam(…)"),
                                      Param("lr", .optional(.number), default: Value.none, "base learning rate (default 1.5 for LARS/SGD, 1e-3 for Adam)"),
                                      Param("temperature", .number, default: .number(0.5)), Param("lambda_gp", .number, default: .number(0)),
                                      Param("gp_samples", .integer, default: .number(100)),
                                      Param("gp_limit", .optional(.number), default: Value.none, "penalty clamp (default 1000 for Spirograph, 1 for image datasets)"),
                                      Param("gp_normalize", .bool, default: .bool(true)), Param("gp_renderer", .oneOf(["firstOrder", "exact"]), default: .string("firstOrder")),
                                      Param("warmup", .number, default: .number(1), "warm-up epochs"),
                                      Param("steps_per_epoch", .optional(.integer), default: Value.none), Param("seed", .integer, default: .number(0)),
                                      Param("checkpoint", .optional(.string), default: Value.none), Param("checkpoint_every", .integer, default: .number(0)),
                                      Param("resume", .optional(.string), default: Value.none), Param("progress", .bool, default: .bool(true))]) { a, interp in
            let m = try a.handle("model", as: ModelHandle.self)
            let spiro: DatasetHandle?, images: ImageDatasetHandle?
            switch a["data"] {
            case .handle(let h as DatasetHandle): (spiro, images) = (h, nil)
            case .handle(let h as ImageDatasetHandle): (spiro, images) = (nil, h)
            default: throw a.fail("data", "a dataset from spirograph(…) or image_data(…)")
            }
            var c = SimCLRConfig()
            c.epochs = try a.int("epochs"); c.batchSize = try a.int("batch")
            switch a["optimizer"] {
            case .string(let s): c.optimizer = s
            case .record(let r):
                if case .string(let s)? = r["optimizer"] { c.optimizer = s }
                if let v = r["lr"]?.variable?.value.scalarValue { c.baseLR = Double(v) }
                if let v = r["momentum"]?.variable?.value.scalarValue { c.momentum = Double(v) }
                if let v = r["weight_decay"]?.variable?.value.scalarValue { c.weightDecay = Double(v) }
                if let v = r["trust"]?.variable?.value.scalarValue { c.trustCoefficient = Double(v) }
            default: throw a.fail("optimizer", "\"lars\", \"sgd\", \"adam\" or a record from lars(…)")
            }
            if c.optimizer == "adam", case .string = a["optimizer"] { c.baseLR = 1e-3 }
            if let lr = try a.optionalFloat("lr") { c.baseLR = Double(lr) }
            c.temperature = try a.float("temperature"); c.lambdaGP = try a.float("lambda_gp")
            c.gpSamples = try a.int("gp_samples"); c.gpUpperLimit = try a.optionalFloat("gp_limit") ?? (images != nil ? 1 : 1000); c.gpNormalize = try a.bool("gp_normalize")
            c.gpRenderer = try a.string("gp_renderer"); c.warmupEpochs = Double(try a.float("warmup"))
            c.stepsPerEpoch = try a.optionalInt("steps_per_epoch"); c.seed = UInt64(truncatingIfNeeded: try a.int("seed"))
            c.checkpointPath = try a.optionalString("checkpoint").map { NSString(string: $0).expandingTildeInPath }
            c.checkpointEvery = try a.int("checkpoint_every")
            let trainer = try images.map { try SimCLRTrainer(model: m.model, images: $0.data, config: c) }
                ?? SimCLRTrainer(model: m.model, data: spiro!.dataset, config: c)
            if let r = try a.optionalString("resume") { try trainer.resume(from: URL(fileURLWithPath: NSString(string: r).expandingTildeInPath)) }
            let label = (interp.extensions["label"] as? String) ?? "simclr"
            let reporter = try a.bool("progress") ? ProgressReporter(label: label, total: trainer.totalSteps - trainer.history.steps.count) : nil
            let t0 = Date()
            Interrupt.requested = false
            let outcome = try trainer.run { rec in
                reporter?.advance(fields: [("epoch", "\(rec.epoch + 1)/\(c.epochs)"), ("loss", String(format: "%.4f", rec.contrastive))]
                                          + (c.lambdaGP > 0 ? [("penalty", String(format: "%.3g", rec.penalty))] : []))
            }
            reporter?.finish()
            let run = RunHandle(trainer: trainer, model: m, outcome: outcome, seconds: Date().timeIntervalSince(t0))
            if outcome != .completed { interp.output("simclr: \(run.status); the model keeps the parameters of the last completed step\n") }
            return .handle(run)
        })
        register(BuiltinSpec("nt_xent", family: "learning", summary: "The SimCLR loss of two batches of projections [B, d] (differentiable).",
                             example: "nt_xent(randn([4, 5], seed: 0), randn([4, 5], seed: 1), temperature: 0.5)",
                             params: [Param("z1", .array), Param("z2", .array), Param("temperature", .number, default: .number(0.5))]) { a, _ in
            .wrap(try ntXent(try a.array("z1"), try a.array("z2"), temperature: try a.float("temperature")))
        })
        register(BuiltinSpec("gradient_penalty", family: "learning",
                             summary: "The α-gradient regulariser of representation function f at Spirograph inputs (generative [B, 4], nuisance α [B, 6]); differentiable.",
                             doc: "f maps images [B, 3, 32, 32] to representations [B, d] (a Gyre function or a model). The penalty is mean over k, i of (Σ_a g_ia (α′_kia − α_ia))² with g = ∂(Σ ε ⊙ h/‖h‖)/∂α, ε random signs and α′ fresh draws from the prior. It can be differentiated again, e.g. with respect to weights used inside f.",
                             example: "W = randn([3072, 4], std: 0.01, seed: 0); gradient_penalty(fn(x) -> tanh(reshape(x, [1, 3072]) @ W), [[3, 0.6, 0.5, 0.7]], [[1.5, 0.3, 0.7, 0.2, 0.8, 0.1]], samples: 5, seed: 1)",
                             params: [Param("f", .any), Param("generative", .array), Param("alpha", .array),
                                      Param("samples", .integer, default: .number(100)), Param("normalize", .bool, default: .bool(true)),
                                      Param("limit", .optional(.number), default: Value.none), Param("seed", .optional(.integer), default: Value.none)]) { a, interp in
            let g = try a.array("generative"), a0 = try a.array("alpha")
            guard g.rank == 2, g.shape[1] == 4, a0.rank == 2, a0.shape[1] == 6, g.shape[0] == a0.shape[0] else {
                throw RuntimeError("gradient_penalty: expected generative [B, 4] and alpha [B, 6], got \(Shape.describe(g.shape)) and \(Shape.describe(a0.shape))", at: a.span)
            }
            let k = try a.int("samples")
            guard k >= 1 else { throw RuntimeError("bad argument 'samples' to 'gradient_penalty': must be at least 1", at: a.spanOf("samples")) }
            let alpha = Variable.leaf(a0.value, name: "alpha")
            let images = try SpirographRenderer(differentiation: .exact).draw(generative: g, nuisance: alpha)
            let h: Variable
            switch a["f"] {
            case .handle(let hh as ModelHandle): h = try hh.model.encoder(images)
            case .function(let fn):
                let out = try interp.call(fn, CallArguments(positional: [.array(images)], span: a.span))
                guard let v = out.variable, v.rank == 2, v.shape[0] == g.shape[0] else {
                    throw RuntimeError("gradient_penalty: f must return representations [B, d], got \(out.typeName)\(out.variable.map { " of shape " + Shape.describe($0.shape) } ?? "")", at: a.spanOf("f"))
                }
                h = v
            default: throw a.fail("f", "a function or a model")
            }
            let (signs, extra) = try withStream(a, interp) { rng -> (Tensor, Tensor) in
                (rademacher(h.shape, rng: &rng), SpiroPrior().sampleNuisance(k * g.shape[0], rng: &rng))
            }
            return .wrap(try gradientPenalty(alpha: alpha, representation: h, signs: signs, extraAlpha: try extra.reshaped([k, g.shape[0], 6]),
                                             options: GradientPenaltyOptions(normalize: try a.bool("normalize"), extraSamples: k,
                                                                             upperLimit: try a.optionalFloat("limit"))))
        })
    }
}
