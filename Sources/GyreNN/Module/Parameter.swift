import GyreTensor
import GyreAutodiff

/// What a parameter does in its layer; optimisers use it to treat biases and
/// normalisation parameters differently (e.g. LARS leaves them unadapted).
public enum ParameterRole: String, Sendable {
    case weight, bias, normScale, normShift

    /// Biases and BatchNorm scale/shift: the parameters LARS can exclude.
    public var isBiasOrNorm: Bool { self != .weight }
}

/// A trainable tensor owned by a layer.
///
/// The parameter holds a graph leaf (`variable`) that layers use in their forward pass;
/// gradients are taken with respect to that leaf. Setting `value` (an optimiser step,
/// a checkpoint load) makes a fresh leaf, so a graph recorded earlier is never touched.
public final class Parameter {
    public let role: ParameterRole
    public private(set) var variable: Variable
    /// When false the layer sees a constant (a frozen parameter): no graph is recorded for it.
    public var requiresGrad: Bool { didSet { refresh(value) } }

    public init(_ value: Tensor, role: ParameterRole = .weight, requiresGrad: Bool = true) {
        self.role = role
        self.requiresGrad = requiresGrad
        self.variable = requiresGrad ? Variable.leaf(value, name: "parameter") : Variable(value)
    }

    public var value: Tensor {
        get { variable.value }
        set { refresh(newValue) }
    }

    public var shape: [Int] { variable.shape }
    public var count: Int { variable.count }

    private func refresh(_ v: Tensor) {
        variable = requiresGrad ? Variable.leaf(v, name: "parameter") : Variable(v)
    }
}

/// A non-trainable tensor that is part of a module's state (BatchNorm running statistics).
public final class Buffer {
    public var value: Tensor
    public init(_ value: Tensor) { self.value = value }
}
