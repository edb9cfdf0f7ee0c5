import Foundation
import GyreTensor

/// A safetensors file: named tensors plus a string→string metadata map.
///
/// Layout (https://github.com/huggingface/safetensors): an 8-byte little-endian u64 N,
/// N bytes of UTF-8 JSON mapping each tensor name to
/// `{"dtype": "F32", "shape": […], "data_offsets": [begin, end]}` (offsets relative to the
/// data section) plus an optional `"__metadata__"` object of strings, then the raw
/// little-endian data. Like the reference writer, the header is padded with spaces to a
/// multiple of 8 bytes and tensors are laid out contiguously in name order.
/// Gyre writes F32 only; it reads F32, F64, F16, BF16 and the integer and boolean types,
/// converting to Float32.
public struct SafeTensors {
    public var tensors: [(name: String, tensor: Tensor)]
    public var metadata: [String: String]

    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public subscript(_ name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

    public var dictionary: [String: Tensor] {
        Dictionary(tensors.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
    }

    /// Largest header accepted (the reference implementation's limit).
    public static let maxHeaderLength: UInt64 = 100_000_000

    // MARK: Writing

    /// The file's bytes.
    public func encoded() throws -> Data {
        let sorted = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var header: [String: Any] = [:]
        var offset = 0
        for (i, (name, t)) in sorted.enumerated() {
            guard name != "__metadata__" else { throw CheckpointError.badHeader("'__metadata__' cannot name a tensor") }
            if i > 0 && sorted[i - 1].name == name { throw CheckpointError.badHeader("tensor '\(name)' appears twice") }
            let size = t.count * 4
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + size]] as [String: Any]
            offset += size
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var out = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for (_, t) in sorted {
            t.withUnsafeBufferPointer { b in
                if 1.littleEndian == 1 { out.append(UnsafeBufferPointer(start: b.baseAddress, count: b.count)) }
                else { for v in b { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } } }
            }
        }
        return out
    }

    /// Writes atomically (temporary file in the same directory, then rename).
    public func write(to url: URL) throws {
        try AtomicFile.write(try encoded(), to: url)
    }

    // MARK: Reading

    public static func read(from url: URL) throws -> SafeTensors {
        try decode(try AtomicFile.read(url))
    }

    /// Parses and validates the whole file before building any tensor.
    public static func decode(_ data: Data) throws -> SafeTensors {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw CheckpointError.truncated(expected: 8, actual: bytes.count, what: "the header length") }
        let n = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard n <= UInt64(bytes.count - 8) else { throw CheckpointError.headerTooLarge(length: n, fileSize: bytes.count) }
        guard n <= maxHeaderLength else { throw CheckpointError.badHeader("header length \(n) exceeds the limit of \(maxHeaderLength)") }
        let headerBytes = bytes[8..<(8 + Int(n))]
        guard headerBytes.first == UInt8(ascii: "{") else { throw CheckpointError.badHeader("the JSON header does not start with '{'") }
        guard String(bytes: headerBytes, encoding: .utf8) != nil else { throw CheckpointError.badHeader("the header is not valid UTF-8") }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(headerBytes)) } catch {
            throw CheckpointError.badHeader("invalid JSON")
        }
        guard let header = object as? [String: Any] else { throw CheckpointError.badHeader("the JSON header is not an object") }
        let dataStart = 8 + Int(n), dataSize = bytes.count - dataStart
        let metadata = try parseMetadata(header["__metadata__"])
        let entries = try header.keys.sorted().filter { $0 != "__metadata__" }.map { try Entry(name: $0, header[$0]!) }
        try checkLayout(entries, dataSize: dataSize, fileSize: bytes.count, dataStart: dataStart)
        let tensors = entries.sorted { $0.begin < $1.begin || ($0.begin == $1.begin && $0.name < $1.name) }.map { e in
            var t = Tensor.zeros(e.shape)
            t.withUnsafeMutableBufferPointer { out in
                bytes.withUnsafeBytes { raw in
                    let slice = UnsafeRawBufferPointer(rebasing: raw[(dataStart + e.begin)..<(dataStart + e.end)])
                    if let base = out.baseAddress { e.dtype.decode(slice, count: out.count, into: base) }
                }
            }
            return (name: e.name, tensor: t)
        }
        return SafeTensors(tensors: tensors, metadata: metadata)
    }

    /// One tensor's header entry, checked field by field.
    struct Entry {
        let name: String, dtype: DType, shape: [Int], begin: Int, end: Int

        init(name: String, _ value: Any) throws {
            self.name = name
            guard let info = value as? [String: Any] else { throw CheckpointError.badHeader("entry for tensor '\(name)' is not an object") }
            guard let d = info["dtype"] as? String else { throw CheckpointError.unknownDType(tensor: name, dtype: "(missing)") }
            guard let dt = DType(rawValue: d) else { throw CheckpointError.unknownDType(tensor: name, dtype: d) }
            dtype = dt
            guard let s = info["shape"] as? [Any], let dims = SafeTensors.integers(s), dims.allSatisfy({ $0 >= 0 }) else {
                throw CheckpointError.badShape(tensor: name, reason: "shape must be a list of non-negative integers")
            }
            shape = dims
            guard let o = info["data_offsets"] as? [Any], let offs = SafeTensors.integers(o), offs.count == 2 else {
                throw CheckpointError.badOffsets(tensor: name, reason: "data_offsets must be two integers")
            }
            (begin, end) = (offs[0], offs[1])
            guard begin >= 0, begin <= end else {
                throw CheckpointError.badOffsets(tensor: name, reason: "begin \(begin) and end \(end) are not 0 ≤ begin ≤ end")
            }
            let (count, overflow) = dims.reduce((1, false)) { acc, d in
                let (v, o) = acc.0.multipliedReportingOverflow(by: d)
                return (v, acc.1 || o)
            }
            guard !overflow, count.multipliedReportingOverflow(by: dt.byteSize).overflow == false,
                  end - begin == count * dt.byteSize else {
                throw CheckpointError.badOffsets(tensor: name,
                    reason: "\(end - begin) bytes do not match shape \(CheckpointError.shape(dims)) of \(d) (\(overflow ? "overflow" : String(count * dt.byteSize)) bytes)")
            }
        }
    }

    /// Integers from JSON numbers (rejecting fractions, booleans and other types).
    static func integers(_ list: [Any]) -> [Int]? {
        var out: [Int] = []
        for x in list {
            guard let n = x as? NSNumber, let i = Int(exactly: n.doubleValue), Double(i) == n.doubleValue, n.int64Value == Int64(i) else { return nil }
            out.append(i)
        }
        return out
    }

    static func parseMetadata(_ value: Any?) throws -> [String: String] {
        guard let value else { return [:] }
        guard let dict = value as? [String: Any] else { throw CheckpointError.badMetadata(key: "__metadata__", reason: "not an object") }
        var out: [String: String] = [:]
        for (k, v) in dict {
            guard let s = v as? String else { throw CheckpointError.badMetadata(key: k, reason: "value is not a string") }
            out[k] = s
        }
        return out
    }

    /// The data section must be covered exactly: no overlaps, no gaps, nothing after the end.
    static func checkLayout(_ entries: [Entry], dataSize: Int, fileSize: Int, dataStart: Int) throws {
        for e in entries where e.end > dataSize {
            throw CheckpointError.truncated(expected: dataStart + e.end, actual: fileSize, what: "tensor '\(e.name)'")
        }
        var cursor = 0
        var last: String? = nil
        for e in entries.sorted(by: { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }) {
            if e.begin < cursor, let l = last { throw CheckpointError.overlap(l, e.name) }
            if e.begin > cursor { throw CheckpointError.gap(after: last, before: e.name) }
            if e.end > e.begin { cursor = e.end; last = e.name }
        }
        if cursor < dataSize { throw CheckpointError.trailingData(dataSize - cursor) }
    }
}
