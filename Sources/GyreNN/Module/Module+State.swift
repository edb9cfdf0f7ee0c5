import GyreTensor

extension Module {
    /// Parameters and buffers by dotted name (PyTorch's `state_dict`), in registration order.
    public func stateTensors() -> [(name: String, tensor: Tensor)] {
        namedParameters().map { ($0.name, $0.parameter.value) } + namedBuffers().map { ($0.name, $0.buffer.value) }
    }

    /// Checks that `tensors` can be loaded: every parameter and buffer present with the
    /// right shape and, when `strict`, no name the model does not have. Assigns nothing.
    public func validateState(_ tensors: [String: Tensor], strict: Bool = true, ignoring prefixes: [String] = []) throws {
        var expected = Set<String>()
        for (name, t) in stateTensors() {
            expected.insert(name)
            guard let found = tensors[name] else { throw CheckpointError.missingTensor(name) }
            guard found.shape == t.shape else {
                throw CheckpointError.shapeMismatch(name, expected: t.shape, found: found.shape)
            }
        }
        if strict {
            for name in tensors.keys.sorted() where !expected.contains(name) && !prefixes.contains(where: name.hasPrefix) {
                throw CheckpointError.unexpectedTensor(name)
            }
        }
    }

    /// Loads parameters and buffers from `tensors`; all are validated before any is assigned.
    public func loadState(_ tensors: [String: Tensor], strict: Bool = true, ignoring prefixes: [String] = []) throws {
        try validateState(tensors, strict: strict, ignoring: prefixes)
        assignState(tensors)
    }

    /// Assigns already validated state.
    func assignState(_ tensors: [String: Tensor]) {
        for (name, p) in namedParameters() { if let t = tensors[name] { p.value = t } }
        for (name, b) in namedBuffers() { if let t = tensors[name] { b.value = t } }
    }
}
