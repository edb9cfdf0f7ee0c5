import GyreTensor
import GyreAutodiff

/// A parameter as optimisers see it: its dotted name (the key of its state) and the parameter.
public typealias NamedParameter = (name: String, parameter: Parameter)

/// Everything an optimiser needs to continue a run exactly: the step count, the
/// hyperparameters (informational on import) and per-parameter slot tensors
/// (`momentum`; `exp_avg`, `exp_avg_sq`), keyed by slot then parameter name.
public struct OptimizerState {
    public var kind: String
    public var step: Int
    public var hyperparameters: [String: Double]
    public var slots: [String: [String: Tensor]]

    public init(kind: String, step: Int, hyperparameters: [String: Double] = [:], slots: [String: [String: Tensor]] = [:]) {
        self.kind = kind
        self.step = step
        self.hyperparameters = hyperparameters
        self.slots = slots
    }
}

/// Updates parameters from their gradients, on raw tensors, recording nothing.
public protocol Optimizer: AnyObject {
    var parameters: [NamedParameter] { get }
    /// The current learning rate (a schedule sets it before each step).
    var learningRate: Float { get set }
    /// Steps taken so far.
    var stepCount: Int { get }
    /// One update; `gradients[i]` belongs to `parameters[i]` (frozen parameters are skipped).
    func step(_ gradients: [Tensor]) throws
    func exportState() -> OptimizerState
    /// Checks `state` against this optimiser's parameters without changing anything.
    func validateState(_ state: OptimizerState) throws
    func importState(_ state: OptimizerState) throws
}

extension Optimizer {
    /// Differentiates `loss` with respect to the trainable parameters and takes one step.
    public func step(loss: Variable) throws {
        let trainable = parameters.map(\.parameter).filter(\.requiresGrad)
        let grads = try Autodiff.gradients(of: loss, wrt: trainable.map(\.variable))
        var it = grads.makeIterator()
        try step(parameters.map { $0.parameter.requiresGrad ? it.next()!.value : Tensor.zeros($0.parameter.shape) })
    }

    func checkGradients(_ gradients: [Tensor], _ who: String) throws {
        guard gradients.count == parameters.count else {
            throw NNError(who, "got \(gradients.count) gradients for \(parameters.count) parameters")
        }
        for ((name, p), g) in zip(parameters, gradients) where g.shape != p.shape {
            throw NNError(who, "gradient for '\(name)' has shape \(Shape.describe(g.shape)), parameter has \(Shape.describe(p.shape))")
        }
    }
}

/// Validation shared by the optimisers' `validateState`.
enum OptimizerStateCheck {
    static func check(_ state: OptimizerState, kind: String, slots: [String], parameters: [NamedParameter]) throws {
        guard state.kind == kind else {
            throw CheckpointError.optimizerMismatch("the checkpoint holds \(state.kind) state, the optimiser is \(kind)")
        }
        guard state.step >= 0 else { throw CheckpointError.optimizerMismatch("negative step count \(state.step)") }
        for slot in slots {
            let tensors = state.slots[slot] ?? [:]
            for (name, p) in parameters {
                // A parameter without a slot is fine before its first update.
                guard let t = tensors[name] else {
                    if state.step > 0 && p.requiresGrad { throw CheckpointError.missingTensor("optimizer.\(slot).\(name)") }
                    continue
                }
                guard t.shape == p.shape else {
                    throw CheckpointError.shapeMismatch("optimizer.\(slot).\(name)", expected: p.shape, found: t.shape)
                }
            }
            let known = Set(parameters.map(\.name))
            for name in tensors.keys.sorted() where !known.contains(name) {
                throw CheckpointError.unexpectedTensor("optimizer.\(slot).\(name)")
            }
        }
    }
}
