import GyreTensor

/// Reverse-mode differentiation over the recorded graph.
///
/// Targets are identified by their nodes, so nested differentiations never mix up their
/// perturbations: `d/dx [x · d/dy (x·y)]` at x = 1 is 2 (each `valueAndGradient` call
/// makes fresh input nodes; an inner backward pass only follows paths that reach its
/// own inputs and returns gradients that are still connected to the outer inputs).
public enum Autodiff {
    /// Gradients of `output` with respect to each of `inputs` (zeros where unreachable).
    ///
    /// - Parameters:
    ///   - seed: the cotangent of `output` (default: ones; `output` need not be scalar).
    ///   - createGraph: record the backward pass so the gradients can be differentiated.
    public static func gradients(of output: Variable, wrt inputs: [Variable], seed: Variable? = nil,
                                 createGraph: Bool = false) throws -> [Variable] {
        if let s = seed, s.shape != output.shape {
            throw TensorError("grad", "seed shape \(Shape.describe(s.shape)) does not match output shape \(Shape.describe(output.shape))")
        }
        // Zeros are made only for inputs that get no gradient (a full-size fill otherwise).
        var zeros: [Variable] { inputs.map { Variable(Tensor.zeros($0.shape)) } }
        guard let root = output.node else { return zeros }
        let targets = Set(inputs.compactMap { $0.node.map(ObjectIdentifier.init) })
        if targets.isEmpty { return zeros }

        let order = topologicalOrder(from: root)
        // A node is relevant if some target is reachable from it (it depends on a target).
        var relevant = Set<ObjectIdentifier>()
        for node in order {
            let id = ObjectIdentifier(node)
            if targets.contains(id) || node.inputs.contains(where: { $0.map { relevant.contains(ObjectIdentifier($0)) } ?? false }) {
                relevant.insert(id)
            }
        }
        guard relevant.contains(ObjectIdentifier(root)) else { return zeros }

        var cotangent: [ObjectIdentifier: Variable] = [:]
        cotangent[ObjectIdentifier(root)] = seed ?? Variable(Tensor.ones(output.shape))
        try GradMode.with(enabled: createGraph) {
            for node in order.reversed() {
                let id = ObjectIdentifier(node)
                guard relevant.contains(id), let g = cotangent[id],
                      node.inputs.contains(where: { $0.map { relevant.contains(ObjectIdentifier($0)) } ?? false })
                else { continue }
                let grads: [Variable?]
                do { grads = try node.vjp(g) } catch let e as NonFiniteError where !e.backward {
                    throw NonFiniteError(op: node.op, backward: true)
                }
                for (input, gi) in zip(node.inputs, grads) {
                    guard let input, let gi, relevant.contains(ObjectIdentifier(input)) else { continue }
                    if GradMode.checkFinite && !gi.value.allFinite { throw NonFiniteError(op: node.op, backward: true) }
                    let key = ObjectIdentifier(input)
                    cotangent[key] = try cotangent[key].map { try $0 + gi } ?? gi
                }
            }
        }
        return inputs.map { x in
            x.node.flatMap { cotangent[ObjectIdentifier($0)] } ?? Variable(Tensor.zeros(x.shape))
        }
    }

    /// Nodes reachable from `root`, inputs before the ops that use them.
    static func topologicalOrder(from root: Node) -> [Node] {
        var order: [Node] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Node, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let child = node.inputs[next], visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }

    /// Nesting depth of `valueAndGradient` calls in progress.
    nonisolated(unsafe) static var depth = 0

    /// Evaluates `f` at `args` and differentiates its scalar result with respect to the
    /// arguments at `argnums`. Each differentiated argument becomes a fresh input node
    /// (still connected to the argument's own graph, if any). The backward pass is
    /// recorded when the gradients may be differentiated again: inside another
    /// differentiation, or when the result depends on tracked values from outside.
    public static func valueAndGradient(of f: ([Variable]) throws -> Variable, at args: [Variable],
                                        argnums: [Int]) throws -> (value: Variable, gradients: [Variable]) {
        for i in argnums where i < 0 || i >= args.count {
            throw TensorError("grad", "argument number \(i) is out of range for \(args.count) arguments")
        }
        var inputs = args
        for i in argnums {
            let parent = args[i]
            inputs[i] = Variable(parent.value, node: Node(op: "input", inputs: [parent.node], vjp: { g in [g] }))
        }
        depth += 1
        defer { depth -= 1 }
        let y = try GradMode.with(enabled: true) { try f(inputs) }
        guard y.count == 1 else {
            throw TensorError("grad", "the function must return a scalar to be differentiated, got shape \(Shape.describe(y.shape))")
        }
        let wrt = argnums.map { inputs[$0] }
        let outer = depth > 1 || argnums.contains { args[$0].isTracked } || dependsOnOtherLeaves(y, inputs: wrt)
        let grads = try gradients(of: y, wrt: wrt, createGraph: outer)
        return (y, grads)
    }

    /// Whether `y`'s graph reaches a leaf other than the given inputs (someone else is differentiating).
    static func dependsOnOtherLeaves(_ y: Variable, inputs: [Variable]) -> Bool {
        guard let root = y.node else { return false }
        let own = Set(inputs.compactMap { $0.node.map(ObjectIdentifier.init) })
        for node in topologicalOrder(from: root) where !own.contains(ObjectIdentifier(node)) {
            if node.inputs.isEmpty { return true }
        }
        return false
    }

    /// The vector–Jacobian product uᵀ·∂f/∂x for a non-scalar `f`.
    public static func vjp(of f: (Variable) throws -> Variable, at x: Variable, cotangent u: Variable,
                           createGraph: Bool = false) throws -> (value: Variable, vjp: Variable) {
        let input = Variable(x.value, node: Node(op: "input", inputs: [x.node], vjp: { g in [g] }))
        let y = try GradMode.with(enabled: true) { try f(input) }
        let g = try gradients(of: y, wrt: [input], seed: u, createGraph: createGraph || x.isTracked)
        return (y, g[0])
    }
}
