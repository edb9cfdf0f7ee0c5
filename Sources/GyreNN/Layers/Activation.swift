import GyreTensor
import GyreAutodiff

/// max(x, 0) elementwise.
public final class ReLU: Module {
    public override init() { super.init() }
    public override func forward(_ x: Variable) throws -> Variable { try x.relu() }
}

/// Mean over the spatial dimensions: [N, C, H, W] → [N, C] (AdaptiveAvgPool2d(1) + flatten).
public final class GlobalAvgPool2d: Module {
    public override init() { super.init() }
    public override func forward(_ x: Variable) throws -> Variable {
        guard x.rank == 4 else { throw NNError("GlobalAvgPool2d", "expected input [N, C, H, W], got \(Shape.describe(x.shape))") }
        let (n, c, hw) = (x.shape[0], x.shape[1], x.shape[2] * x.shape[3])
        // One contiguous reduction over H·W rather than two axis passes.
        return try x.reshape([n, c, hw]).sum(axes: [2]).scaled(1 / Float(max(hw, 1)))
    }
}

/// [N, d1, d2, …] → [N, d1·d2·…].
public final class Flatten: Module {
    public override init() { super.init() }
    public override func forward(_ x: Variable) throws -> Variable {
        guard x.rank >= 1 else { throw NNError("Flatten", "cannot flatten a scalar") }
        return try x.reshape([x.shape[0], x.shape.dropFirst().reduce(1, *)])
    }
}

/// Passes its input through unchanged.
public final class Identity: Module {
    public override init() { super.init() }
    public override func forward(_ x: Variable) throws -> Variable { x }
}

/// tanh elementwise (a smooth activation: its second derivative is not zero almost everywhere).
public final class Tanh: Module {
    public override init() { super.init() }
    public override func forward(_ x: Variable) throws -> Variable { try x.tanh() }
}
