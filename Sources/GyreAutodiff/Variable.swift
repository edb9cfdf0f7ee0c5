import GyreTensor

/// A tensor that may be part of a recorded computation.
///
/// A `Variable` with a `node` is *tracked*: some differentiation is watching it, and
/// every op applied to it records a new node whose derivative rule is written in
/// `Variable` ops. Because the rules are themselves recorded when the backward pass
/// runs with `createGraph`, gradients can be differentiated again (grad of grad).
/// Untracked variables are plain tensors with no bookkeeping.
public struct Variable: @unchecked Sendable {
    public let value: Tensor
    public let node: Node?

    /// An untracked (constant) variable.
    public init(_ value: Tensor) {
        self.value = value
        self.node = nil
    }

    init(_ value: Tensor, node: Node?) {
        self.value = value
        self.node = node
    }

    /// A fresh leaf that gradients can be taken with respect to (a parameter).
    public static func leaf(_ value: Tensor, name: String = "leaf") -> Variable {
        Variable(value, node: Node(op: name, inputs: [], vjp: { _ in [] }))
    }

    public var isTracked: Bool { node != nil }
    public var shape: [Int] { value.shape }
    public var rank: Int { value.rank }
    public var count: Int { value.count }

    /// The same value cut off from the graph: gradients do not flow through it.
    public var stopGradient: Variable { Variable(value) }
}

/// A recorded op: its inputs' nodes (nil for constants) and its vector–Jacobian product,
/// which maps the output's cotangent to one cotangent per input (nil = zero).
public final class Node {
    public let op: String
    let inputs: [Node?]
    let vjp: (Variable) throws -> [Variable?]

    init(op: String, inputs: [Node?], vjp: @escaping (Variable) throws -> [Variable?]) {
        self.op = op
        self.inputs = inputs
        self.vjp = vjp
    }
}

/// Whether ops record nodes, and the opt-in NaN/Inf guard. The interpreter is
/// single-threaded; these flags are set and restored around scoped work only.
public enum GradMode {
    nonisolated(unsafe) public private(set) static var isEnabled = true
    /// When on, every op checks its result (and every backward rule its cotangents)
    /// and throws naming the op that first produced a NaN or infinity.
    nonisolated(unsafe) public static var checkFinite = false

    /// Runs `body` without recording anything (inference, optimiser updates).
    public static func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
        let saved = isEnabled
        isEnabled = false
        defer { isEnabled = saved }
        return try body()
    }

    static func with<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        let saved = isEnabled
        isEnabled = enabled
        defer { isEnabled = saved }
        return try body()
    }
}

/// A non-finite value found by the guard.
public struct NonFiniteError: Error, CustomStringConvertible {
    public let op: String
    public let backward: Bool
    public var description: String {
        backward ? "non-finite gradient (NaN or inf) produced by the backward rule of '\(op)'"
                 : "non-finite value (NaN or inf) produced by '\(op)'"
    }
}

/// Records an op's result: tracked only if recording is on and some input is tracked.
@inline(__always)
func record(_ op: String, _ value: Tensor, _ inputs: [Variable], _ vjp: @escaping (Variable) throws -> [Variable?]) throws -> Variable {
    if GradMode.checkFinite && !value.allFinite { throw NonFiniteError(op: op, backward: false) }
    guard GradMode.isEnabled, inputs.contains(where: { $0.node != nil }) else { return Variable(value) }
    return Variable(value, node: Node(op: op, inputs: inputs.map(\.node), vjp: vjp))
}

/// Records a one-input op.
@inline(__always)
func record(_ op: String, _ value: Tensor, _ x: Variable, _ vjp: @escaping (Variable) throws -> Variable) throws -> Variable {
    if GradMode.checkFinite && !value.allFinite { throw NonFiniteError(op: op, backward: false) }
    guard GradMode.isEnabled, x.node != nil else { return Variable(value) }
    return Variable(value, node: Node(op: op, inputs: [x.node], vjp: { g in [try vjp(g)] }))
}
