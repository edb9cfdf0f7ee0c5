import GyreTensor
import GyreNN
import GyreLearn
import GyreLang

/// An encoder (with its SimCLR projection critic) as a language value. Training updates
/// it in place.
public final class ModelHandle: Handle {
    public let model: SimCLRModel
    public let name: String
    public init(_ model: SimCLRModel, name: String) { self.model = model; self.name = name }
    public var typeName: String { "model" }
    public var summary: String {
        "<model \(name): \(model.encoder.parameterCount.formatted()) encoder parameters, d = \(model.representationDim)>"
    }
    public func field(_ name: String) -> Value? {
        switch name {
        case "dim": return .number(Float(model.representationDim))
        case "params": return .number(Float(model.encoder.parameterCount))
        case "name": return .string(self.name)
        default: return nil
        }
    }
    public var fieldNames: [String] { ["dim", "params", "name"] }
}

/// A finished (or stopped) training run: the trained model and the per-step history.
public final class RunHandle: Handle {
    public let trainer: SimCLRTrainer
    public let model: ModelHandle
    public let outcome: SimCLRTrainer.Outcome
    public let seconds: Double
    public init(trainer: SimCLRTrainer, model: ModelHandle, outcome: SimCLRTrainer.Outcome, seconds: Double) {
        self.trainer = trainer; self.model = model; self.outcome = outcome; self.seconds = seconds
    }
    public var typeName: String { "run" }
    public var status: String {
        switch outcome {
        case .completed: return "completed"
        case .interrupted(let e, let s): return "interrupted at epoch \(e + 1), step \(s + 1)"
        case .nonFinite(let e, let s): return "stopped: non-finite loss at epoch \(e + 1), step \(s + 1)"
        }
    }
    public var summary: String {
        let h = trainer.history
        let last = h.steps.last.map { String(format: "final loss %.4f", $0.loss) } ?? "no steps"
        let c = trainer.config
        return "<run: SimCLR \(model.name), λ = \(c.lambdaGP), \(h.steps.count) steps in \(trainer.epoch) epochs, \(last), \(String(format: "%.1f", seconds)) s — \(status)>"
    }
    public func field(_ name: String) -> Value? {
        let h = trainer.history
        func arr(_ xs: [Float]) -> Value { .wrap(Tensor(xs)) }
        switch name {
        case "model": return .handle(model)
        case "loss": return arr(h.losses)
        case "contrastive": return arr(h.contrastive)
        case "penalty": return arr(h.penalties)
        case "lr": return arr(h.learningRates)
        case "epoch_loss": return arr(h.epochLosses)
        case "steps": return .number(Float(h.steps.count))
        case "epochs": return .number(Float(trainer.epoch))
        case "seconds": return .number(Float(seconds))
        case "status": return .string(status)
        case "history":
            return .record(Record([("loss", arr(h.losses)), ("contrastive", arr(h.contrastive)), ("penalty", arr(h.penalties)),
                                   ("lr", arr(h.learningRates)), ("epoch_loss", arr(h.epochLosses))]))
        default: return nil
        }
    }
    public var fieldNames: [String] { ["model", "loss", "contrastive", "penalty", "lr", "epoch_loss", "steps", "epochs", "seconds", "status", "history"] }
}
