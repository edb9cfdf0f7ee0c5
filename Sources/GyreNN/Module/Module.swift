import GyreTensor
import GyreAutodiff

/// A layer or a network of layers: owns named parameters, buffers and child modules.
///
/// Names are stable and dotted like PyTorch's `state_dict` keys: a child registered as
/// `layer1` holding a child `0` with a parameter `weight` gives `layer1.0.weight`.
/// Subclasses register their state in `init` (order is kept) and override `forward`.
///
///     let net = Sequential([Linear(4, 8, rng: &rng), ReLU(), Linear(8, 2, rng: &rng)])
///     let y = try net(Variable(x))
///     net.namedParameters().map(\.name)   // ["0.weight", "0.bias", "2.weight", "2.bias"]
open class Module {
    public private(set) var isTraining = true
    private var ownParameters: [(name: String, parameter: Parameter)] = []
    private var ownBuffers: [(name: String, buffer: Buffer)] = []
    private var ownChildren: [(name: String, module: Module)] = []

    public init() {}

    /// The layer's computation. The base class throws: every concrete module overrides it.
    open func forward(_ x: Variable) throws -> Variable {
        throw NNError(typeName, "this module has no single-input forward")
    }

    public final func callAsFunction(_ x: Variable) throws -> Variable { try forward(x) }

    /// Short type name used in summaries (e.g. `Conv2d`).
    open var typeName: String { String(describing: type(of: self)) }

    /// The layer's configuration in one line (e.g. `3→32, kernel 3×3, stride 1`).
    open var configDescription: String { "" }

    // MARK: Registration

    @discardableResult
    public final func register(_ name: String, _ parameter: Parameter) -> Parameter {
        precondition(!name.contains("."), "a parameter name cannot contain '.'")
        ownParameters.append((name, parameter))
        return parameter
    }

    @discardableResult
    public final func register(_ name: String, buffer: Buffer) -> Buffer {
        precondition(!name.contains("."), "a buffer name cannot contain '.'")
        ownBuffers.append((name, buffer))
        return buffer
    }

    @discardableResult
    public final func register<M: Module>(_ name: String, child: M) -> M {
        precondition(!name.contains("."), "a child name cannot contain '.'")
        ownChildren.append((name, child))
        return child
    }

    // MARK: Traversal

    public final var children: [(name: String, module: Module)] { ownChildren }

    /// Every parameter of this module and its descendants, in registration order.
    public final func namedParameters(prefix: String = "") -> [(name: String, parameter: Parameter)] {
        var out = ownParameters.map { (prefix + $0.name, $0.parameter) }
        for (n, c) in ownChildren { out += c.namedParameters(prefix: prefix + n + ".") }
        return out
    }

    public final func namedBuffers(prefix: String = "") -> [(name: String, buffer: Buffer)] {
        var out = ownBuffers.map { (prefix + $0.name, $0.buffer) }
        for (n, c) in ownChildren { out += c.namedBuffers(prefix: prefix + n + ".") }
        return out
    }

    /// This module and all descendants with their dotted paths ("" for self).
    public final func namedModules(prefix: String = "") -> [(name: String, module: Module)] {
        var out: [(name: String, module: Module)] = [(prefix, self)]
        for (n, c) in ownChildren {
            out += c.namedModules(prefix: prefix.isEmpty ? n : prefix + "." + n)
        }
        return out
    }

    public final var parameters: [Parameter] { namedParameters().map(\.parameter) }

    /// The graph leaves to differentiate a loss with respect to (trainable parameters only).
    public final var trainableVariables: [Variable] { parameters.filter(\.requiresGrad).map(\.variable) }

    /// Number of scalar parameters (buffers not included).
    public final var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    // MARK: Modes

    /// Training mode (BatchNorm uses batch statistics) or evaluation mode (running statistics).
    public final func train(_ on: Bool = true) {
        isTraining = on
        for (_, c) in ownChildren { c.train(on) }
    }

    public final func eval() { train(false) }

    /// Stops (or restarts) gradients to every parameter, e.g. to evaluate a frozen encoder.
    public final func setRequiresGrad(_ on: Bool) {
        for p in parameters { p.requiresGrad = on }
    }
}

/// An error from a layer, an optimiser or a checkpoint, naming where it happened.
public struct NNError: Error, CustomStringConvertible, Equatable, Sendable {
    public let context: String
    public let message: String

    public init(_ context: String, _ message: String) {
        self.context = context
        self.message = message
    }

    public var description: String { "\(context): \(message)" }
}
