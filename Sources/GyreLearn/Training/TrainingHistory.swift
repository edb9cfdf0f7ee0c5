import Foundation

/// One optimiser step of a run.
public struct StepRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    public var step: Int
    public var loss: Float
    public var contrastive: Float
    public var penalty: Float
    public var learningRate: Float
    public var seconds: Double
}

/// The per-step record of a run (losses, penalty, learning rate), kept in checkpoints.
public struct TrainingHistory: Codable, Equatable, Sendable {
    public var steps: [StepRecord] = []
    public init() {}

    public var losses: [Float] { steps.map(\.loss) }
    public var contrastive: [Float] { steps.map(\.contrastive) }
    public var penalties: [Float] { steps.map(\.penalty) }
    public var learningRates: [Float] { steps.map(\.learningRate) }

    /// Mean loss of each epoch.
    public var epochLosses: [Float] {
        guard let last = steps.last?.epoch else { return [] }
        return (0...last).map { e in
            let xs = steps.filter { $0.epoch == e }.map(\.loss)
            return xs.isEmpty ? .nan : xs.reduce(0, +) / Float(xs.count)
        }
    }
}
