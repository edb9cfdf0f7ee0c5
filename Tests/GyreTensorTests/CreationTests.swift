import XCTest
@testable import GyreTensor

final class CreationTests: XCTestCase {
    func testConstantFills() {
        for shape in [[], [0], [3], [2, 0, 4], [2, 3, 1]] as [[Int]] {
            let n = Ref.count(shape)
            assertClose(Tensor.zeros(shape), Ref(shape: shape, data: Array(repeating: 0, count: n)))
            assertClose(Tensor.ones(shape), Ref(shape: shape, data: Array(repeating: 1, count: n)))
            assertClose(Tensor.full(shape, -2.5), Ref(shape: shape, data: Array(repeating: -2.5, count: n)))
        }
        XCTAssertEqual(Tensor(7).shape, [])
        XCTAssertEqual(Tensor(7).scalarValue, 7)
        XCTAssertNil(Tensor.zeros([2]).scalarValue)
    }

    func testArange() throws {
        assertClose(try Tensor.arange(0, 5), [0, 1, 2, 3, 4], shape: [5])
        assertClose(try Tensor.arange(1, 2, step: 0.25), [1, 1.25, 1.5, 1.75], shape: [4])
        assertClose(try Tensor.arange(5, 0, step: -1.5), [5, 3.5, 2, 0.5], shape: [4])
        assertClose(try Tensor.arange(0, 0), [], shape: [0])
        assertClose(try Tensor.arange(3, 1), [], shape: [0])
        XCTAssertEqual(try Tensor.arange(0, 10, step: 0.1).count, 100)
        assertTensorError(try Tensor.arange(0, 1, step: 0), op: "arange", ["non-zero"])
        assertTensorError(try Tensor.arange(0, .infinity), op: "arange")
        assertTensorError(try Tensor.arange(-3e38, 3e38, step: 1e-30), op: "arange", ["too many"])
    }

    func testLinspace() throws {
        assertClose(try Tensor.linspace(0, 1, count: 5), [0, 0.25, 0.5, 0.75, 1], shape: [5])
        assertClose(try Tensor.linspace(2, -2, count: 3), [2, 0, -2], shape: [3])
        assertClose(try Tensor.linspace(3, 9, count: 1), [3], shape: [1])
        assertClose(try Tensor.linspace(3, 9, count: 0), [], shape: [0])
        // The end point is exact even when the step is not representable.
        let t = try Tensor.linspace(0, 0.7, count: 7)
        XCTAssertEqual(t[flat: 6], Float(0.7))
        assertTensorError(try Tensor.linspace(0, 1, count: -1), op: "linspace", ["-1"])
    }

    func testEye() throws {
        for n in 0...4 {
            assertClose(try Tensor.eye(n), Ref(shape: [n, n]) { $0[0] == $0[1] ? 1 : 0 })
        }
        assertTensorError(try Tensor.eye(-1), op: "eye", ["-1"])
    }

    func testInitFromArrays() throws {
        let t = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(t.shape, [2, 3])
        XCTAssertEqual(t.array, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(t.rank, 2)
        XCTAssertEqual(try Tensor([], shape: [0, 5]).shape, [0, 5])
        XCTAssertEqual(try Tensor([4], shape: []).scalarValue, 4)
        XCTAssertEqual(Tensor([1, 2, 3]).shape, [3])
        XCTAssertEqual(Tensor([]).shape, [0])
        assertTensorError(try Tensor([1, 2, 3], shape: [2, 2]), op: "tensor", ["3 values", "[2, 2]"])
        assertTensorError(try Tensor([1, 2], shape: [2, -1]), op: "tensor", ["negative", "[2, -1]"])
        XCTAssertThrowsError(try Tensor.validate(shape: [1, -3], op: "zeros"))
        XCTAssertNoThrow(try Tensor.validate(shape: [0, 3], op: "zeros"))
    }

    func testCopyOnWrite() throws {
        let a = try Tensor([1, 2, 3, 4], shape: [2, 2])
        var b = a
        b.withUnsafeMutableBufferPointer { $0[0] = 99 }
        XCTAssertEqual(a.array, [1, 2, 3, 4])
        XCTAssertEqual(b.array, [99, 2, 3, 4])
        // A reshape shares storage until written.
        var c = try a.reshaped([4])
        c.withUnsafeMutableBufferPointer { $0[3] = -1 }
        XCTAssertEqual(a.array, [1, 2, 3, 4])
        XCTAssertEqual(c.array, [1, 2, 3, -1])
    }

    /// Large buffers are recycled (BufferCache): a recycled buffer never leaks old values
    /// into a constant fill, and copy-on-write still separates values.
    func testRecycledLargeBuffers() throws {
        let n = 1 << 19
        for round in 0..<3 {
            do { _ = Tensor.full([n], Float(round + 7)) }
            let z = Tensor.zeros([n])
            XCTAssert(z.array.allSatisfy { $0 == 0 })
            var a = Tensor.ones([n]) * 3
            let b = a
            a.withUnsafeMutableBufferPointer { $0[0] = -1 }
            XCTAssertEqual(b[flat: 0], 3)
            XCTAssertEqual(a[flat: 0], -1)
        }
    }

    func testFormatting() throws {
        XCTAssertEqual(Tensor(3).description, "3")
        XCTAssertEqual(try Tensor([1, 2.5, -3, 4], shape: [2, 2]).description, "[[  1, 2.5],\n [ -3,   4]]  (shape [2, 2])")
        XCTAssertEqual(TensorFormatter.number(.nan), "nan")
        XCTAssertEqual(TensorFormatter.number(-.infinity), "-inf")
        XCTAssertEqual(Tensor.zeros([0]).description, "[]  (shape [0])")
        let long = try Tensor.arange(0, 2000)
        XCTAssert(long.description.contains("…"))
    }
}
