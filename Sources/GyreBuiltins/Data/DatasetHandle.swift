import GyreTensor
import GyreData
import GyreLang

/// A Spirograph dataset as a language value.
public final class DatasetHandle: Handle {
    public let dataset: SpirographDataset
    public init(_ d: SpirographDataset) { dataset = d }
    public var typeName: String { "dataset" }
    public var summary: String { "<\(dataset.description)>" }

    public func field(_ name: String) -> Value? {
        switch name {
        case "train": return .number(Float(dataset.count(.train)))
        case "test": return .number(Float(dataset.count(.test)))
        case "factors": return .list(dataset.factorNames.map { .string($0) })
        case "generative_names": return .list(dataset.generativeNames.map { .string($0) })
        case "nuisance_names": return .list(dataset.nuisanceNames.map { .string($0) })
        case "train_factors": return .wrap(dataset.generative(.train))
        case "test_factors": return .wrap(dataset.generative(.test))
        default: return nil
        }
    }
    public var fieldNames: [String] { ["train", "test", "factors", "generative_names", "nuisance_names", "train_factors", "test_factors"] }
}
