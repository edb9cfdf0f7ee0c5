import GyreAutodiff

/// Modules applied in order; children are named "0", "1", … as in PyTorch.
public final class Sequential: Module {
    public let layers: [Module]

    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
        for (i, m) in layers.enumerated() { register(String(i), child: m) }
    }

    public override func forward(_ x: Variable) throws -> Variable {
        try layers.reduce(x) { try $1($0) }
    }
}

/// Named sub-modules with no forward of their own (e.g. `encoder` + `critic` in one
/// checkpoint), like PyTorch's `ModuleDict`.
public final class ModuleDict: Module {
    public init(_ entries: [(String, Module)]) {
        super.init()
        for (n, m) in entries { register(n, child: m) }
    }

    public subscript(_ name: String) -> Module? { children.first { $0.name == name }?.module }
}
