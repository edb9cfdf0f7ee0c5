import Foundation
import GyreTensor

/// Images and labels read from the CIFAR-10 / CIFAR-100 binary files.
public struct CIFARData: Sendable {
    /// [N, 3, 32, 32], pixel bytes / 255 (channel-major, as stored).
    public let images: Tensor
    /// The class of each image (CIFAR-100: the fine label, 0–99).
    public let labels: [Int]
    /// CIFAR-100 only: the superclass (0–19).
    public let coarseLabels: [Int]?
    public let classes: Int
}

/// The loader for the standard binary CIFAR files (https://www.cs.toronto.edu/~kriz/cifar.html):
/// CIFAR-10 records are 1 label byte + 3072 pixel bytes (1024 red, 1024 green, 1024 blue,
/// row-major); CIFAR-100 records are 2 label bytes (coarse, fine) + 3072. Every failure
/// names the file and what was expected.
///
///     let train = try CIFAR.load(directory: "~/data/cifar-10-batches-bin", kind: .cifar10, part: .train)
public enum CIFAR {
    public enum Kind: String, Sendable {
        case cifar10, cifar100

        var labelBytes: Int { self == .cifar10 ? 1 : 2 }
        var recordBytes: Int { labelBytes + 3072 }
        var classes: Int { self == .cifar10 ? 10 : 100 }
        var name: String { self == .cifar10 ? "CIFAR-10" : "CIFAR-100" }
        var folder: String { self == .cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary" }
        var layout: String {
            self == .cifar10 ? "1 label byte + 3072 pixel bytes" : "2 label bytes (coarse, fine) + 3072 pixel bytes"
        }

        func files(_ part: Part) -> [String] {
            switch (self, part) {
            case (.cifar10, .train): return (1...5).map { "data_batch_\($0).bin" }
            case (.cifar10, .test): return ["test_batch.bin"]
            case (.cifar100, .train): return ["train.bin"]
            case (.cifar100, .test): return ["test.bin"]
            }
        }
    }

    public enum Part: String, Sendable { case train, test }

    /// The standard files of `part` from `directory` (or from its standard subfolder,
    /// `cifar-10-batches-bin` / `cifar-100-binary`).
    public static func load(directory: String, kind: Kind, part: Part) throws -> CIFARData {
        let root = (directory as NSString).expandingTildeInPath
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw DataError(kind.rawValue, "'\(root)' is not a directory (expected the \(kind.name) binary files \(kind.files(part).joined(separator: ", ")))")
        }
        let sub = (root as NSString).appendingPathComponent(kind.folder)
        let first = kind.files(part)[0]
        let base = !FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(first))
            && FileManager.default.fileExists(atPath: (sub as NSString).appendingPathComponent(first)) ? sub : root
        return try load(files: kind.files(part).map { (base as NSString).appendingPathComponent($0) }, kind: kind)
    }

    /// Both parts from `directory` (what a `cifar10(path)` builtin returns).
    public static func load(directory: String, kind: Kind) throws -> (train: CIFARData, test: CIFARData) {
        (try load(directory: directory, kind: kind, part: .train), try load(directory: directory, kind: kind, part: .test))
    }

    /// Reads and concatenates the given binary files.
    public static func load(files: [String], kind: Kind) throws -> CIFARData {
        guard !files.isEmpty else { throw DataError(kind.rawValue, "no files given") }
        let blobs = try files.map { try read($0, kind: kind) }
        let total = blobs.reduce(0) { $0 + $1.count / kind.recordBytes }
        var images = Tensor.zeros([total, 3, 32, 32])
        var labels: [Int] = [], coarse: [Int] = []
        labels.reserveCapacity(total)
        var n = 0
        try images.withUnsafeMutableBufferPointer { dst in
            for (file, data) in zip(files, blobs) {
                try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                    let records = raw.count / kind.recordBytes
                    for r in 0..<records {
                        let o = r * kind.recordBytes
                        let fine = Int(raw[o + kind.labelBytes - 1])
                        guard fine < kind.classes else {
                            throw DataError(kind.rawValue, "'\(file)' record \(r) has label \(fine); \(kind.name) labels are 0–\(kind.classes - 1) (is this a \(kind == .cifar10 ? "CIFAR-100" : "CIFAR-10") file?)")
                        }
                        if kind == .cifar100 {
                            let c = Int(raw[o])
                            guard c < 20 else {
                                throw DataError(kind.rawValue, "'\(file)' record \(r) has coarse label \(c); CIFAR-100 coarse labels are 0–19")
                            }
                            coarse.append(c)
                        }
                        labels.append(fine)
                        let d = n * 3072, p = o + kind.labelBytes
                        for i in 0..<3072 { dst[d + i] = Float(raw[p + i]) * (1 / 255) }
                        n += 1
                    }
                }
            }
        }
        return CIFARData(images: images, labels: labels, coarseLabels: kind == .cifar100 ? coarse : nil, classes: kind.classes)
    }

    /// The bytes of one file, checked to be a whole, non-zero number of records.
    static func read(_ path: String, kind: Kind) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw DataError(kind.rawValue, "cannot find '\(path)' (expected a \(kind.name) binary file of \(kind.recordBytes)-byte records: \(kind.layout))")
        }
        guard !isDir.boolValue else {
            throw DataError(kind.rawValue, "'\(path)' is a directory, expected a \(kind.name) binary file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(kind.rawValue, "cannot read '\(path)' (check its permissions)")
        }
        guard !data.isEmpty else {
            throw DataError(kind.rawValue, "'\(path)' is empty (expected \(kind.recordBytes)-byte records: \(kind.layout))")
        }
        guard data.count % kind.recordBytes == 0 else {
            throw DataError(kind.rawValue, "'\(path)' is truncated: \(data.count) bytes is not a whole number of \(kind.recordBytes)-byte records (\(kind.layout)); \(data.count / kind.recordBytes) whole records and \(data.count % kind.recordBytes) bytes over")
        }
        return data
    }
}
