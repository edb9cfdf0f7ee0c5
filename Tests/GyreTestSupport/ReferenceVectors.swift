import Foundation

/// Loads `../shared/reference/vectors.json` (independent float64 reference values).
public enum ReferenceVectors {
    /// The parsed JSON, or nil if the file cannot be found (tests then fail with a message).
    public static func load() throws -> [String: Any] {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("../shared/reference/vectors.json").standardized
            if FileManager.default.fileExists(atPath: candidate.path) {
                let data = try Data(contentsOf: candidate)
                guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                    throw NSError(domain: "vectors", code: 1, userInfo: [NSLocalizedDescriptionKey: "vectors.json is not an object"])
                }
                return obj
            }
            dir = dir.deletingLastPathComponent()
        }
        throw NSError(domain: "vectors", code: 2, userInfo: [NSLocalizedDescriptionKey: "../shared/reference/vectors.json not found"])
    }

    /// A nested array of numbers flattened to Float.
    public static func floats(_ any: Any?) -> [Float] {
        if let d = any as? Double { return [Float(d)] }
        if let n = any as? NSNumber { return [n.floatValue] }
        if let a = any as? [Any] { return a.flatMap { floats($0) } }
        return []
    }

    public static func doubles(_ any: Any?) -> [Double] {
        if let n = any as? NSNumber { return [n.doubleValue] }
        if let a = any as? [Any] { return a.flatMap { doubles($0) } }
        return []
    }

    public static func section(_ name: String) throws -> [String: Any] {
        guard let s = try load()[name] as? [String: Any] else {
            throw NSError(domain: "vectors", code: 3, userInfo: [NSLocalizedDescriptionKey: "no section \(name)"])
        }
        return s
    }
}
