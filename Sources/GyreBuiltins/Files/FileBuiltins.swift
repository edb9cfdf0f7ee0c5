import Foundation
import GyreTensor
import GyreNN
import GyreLang

/// Saving and loading arrays, records of arrays and models (safetensors, .npy, CSV).
extension BuiltinRegistry {
    func registerFiles() {
        family("files", "saving and loading arrays and models (safetensors, .npy, .csv); every write is atomic")
        register(BuiltinSpec("save", family: "files",
                             summary: "Writes an array (.npy, .csv or .safetensors), a record of arrays (.safetensors), a model or a run (.safetensors checkpoint).",
                             example: "save(eye(2), \"/tmp/gyre-example.npy\")",
                             params: [Param("value", .any), Param("path", .string)]) { a, _ in
            let path = NSString(string: try a.string("path")).expandingTildeInPath
            let url = URL(fileURLWithPath: path)
            let ext = url.pathExtension.lowercased()
            let folder = url.deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw RuntimeError("save: cannot write '\(path)': the folder '\(folder)' does not exist", at: a.spanOf("path"))
            }
            switch a["value"] {
            case .handle(let m as ModelHandle):
                guard ext == "safetensors" else { throw RuntimeError("save: models are saved as .safetensors checkpoints, not .\(ext)", at: a.spanOf("path")) }
                try Checkpoint.save(model: m.model.root, metadata: ["gyre.model": m.name], to: url)
            case .handle(let r as RunHandle):
                guard ext == "safetensors" else { throw RuntimeError("save: runs are saved as .safetensors checkpoints, not .\(ext)", at: a.spanOf("path")) }
                try r.trainer.saveCheckpoint(to: url)
            case .record(let rec):
                guard ext == "safetensors" else { throw RuntimeError("save: a record of arrays is saved as .safetensors, not .\(ext)", at: a.spanOf("path")) }
                let tensors = try rec.fields.map { (k, v) -> (name: String, tensor: Tensor) in
                    guard let t = v.variable?.value else { throw RuntimeError("save: field '\(k)' is \(v.typeName), not an array", at: a.spanOf("value")) }
                    return (k, t)
                }
                try SafeTensors(tensors: tensors).write(to: url)
            case let v:
                guard let t = v.variable?.value else { throw a.fail("value", "an array, a record of arrays, a model or a run") }
                switch ext {
                case "npy": try Npy.write(t, to: url)
                case "safetensors": try SafeTensors(tensors: [(name: "array", tensor: t)]).write(to: url)
                case "csv":
                    guard t.rank <= 2 else { throw RuntimeError("save: a .csv file holds a vector or a matrix, got shape \(Shape.describe(t.shape)); use .npy or .safetensors", at: a.spanOf("value")) }
                    try AtomicFile.write(Data(csv(t).utf8), to: url)
                default: throw RuntimeError("save: unsupported extension '.\(ext)' for an array (use .npy, .csv or .safetensors)", at: a.spanOf("path"))
                }
            }
            return .string(path)
        })
        register(BuiltinSpec("load", family: "files",
                             summary: "Reads .npy (an array), .csv (a matrix) or .safetensors (a record of arrays); with `into:` loads a checkpoint into a model.",
                             example: "load(save(eye(2), \"/tmp/gyre-example.npy\"))",
                             params: [Param("path", .string), Param("into", .optional(.handle("model")), default: Value.none)]) { a, _ in
            let path = NSString(string: try a.string("path")).expandingTildeInPath
            let url = URL(fileURLWithPath: path)
            guard FileManager.default.fileExists(atPath: path) else { throw RuntimeError("load: no such file: \(path)", at: a.spanOf("path")) }
            if !a.isNone("into") {
                let m = try a.handle("into", as: ModelHandle.self)
                _ = try Checkpoint.load(from: url, into: m.model.root, strict: false)
                return .handle(m)
            }
            switch url.pathExtension.lowercased() {
            case "npy": return .wrap(try Npy.read(from: url))
            case "csv": return .wrap(try parseCSV(try String(contentsOf: url, encoding: .utf8), path: path))
            case "safetensors":
                let f = try SafeTensors.read(from: url)
                return .record(Record(f.tensors.map { ($0.name, Value.wrap($0.tensor)) }))
            default: throw RuntimeError("load: unsupported extension in \(path) (use .npy, .csv or .safetensors)", at: a.spanOf("path"))
            }
        })
    }
}

private func csv(_ t: Tensor) -> String {
    let m = t.rank == 2 ? t : ((try? t.reshaped([Swift.max(t.count, 1) == t.count ? t.count : 0, 1])) ?? t)
    let cols = m.rank == 2 ? m.shape[1] : 1
    let rows = cols == 0 ? 0 : m.count / cols
    return (0..<rows).map { r in (0..<cols).map { c in "\(m[flat: r * cols + c])" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
}

private func parseCSV(_ text: String, path: String) throws -> Tensor {
    var values: [Float] = [], cols: Int? = nil, rows = 0
    for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        let nums = cells.compactMap { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard nums.count == cells.count else {
            if i == 0 { continue }  // a header line
            throw RuntimeError("load: \(path) line \(i + 1) has a non-numeric cell")
        }
        if let c = cols, c != nums.count { throw RuntimeError("load: \(path) line \(i + 1) has \(nums.count) cells, expected \(c)") }
        cols = nums.count
        values += nums
        rows += 1
    }
    return try Tensor(values, shape: [rows, cols ?? 0])
}
