import Foundation
import GyreTensor

/// A training checkpoint in one safetensors file: the model's parameters and buffers under
/// their dotted names (so `safetensors.torch.load_file` + `load_state_dict(strict=False)`
/// reads them), the optimiser's slot tensors as `optimizer.<slot>.<parameter>`, and in
/// `__metadata__` the optimiser's kind, step and hyperparameters (`gyre.optimizer`, JSON)
/// plus caller entries such as `history` and `config` (JSON strings, see `json(_:)`).
public enum Checkpoint {
    public static let optimizerPrefix = "optimizer."
    public static let formatKey = "gyre.format", optimizerKey = "gyre.optimizer"

    public static func save(model: Module, optimizer: Optimizer? = nil, metadata: [String: String] = [:], to url: URL) throws {
        try encode(model: model, optimizer: optimizer, metadata: metadata).write(to: url)
    }

    public static func encode(model: Module, optimizer: Optimizer? = nil, metadata: [String: String] = [:]) throws -> SafeTensors {
        var tensors = model.stateTensors()
        var meta = metadata
        meta[formatKey] = "gyre-checkpoint-1"
        if let optimizer {
            let state = optimizer.exportState()
            for (slot, byName) in state.slots.sorted(by: { $0.key < $1.key }) {
                for (name, t) in byName.sorted(by: { $0.key < $1.key }) { tensors.append((optimizerPrefix + slot + "." + name, t)) }
            }
            meta[optimizerKey] = try json(["kind": state.kind, "step": state.step, "hyperparameters": state.hyperparameters])
        }
        return SafeTensors(tensors: tensors, metadata: meta)
    }

    /// Reads `url` and restores the model (and optimiser): everything is validated before
    /// anything is assigned. Returns the file's metadata.
    @discardableResult
    public static func load(from url: URL, into model: Module, optimizer: Optimizer? = nil, strict: Bool = true) throws -> [String: String] {
        let file = try SafeTensors.read(from: url)
        try restore(file, into: model, optimizer: optimizer, strict: strict)
        return file.metadata
    }

    public static func restore(_ file: SafeTensors, into model: Module, optimizer: Optimizer? = nil, strict: Bool = true) throws {
        let tensors = file.dictionary
        try model.validateState(tensors, strict: strict, ignoring: [optimizerPrefix])
        let state = try optimizer.map { _ in try optimizerState(file) }
        if let optimizer, let state { try optimizer.validateState(state) }
        model.assignState(tensors)
        if let optimizer, let state { try optimizer.importState(state) }
    }

    /// The optimiser state stored in `file`.
    public static func optimizerState(_ file: SafeTensors) throws -> OptimizerState {
        guard let text = file.metadata[optimizerKey] else {
            throw CheckpointError.optimizerMismatch("the file holds no optimiser state ('\(optimizerKey)' missing)")
        }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let kind = obj["kind"] as? String, let step = (obj["step"] as? NSNumber)?.intValue else {
            throw CheckpointError.badMetadata(key: optimizerKey, reason: "expected {\"kind\", \"step\", \"hyperparameters\"}")
        }
        let hyper = (obj["hyperparameters"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
        var slots: [String: [String: Tensor]] = [:]
        for (name, t) in file.tensors where name.hasPrefix(optimizerPrefix) {
            let rest = name.dropFirst(optimizerPrefix.count)
            guard let dot = rest.firstIndex(of: ".") else { throw CheckpointError.unexpectedTensor(name) }
            slots[String(rest[..<dot]), default: [:]][String(rest[rest.index(after: dot)...])] = t
        }
        return OptimizerState(kind: kind, step: step, hyperparameters: hyper, slots: slots)
    }

    /// Compact JSON text for a metadata value (training history, configuration).
    public static func json(_ object: Any) throws -> String {
        guard JSONSerialization.isValidJSONObject(object) else {
            throw CheckpointError.badMetadata(key: "(json)", reason: "value cannot be written as JSON")
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
