import XCTest
import Foundation
import GyreTensor
@testable import GyreNN

final class SafeTensorsTests: XCTestCase {
    /// Little-endian bytes of a u64.
    func u64(_ n: UInt64) -> [UInt8] { (0..<8).map { UInt8((n >> (8 * UInt64($0))) & 0xFF) } }

    /// A file assembled from the spec: u64 header length, JSON header, padding, data.
    func file(_ header: String, pad: Bool = true, data: [UInt8]) -> Data {
        var h = Array(header.utf8)
        if pad { h += [UInt8](repeating: 0x20, count: (8 - h.count % 8) % 8) }
        return Data(u64(UInt64(h.count)) + h + data)
    }

    /// Exactly the bytes Python's `safetensors.numpy.save({"a": f32 [1, −2.5], "b": f16 [1, −2]},
    /// metadata={"format": "np"})` produces (checked against safetensors 0.8.0).
    func testReadsFileBuiltByteByByte() throws {
        let header = #"{"__metadata__":{"format":"np"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F16","shape":[2],"data_offsets":[8,12]}}"#
        XCTAssertEqual(header.utf8.count, 139)
        let data = file(header, data: [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0,   // 1.0f, −2.5f
                                       0x00, 0x3C, 0x00, 0xC0])                          // 1.0h, −2.0h
        XCTAssertEqual(data.count, 164)
        XCTAssertEqual(Array(data.prefix(8)), [0x90, 0, 0, 0, 0, 0, 0, 0])
        let st = try SafeTensors.decode(data)
        XCTAssertEqual(st.tensors.map(\.name), ["a", "b"])
        XCTAssertEqual(st["a"]!.array, [1, -2.5])
        XCTAssertEqual(st["b"]!.array, [1, -2])
        XCTAssertEqual(st.metadata, ["format": "np"])
    }

    func testReadsOtherDTypes() throws {
        var bytes: [UInt8] = []
        bytes += withUnsafeBytes(of: (0.1 as Double).bitPattern.littleEndian, Array.init)           // F64
        bytes += withUnsafeBytes(of: Int64(-7).littleEndian, Array.init)                             // I64
        bytes += withUnsafeBytes(of: Int32(123456).littleEndian, Array.init)                         // I32
        bytes += [0xC0, 0x3F]                                                                         // BF16 1.5 (0x3FC0)
        bytes += [0x01, 0x00, 0xFF, 0x7B]                                                             // F16 subnormal 2^-24, 65504
        let header = #"{"d":{"dtype":"F64","shape":[],"data_offsets":[0,8]},"i":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},"j":{"dtype":"I32","shape":[1,1],"data_offsets":[16,20]},"k":{"dtype":"BF16","shape":[1],"data_offsets":[20,22]},"h":{"dtype":"F16","shape":[2],"data_offsets":[22,26]}}"#
        let st = try SafeTensors.decode(file(header, data: bytes))
        XCTAssertEqual(st.tensors.map(\.name), ["d", "i", "j", "k", "h"])
        XCTAssertEqual(st["d"]!.shape, [])
        XCTAssertEqual(st["d"]!.array, [Float(0.1)])
        XCTAssertEqual(st["i"]!.array, [-7])
        XCTAssertEqual(st["j"]!.shape, [1, 1])
        XCTAssertEqual(st["j"]!.array, [123456])
        XCTAssertEqual(st["k"]!.array, [1.5])
        XCTAssertEqual(st["h"]!.array, [Float(sign: .plus, exponent: -24, significand: 1), 65504])
    }

    /// Gyre's writer, compared byte for byte with the spec: keys sorted, compact JSON,
    /// spaces to a multiple of 8, then little-endian F32 data in name order.
    func testWrittenBytesMatchHandBuiltExpectation() throws {
        let st = SafeTensors(tensors: [("w", NNTest.tensor([1, -2], [1, 2])), ("b", NNTest.tensor([0.5], [1]))],
                             metadata: ["epoch": "3"])
        let header = #"{"__metadata__":{"epoch":"3"},"b":{"data_offsets":[0,4],"dtype":"F32","shape":[1]},"w":{"data_offsets":[4,12],"dtype":"F32","shape":[1,2]}}"#
        XCTAssertEqual(header.utf8.count, 139)   // padded with 5 spaces to 144
        let expected = file(header, data: [0x00, 0x00, 0x00, 0x3F,                            // b: 0.5
                                           0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])    // w: 1, −2
        XCTAssertEqual(Array(expected.prefix(8)), [144, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Array(try st.encoded()), Array(expected))
    }

    func testRoundTripIsBitExactThroughAFile() throws {
        var rng = RandomStream(seed: 1)
        let special = NNTest.tensor([0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude], [6])
        let st = SafeTensors(tensors: [("x.y/z", rng.normal([3, 4, 5])), ("s", Tensor(2.5)), ("special", special),
                                       ("empty", Tensor.zeros([0, 3]))],
                             metadata: ["history": #"{"loss":[1.5,1.25]}"#, "note": "ünïcode \"quoted\""])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gyre-st-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try st.write(to: url)
        let back = try SafeTensors.read(from: url)
        XCTAssertEqual(back.metadata, st.metadata)
        for (name, t) in st.tensors {
            XCTAssertEqual(back[name]?.shape, t.shape, name)
            XCTAssertEqual(back[name]?.array.map(\.bitPattern), t.array.map(\.bitPattern), name)
        }
        // No temporary file is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            .filter { $0.contains(url.lastPathComponent) && $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    // MARK: Corrupted files: each gives a clear error naming the tensor.

    let good = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
    let goodData = [UInt8](repeating: 0, count: 12)

    func assertError(_ data: Data, contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SafeTensors.decode(data), file: file, line: line) { e in
            XCTAssertTrue("\(e)".contains(text), "'\(e)' does not mention \(text)", file: file, line: line)
        }
    }

    func testCorruptedFiles() {
        XCTAssertNoThrow(try SafeTensors.decode(file(good, data: goodData)))
        let whole = Array(file(good, data: goodData))
        assertError(Data(whole.prefix(5)), contains: "truncated")
        assertError(Data(whole.dropLast(3)), contains: "tensor 'b'")                        // truncated data
        assertError(Data(u64(1 << 40) + whole.dropFirst(8)), contains: "beyond the end of the file")
        assertError(file("{\"a\": [1, 2", data: []), contains: "invalid JSON")
        assertError(file("[1, 2, 3]", data: []), contains: "does not start with '{'")
        assertError(file(#"{"a":{"dtype":"Q8","shape":[2],"data_offsets":[0,8]}}"#, data: goodData.dropLast(4)),
                    contains: "tensor 'a': unknown dtype 'Q8'")
        assertError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}}"#, data: goodData),
                    contains: "tensor 'a': bad data_offsets")                               // size ≠ shape × dtype
        assertError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, data: goodData.dropLast(4)),
                    contains: "tensor 'a': bad data_offsets")
        assertError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                         data: goodData.dropLast(4)), contains: "overlapping")
        assertError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}"#,
                         data: goodData + [0, 0, 0, 0]), contains: "gap")
        assertError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: goodData), contains: "4 bytes of data after")
        assertError(file(#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, data: goodData.dropLast(4)),
                    contains: "tensor 'a': bad shape")
        assertError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}"#, data: goodData.dropLast(4)),
                    contains: "tensor 'a': bad data_offsets")
        assertError(file(#"{"__metadata__":{"k":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: goodData.dropLast(4)),
                    contains: "metadata 'k'")
        assertError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,100]}}"#,
                         data: goodData), contains: "tensor 'b'")                          // offsets beyond the file
    }

    func testWriterRejectsDuplicateNames() {
        let st = SafeTensors(tensors: [("a", Tensor(1)), ("a", Tensor(2))])
        XCTAssertThrowsError(try st.encoded())
    }
}
