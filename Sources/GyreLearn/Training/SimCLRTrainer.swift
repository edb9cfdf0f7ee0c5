import Foundation
import GyreTensor
import GyreAutodiff
import GyreNN
import GyreData

/// SimCLR with the optional α-gradient regulariser (Foster et al., 2021), on any
/// `SimCLRViewSource`: Spirograph (`init(model:data:config:)`) or an image dataset with the
/// paper's CIFAR augmentations (`init(model:images:augmentation:config:)`).
///
/// Each step: two views of each input from the source (independent transformation draws
/// α₁, α₂); encoder → critic → NT-Xent; with λ > 0, the regulariser on view 1's
/// representation differentiated with respect to α₁ (second derivatives through the encoder
/// and the transformation); one optimiser step under cosine annealing with linear warm-up.
/// Seeded end to end, checkpointed at epoch boundaries and resumable bit for bit; Ctrl-C
/// stops at a step boundary.
public final class SimCLRTrainer {
    public let model: SimCLRModel
    /// Where the views come from.
    public let source: any SimCLRViewSource
    public let config: SimCLRConfig
    public private(set) var history = TrainingHistory()
    /// The next epoch to run (equals `config.epochs` when finished).
    public private(set) var epoch = 0
    public let optimizer: Optimizer
    public let stepsPerEpoch: Int
    private var rng: RandomStream

    /// The Spirograph dataset, when training on Spirograph.
    public var data: SpirographDataset? { (source as? SpirographViews)?.data }

    /// How a call to `run` ended.
    public enum Outcome: Equatable {
        case completed
        /// Ctrl-C: the model holds the parameters after the last completed step.
        case interrupted(epoch: Int, step: Int)
        /// The loss became NaN or infinite at this step; the parameters are those before it.
        case nonFinite(epoch: Int, step: Int)
    }

    /// SimCLR on Spirograph (view 1 rendered with `config.gpRenderer` derivatives when λ > 0).
    public convenience init(model: SimCLRModel, data: SpirographDataset, config: SimCLRConfig) throws {
        try config.validate()
        try self.init(model: model, source: SpirographViews(data: data, differentiation: config.gpRenderer == "exact" ? .exact : .firstOrder),
                      config: config)
    }

    public init(model: SimCLRModel, source: any SimCLRViewSource, config: SimCLRConfig) throws {
        try config.validate()
        self.model = model
        self.source = source
        self.config = config
        let full = source.trainCount / config.batchSize
        guard full >= 1 else {
            throw LearnError("simclr", "the training part has \(source.trainCount) examples, fewer than one batch of \(config.batchSize)")
        }
        stepsPerEpoch = Swift.min(full, config.stepsPerEpoch ?? full)
        rng = RandomStream(seed: config.seed, counter: 7 << 56)
        let params = model.root.namedParameters()
        let lr = Float(CosineWarmupSchedule.scaled(base: config.baseLR, batchSize: config.batchSize))
        switch config.optimizer {
        case "sgd":
            optimizer = SGD(params, learningRate: lr, momentum: Float(config.momentum), weightDecay: Float(config.weightDecay))
        case "adam":
            optimizer = Adam(params, learningRate: lr, weightDecay: Float(config.weightDecay))
        default:
            optimizer = LARS(params, learningRate: lr, momentum: Float(config.momentum), weightDecay: Float(config.weightDecay),
                             trustCoefficient: Float(config.trustCoefficient))
        }
    }

    public var totalSteps: Int { config.epochs * stepsPerEpoch }
    public var schedule: CosineWarmupSchedule {
        CosineWarmupSchedule(baseLR: CosineWarmupSchedule.scaled(base: config.baseLR, batchSize: config.batchSize),
                             total: Double(totalSteps), warmup: config.warmupEpochs * Double(stepsPerEpoch))
    }

    /// Runs the remaining epochs. `onStep` sees every step (progress display).
    public func run(onStep: (StepRecord) -> Void = { _ in }) throws -> Outcome {
        model.encoder.train()
        model.critic.train()
        while epoch < config.epochs {
            let batches = try source.batches(batchSize: config.batchSize, epoch: epoch).prefix(stepsPerEpoch)
            for (s, indices) in batches.enumerated() {
                if Interrupt.requested {
                    Interrupt.requested = false
                    return .interrupted(epoch: epoch, step: s)
                }
                let record = try step(indices: indices, epoch: epoch, step: s)
                guard record.loss.isFinite else { return .nonFinite(epoch: epoch, step: s) }
                history.steps.append(record)
                onStep(record)
            }
            epoch += 1
            if let k = config.checkpointEvery, k > 0, epoch % k == 0 || epoch == config.epochs, let path = config.checkpointPath {
                try saveCheckpoint(to: URL(fileURLWithPath: path))
            }
        }
        return .completed
    }

    /// One optimiser step on the examples at `indices`.
    func step(indices: [Int], epoch: Int, step s: Int) throws -> StepRecord {
        let t0 = Date()
        let b = indices.count
        let regularise = config.lambdaGP > 0
        let v = try source.views(indices: indices, differentiable: regularise, rng: &rng)
        let (x1, x2, alpha) = (v.view1, v.view2, v.alpha)
        let h1 = try model.encoder(x1), h2 = try model.encoder(x2)
        let contrastive = try ntXent(model.critic(h1), model.critic(h2), temperature: config.temperature)
        var loss = contrastive
        var penaltyValue: Float = 0
        if regularise {
            let signs = rademacher(h1.shape, rng: &rng)
            let extra = try source.extraAlpha(samples: config.gpSamples, batch: b, rng: &rng)
            let penalty = try gradientPenalty(alpha: alpha, representation: h1, signs: signs, extraAlpha: extra,
                                              options: GradientPenaltyOptions(normalize: config.gpNormalize, extraSamples: config.gpSamples,
                                                                              upperLimit: config.gpUpperLimit))
            penaltyValue = penalty.value.scalarValue ?? .nan
            loss = try contrastive + penalty * config.lambdaGP
        }
        let lossValue = loss.value.scalarValue ?? .nan
        let globalStep = epoch * stepsPerEpoch + s
        let lr = schedule.learningRate(at: globalStep)
        if lossValue.isFinite {
            let params = model.root.namedParameters().map(\.parameter)
            let grads = try Autodiff.gradients(of: loss, wrt: params.map(\.variable))
            optimizer.learningRate = lr
            try optimizer.step(grads.map(\.value))
        }
        return StepRecord(epoch: epoch, step: s, loss: lossValue, contrastive: contrastive.value.scalarValue ?? .nan,
                          penalty: penaltyValue, learningRate: lr, seconds: Date().timeIntervalSince(t0))
    }

    // MARK: - Checkpoints

    static let configKey = "gyre.simclr.config", historyKey = "gyre.simclr.history"
    static let epochKey = "gyre.simclr.epoch", rngKey = "gyre.simclr.rng"

    /// Model, optimiser, history, configuration, epoch and RNG position (atomic write).
    public func saveCheckpoint(to url: URL) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let metadata = [
            Self.configKey: String(decoding: try enc.encode(config), as: UTF8.self),
            Self.historyKey: String(decoding: try enc.encode(history), as: UTF8.self),
            Self.epochKey: String(epoch),
            Self.rngKey: String(rng.counter),
        ]
        try Checkpoint.save(model: model.root, optimizer: optimizer, metadata: metadata, to: url)
    }

    /// Restores a checkpoint written by `saveCheckpoint` (same model shape); the run then
    /// continues exactly where it stopped. Nothing is changed if the file is unusable.
    public func resume(from url: URL) throws {
        let file = try SafeTensors.read(from: url)
        let meta = file.metadata
        guard let epochText = meta[Self.epochKey], let e = Int(epochText), let rngText = meta[Self.rngKey],
              let counter = UInt64(rngText), let historyText = meta[Self.historyKey] else {
            throw LearnError("resume", "\(url.path) is not a Gyre SimCLR checkpoint (training metadata missing)")
        }
        let h = try JSONDecoder().decode(TrainingHistory.self, from: Data(historyText.utf8))
        guard e >= 0 && e <= config.epochs else {
            throw LearnError("resume", "the checkpoint is at epoch \(e), beyond this run's \(config.epochs) epochs")
        }
        try Checkpoint.restore(file, into: model.root, optimizer: optimizer)
        history = h
        epoch = e
        rng = RandomStream(seed: config.seed, counter: counter)
    }
}
