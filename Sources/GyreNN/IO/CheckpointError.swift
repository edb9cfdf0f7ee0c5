/// Everything that can be wrong with a safetensors, `.npy` or checkpoint file. Each case
/// names the tensor (or the header field) involved; the text is rendered only here.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    case io(path: String, reason: String)
    case truncated(expected: Int, actual: Int, what: String)
    case headerTooLarge(length: UInt64, fileSize: Int)
    case badHeader(String)
    case unknownDType(tensor: String, dtype: String)
    case badShape(tensor: String, reason: String)
    case badOffsets(tensor: String, reason: String)
    case overlap(String, String)
    case gap(after: String?, before: String)
    case trailingData(Int)
    case missingTensor(String)
    case unexpectedTensor(String)
    case shapeMismatch(String, expected: [Int], found: [Int])
    case optimizerMismatch(String)
    case badMetadata(key: String, reason: String)
    case unsupported(String)

    public var description: String {
        switch self {
        case let .io(path, reason): return "cannot access '\(path)': \(reason)"
        case let .truncated(expected, actual, what):
            return "file is truncated: \(what) needs \(expected) bytes, the file has \(actual)"
        case let .headerTooLarge(length, size):
            return "header length \(length) is beyond the end of the file (\(size) bytes)"
        case let .badHeader(why): return "bad header: \(why)"
        case let .unknownDType(t, d): return "tensor '\(t)': unknown dtype '\(d)'"
        case let .badShape(t, why): return "tensor '\(t)': bad shape: \(why)"
        case let .badOffsets(t, why): return "tensor '\(t)': bad data_offsets: \(why)"
        case let .overlap(a, b): return "tensors '\(a)' and '\(b)' have overlapping data"
        case let .gap(after, before):
            return after.map { "gap in the data between tensors '\($0)' and '\(before)'" }
                ?? "tensor '\(before)': data does not start at offset 0"
        case let .trailingData(n): return "\(n) bytes of data after the last tensor"
        case let .missingTensor(t): return "tensor '\(t)' is missing from the file"
        case let .unexpectedTensor(t): return "tensor '\(t)' in the file does not belong to the model"
        case let .shapeMismatch(t, e, f):
            return "tensor '\(t)' has shape \(Self.shape(f)) in the file, the model expects \(Self.shape(e))"
        case let .optimizerMismatch(why): return "optimiser state does not fit: \(why)"
        case let .badMetadata(key, why): return "metadata '\(key)': \(why)"
        case let .unsupported(why): return "unsupported: \(why)"
        }
    }

    static func shape(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
}
