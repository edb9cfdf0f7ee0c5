import Foundation
import GyreTensor

/// NumPy's `.npy` format for single arrays
/// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
///
/// Written as version 1.0: `\x93NUMPY`, bytes 1 0, a little-endian u16 header length, the
/// header dict `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with
/// spaces and ended by a newline so the data starts at a multiple of 64 bytes, then
/// little-endian Float32 data. Read: versions 1–3, little-endian or byte-wise floats,
/// integers and booleans (converted to Float32), C or Fortran order.
public enum Npy {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    public static func encode(_ t: Tensor) -> Data {
        let dims = t.shape.map(String.init).joined(separator: ", ")
        let shape = t.rank == 1 ? "(\(dims),)" : "(\(dims))"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        let total = magic.count + 4 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var out = Data(magic + [1, 0])
        withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: Array(header.utf8))
        t.withUnsafeBufferPointer { b in
            for v in b { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        }
        return out
    }

    public static func write(_ t: Tensor, to url: URL) throws { try AtomicFile.write(encode(t), to: url) }
    public static func read(from url: URL) throws -> Tensor { try decode(try AtomicFile.read(url)) }

    public static func decode(_ data: Data) throws -> Tensor {
        let b = [UInt8](data)
        guard b.count >= 10 else { throw CheckpointError.truncated(expected: 10, actual: b.count, what: "the .npy preamble") }
        guard Array(b[0..<6]) == magic else { throw CheckpointError.badHeader("not a .npy file (bad magic string)") }
        let major = b[6]
        let (lenBytes, start): (Int, Int)
        switch major {
        case 1: (lenBytes, start) = (2, 10)
        case 2, 3: (lenBytes, start) = (4, 12)
        default: throw CheckpointError.unsupported(".npy format version \(major).\(b[7])")
        }
        guard b.count >= start else { throw CheckpointError.truncated(expected: start, actual: b.count, what: "the .npy preamble") }
        let hlen = (0..<lenBytes).reduce(0) { $0 | Int(b[6 + 2 + $1]) << (8 * $1) }
        guard start + hlen <= b.count else {
            throw CheckpointError.truncated(expected: start + hlen, actual: b.count, what: "the .npy header")
        }
        guard let header = String(bytes: b[start..<(start + hlen)], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw CheckpointError.badHeader("undecodable .npy header")
        }
        let (dtype, fortran, shape) = try parseHeader(header)
        let count = shape.reduce(1, *), dataStart = start + hlen
        guard b.count - dataStart >= count * dtype.byteSize else {
            throw CheckpointError.truncated(expected: dataStart + count * dtype.byteSize, actual: b.count, what: "the array data")
        }
        var t = Tensor.zeros(fortran ? shape.reversed() : shape)
        t.withUnsafeMutableBufferPointer { out in
            b.withUnsafeBytes { raw in
                let slice = UnsafeRawBufferPointer(rebasing: raw[dataStart..<(dataStart + count * dtype.byteSize)])
                if let base = out.baseAddress { dtype.decode(slice, count: count, into: base) }
            }
        }
        return fortran && t.rank > 1 ? t.transposed() : t
    }

    /// Parses the Python-literal header dict.
    static func parseHeader(_ h: String) throws -> (DType, Bool, [Int]) {
        func value(_ key: String) throws -> Substring {
            guard let r = h.range(of: "'\(key)':") else { throw CheckpointError.badHeader(".npy header has no '\(key)'") }
            return h[r.upperBound...].drop { $0 == " " }
        }
        let d = try value("descr")
        guard d.first == "'", let close = d.dropFirst().firstIndex(of: "'") else { throw CheckpointError.badHeader("bad 'descr'") }
        let descr = String(d[d.index(after: d.startIndex)..<close])
        let table: [String: DType] = ["<f4": .f32, "<f8": .f64, "<f2": .f16, "<i8": .i64, "<i4": .i32, "<i2": .i16,
                                      "|i1": .i8, "|u1": .u8, "|b1": .bool]
        guard let dtype = table[descr] else { throw CheckpointError.unsupported(".npy dtype '\(descr)'") }
        let f = try value("fortran_order")
        guard f.hasPrefix("True") || f.hasPrefix("False") else { throw CheckpointError.badHeader("bad 'fortran_order'") }
        let s = try value("shape")
        guard s.first == "(", let close = s.firstIndex(of: ")") else { throw CheckpointError.badHeader("bad 'shape'") }
        let parts = s[s.index(after: s.startIndex)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var shape: [Int] = []
        for p in parts where !p.isEmpty {
            guard let v = Int(p.hasSuffix("L") ? String(p.dropLast()) : p), v >= 0 else {
                throw CheckpointError.badHeader("bad dimension '\(p)' in 'shape'")
            }
            shape.append(v)
        }
        return (dtype, f.hasPrefix("True"), shape)
    }
}
