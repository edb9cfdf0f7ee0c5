import Foundation
import GyreData

/// Settings of a SimCLR run (defaults: the paper's Spirograph settings scaled to a CPU).
public struct SimCLRConfig: Codable, Equatable, Sendable {
    public var epochs = 5
    public var batchSize = 256
    /// Base learning rate; the step size is `baseLR × batchSize / 256` (the paper: 1.5).
    public var baseLR: Double = 1.5
    /// "lars" (the paper), "sgd" or "adam".
    public var optimizer = "lars"
    public var momentum: Double = 0.9
    public var weightDecay: Double = 1e-6
    public var trustCoefficient: Double = 1e-3
    /// Linear warm-up length in epochs (the paper: 10 of 50), then cosine annealing to 0.
    public var warmupEpochs: Double = 1
    public var temperature: Float = 0.5
    /// λ, the weight of the α-gradient regulariser (0: plain SimCLR).
    public var lambdaGP: Float = 0
    public var gpUpperLimit: Float = 1000
    public var gpSamples = 100
    public var gpNormalize = true
    /// "exact" or "firstOrder" renderer derivatives inside the regulariser (see SpirographRenderer).
    public var gpRenderer = "firstOrder"
    public var seed: UInt64 = 0
    /// Stop each epoch after this many steps (nil: the whole training part).
    public var stepsPerEpoch: Int? = nil
    /// Write a checkpoint every this many epochs (nil or 0: never) to `checkpointPath`.
    public var checkpointEvery: Int? = nil
    public var checkpointPath: String? = nil

    public init() {}

    public func validate() throws {
        func bad(_ m: String) -> LearnError { LearnError("simclr", m) }
        guard epochs >= 1 else { throw bad("epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 2 else { throw bad("batch must be at least 2, got \(batchSize)") }
        guard baseLR > 0, baseLR.isFinite else { throw bad("lr must be positive, got \(baseLR)") }
        guard ["lars", "sgd", "adam"].contains(optimizer) else { throw bad("optimizer must be \"lars\", \"sgd\" or \"adam\", got \"\(optimizer)\"") }
        guard temperature > 0 else { throw bad("temperature must be positive, got \(temperature)") }
        guard lambdaGP >= 0, lambdaGP.isFinite else { throw bad("lambda_gp must be ≥ 0, got \(lambdaGP)") }
        guard gpSamples >= 1 else { throw bad("gp_samples must be at least 1, got \(gpSamples)") }
        guard ["exact", "firstOrder"].contains(gpRenderer) else { throw bad("gp_renderer must be \"exact\" or \"firstOrder\"") }
        if let s = stepsPerEpoch, s < 1 { throw bad("steps_per_epoch must be at least 1, got \(s)") }
        if let k = checkpointEvery, k > 0, checkpointPath == nil { throw bad("checkpoint_every needs a checkpoint path") }
    }
}

/// An error from the learning layer, naming what failed.
public struct LearnError: Error, CustomStringConvertible, Sendable {
    public let context: String
    public let message: String
    public init(_ context: String, _ message: String) { self.context = context; self.message = message }
    public var description: String { "\(context): \(message)" }
}
