import Foundation

/// The paper's learning-rate schedule (`CosineAnnealingWithLinearRampLR`): at time t
/// (epochs or steps — the caller picks the unit, and uses it for all three numbers),
///
///     lr(t) = min( η_min + (η − η_min)·(1 + cos(π t / T))/2,  η·(t + 1)/R )
///
/// with η the base rate, T the total length and R the ramp length (10 epochs in the paper).
public struct CosineWarmupSchedule: Sendable, Equatable {
    public var baseLR: Double
    public var total: Double
    public var warmup: Double
    public var minLR: Double

    public init(baseLR: Double, total: Double, warmup: Double = 10, minLR: Double = 0) {
        self.baseLR = baseLR
        self.total = total
        self.warmup = warmup
        self.minLR = minLR
    }

    /// The rate at time `t` (t = 0 is the first epoch or step).
    public func learningRate(at t: Double) -> Double {
        let cosine = minLR + (baseLR - minLR) * (1 + cos(Double.pi * t / total)) / 2
        guard warmup > 0 else { return cosine }
        return Swift.min(cosine, baseLR * (t + 1) / warmup)
    }

    public func learningRate(at t: Int) -> Float { Float(learningRate(at: Double(t))) }

    /// Linear scaling: lr = base × batch / 256 (1.5 × 512/256 = 3.0 in the paper).
    public static func scaled(base: Double, batchSize: Int) -> Double { base * Double(batchSize) / 256 }
}
