import Foundation

/// The element types a safetensors or `.npy` file may hold, all converted to Float32 on read.
public enum DType: String, CaseIterable, Sendable {
    case f32 = "F32", f64 = "F64", f16 = "F16", bf16 = "BF16"
    case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8", u8 = "U8", bool = "BOOL"

    public var byteSize: Int {
        switch self {
        case .f64, .i64: return 8
        case .f32, .i32: return 4
        case .f16, .bf16, .i16: return 2
        case .i8, .u8, .bool: return 1
        }
    }

    /// Decodes `count` little-endian values starting at `raw` into `out`.
    func decode(_ raw: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        func le<T: FixedWidthInteger>(_ i: Int, _: T.Type) -> T {
            T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self))
        }
        switch self {
        case .f32: for i in 0..<count { out[i] = Float(bitPattern: le(i, UInt32.self)) }
        case .f64: for i in 0..<count { out[i] = Float(Double(bitPattern: le(i, UInt64.self))) }
        case .f16: for i in 0..<count { out[i] = Self.halfToFloat(le(i, UInt16.self)) }
        case .bf16: for i in 0..<count { out[i] = Float(bitPattern: UInt32(le(i, UInt16.self)) << 16) }
        case .i64: for i in 0..<count { out[i] = Float(le(i, Int64.self)) }
        case .i32: for i in 0..<count { out[i] = Float(le(i, Int32.self)) }
        case .i16: for i in 0..<count { out[i] = Float(le(i, Int16.self)) }
        case .i8: for i in 0..<count { out[i] = Float(Int8(bitPattern: raw[i])) }
        case .u8: for i in 0..<count { out[i] = Float(raw[i]) }
        case .bool: for i in 0..<count { out[i] = raw[i] != 0 ? 1 : 0 }
        }
    }

    /// IEEE 754 binary16 → binary32, including subnormals, infinities and NaN.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exp = Int((h >> 10) & 0x1F), frac = UInt32(h & 0x3FF)
        if exp == 0 {
            let magnitude = Float(frac) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (frac << 13)) }
        return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | (frac << 13))
    }
}
