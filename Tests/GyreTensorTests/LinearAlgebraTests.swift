import XCTest
@testable import GyreTensor

final class LinearAlgebraTests: XCTestCase {
    /// Naive batched matmul over the last two dims with broadcast batches (Double accumulation).
    static func refMatmul(_ a: Ref, _ b: Ref) -> Ref {
        let (m, k) = (a.shape[a.shape.count - 2], a.shape[a.shape.count - 1])
        let n = b.shape[b.shape.count - 1]
        precondition(b.shape[b.shape.count - 2] == k)
        let batch = Ref.broadcastShape(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))!
        return Ref(shape: batch + [m, n]) { idx in
            let bi = Array(idx.dropLast(2)), i = idx[idx.count - 2], j = idx[idx.count - 1]
            var acc = 0.0
            for p in 0..<k { acc += a.broadcastAt(bi + [i, p]) * b.broadcastAt(bi + [p, j]) }
            return acc
        }
    }

    func swapLast(_ r: Ref) -> Ref {
        var ax = Array(0..<r.shape.count)
        ax.swapAt(ax.count - 1, ax.count - 2)
        return r.permuted(ax)
    }

    func testMatmul2dWithFlagsAgainstNaive() throws {
        var g = SeededGenerator(seed: 17)
        var rng = RandomStream(seed: 171)
        var dims: [(Int, Int, Int)] = [(1, 1, 1), (0, 3, 2), (3, 0, 2), (2, 3, 0), (1, 5, 1), (7, 1, 4)]
        for _ in 0..<8 { dims.append((g.int(1...9), g.int(1...9), g.int(1...9))) }
        for (m, k, n) in dims {
            for ta in [false, true] {
                for tb in [false, true] {
                    let a = rng.normal(ta ? [k, m] : [m, k]), b = rng.normal(tb ? [n, k] : [k, n])
                    let ra = ta ? swapLast(Ref(a)) : Ref(a), rb = tb ? swapLast(Ref(b)) : Ref(b)
                    assertClose(try Tensor.matmul(a, b, transposeA: ta, transposeB: tb), Self.refMatmul(ra, rb),
                                rtol: 1e-5, atol: 1e-5, "m\(m) k\(k) n\(n) ta \(ta) tb \(tb)")
                }
            }
        }
    }

    func testMatmulVectorCases() throws {
        var rng = RandomStream(seed: 172)
        let v = rng.normal([4]), w = rng.normal([4]), m = rng.normal([4, 3]), mt = rng.normal([3, 4])
        let vv = try Tensor.matmul(v, w)
        XCTAssertEqual(vv.shape, [])
        assertScalarsClose(Double(vv.scalarValue!), dot(v, w), rtol: 1e-5)
        let rv = Ref(shape: [1, 4], data: Ref(v).data)
        assertClose(try Tensor.matmul(v, m), Ref(shape: [3], data: Self.refMatmul(rv, Ref(m)).data), rtol: 1e-5, atol: 1e-5)
        assertClose(try Tensor.matmul(mt, v), Ref(shape: [3], data: Self.refMatmul(Ref(mt), Ref(shape: [4, 1], data: Ref(v).data)).data),
                    rtol: 1e-5, atol: 1e-5)
        // Flags on vectors: a 1-d operand is the same vector either way.
        assertClose(try Tensor.matmul(v, mt, transposeB: true), Ref(try Tensor.matmul(v, mt.transposed())), rtol: 1e-6, atol: 1e-6)
        assertClose(try Tensor.matmul(v, w, transposeA: true, transposeB: true), Ref(vv), rtol: 1e-6, atol: 1e-6)
        assertClose(try Tensor.matmul(m, v, transposeA: true), Ref(try Tensor.matmul(m.transposed(), v)), rtol: 1e-6, atol: 1e-6)
        // Batched with a vector.
        let bt = rng.normal([2, 3, 4])
        let r = Self.refMatmul(Ref(bt), Ref(shape: [4, 1], data: Ref(v).data))
        assertClose(try Tensor.matmul(bt, v), Ref(shape: [2, 3], data: r.data), rtol: 1e-5, atol: 1e-5)
        let r2 = Self.refMatmul(Ref(shape: [1, 3], data: [0.5, -1, 2]), Ref(bt))
        assertClose(try Tensor.matmul(Tensor([0.5, -1, 2]), bt), Ref(shape: [2, 4], data: r2.data), rtol: 1e-5, atol: 1e-5)
    }

    func testBatchedMatmulBroadcasts() throws {
        var rng = RandomStream(seed: 173)
        let cases: [([Int], [Int])] = [
            ([2, 3, 4], [4, 5]), ([3, 4], [2, 4, 5]), ([2, 1, 3, 4], [5, 4, 2]), ([1, 3, 4], [2, 4, 5]),
            ([2, 3, 4], [1, 4, 5]), ([2, 3, 4], [2, 4, 5]), ([0, 3, 4], [4, 2]), ([3, 1, 2], [1, 2, 3]), ([1, 1, 2, 3], [3, 2]),
        ]
        for (sa, sb) in cases {
            for ta in [false, true] {
                for tb in [false, true] {
                    var a = rng.normal(sa), b = rng.normal(sb)
                    if ta { a = try a.transposed(-1, -2) }
                    if tb { b = try b.transposed(-1, -2) }
                    // Feeding a permuted tensor with the flag undoes the permutation.
                    let out = try Tensor.matmul(a, b, transposeA: ta, transposeB: tb)
                    let ra = ta ? swapLast(Ref(a)) : Ref(a), rb = tb ? swapLast(Ref(b)) : Ref(b)
                    assertClose(out, Self.refMatmul(ra, rb), rtol: 1e-5, atol: 1e-5, "\(sa) @ \(sb) ta \(ta) tb \(tb)")
                }
            }
        }
        assertTensorError(try Tensor.matmul(Tensor.ones([2, 3]), Tensor.ones([4, 5])), op: "matmul", ["[2, 3]", "[4, 5]", "3 ≠ 4"])
        assertTensorError(try Tensor.matmul(Tensor.ones([2, 2, 3]), Tensor.ones([3, 3, 1])), op: "matmul", ["[2]", "[3]"])
        assertTensorError(try Tensor.matmul(Tensor(2), Tensor.ones([2])), op: "matmul", ["[]", "[2]", "scalar"])
    }

    func testSolveSPD() throws {
        var rng = RandomStream(seed: 174)
        for n in [1, 2, 5, 9] {
            let m = rng.normal([n, n])
            let a = try Tensor.matmul(m, m, transposeB: true) + (try Tensor.eye(n) * Float(n))
            for bShape in [[n], [n, 1], [n, 3]] {
                let b = rng.normal(bShape)
                let x = try Tensor.solveSPD(a, b)
                XCTAssertEqual(x.shape, bShape)
                let ax = try Tensor.matmul(a, x)
                assertClose(ax, Ref(b), rtol: 1e-4, atol: 1e-4, "n \(n) b \(bShape)")
            }
        }
        XCTAssertEqual(try Tensor.solveSPD(Tensor.zeros([0, 0]), Tensor.zeros([0, 2])).shape, [0, 2])
        let notPD = try Tensor([1, 2, 2, 1], shape: [2, 2])
        assertTensorError(try Tensor.solveSPD(notPD, Tensor.ones([2])), op: "solve_spd", ["not positive definite"])
        assertTensorError(try Tensor.solveSPD(Tensor.ones([2, 3]), Tensor.ones([2])), op: "solve_spd", ["square", "[2, 3]"])
        assertTensorError(try Tensor.solveSPD(try Tensor.eye(2), Tensor.ones([3])), op: "solve_spd", ["[2, 2]", "[3]"])
        // The inputs are not modified.
        let a = try Tensor.eye(2) * 2, b = Tensor.ones([2, 2])
        _ = try Tensor.solveSPD(a, b)
        XCTAssertEqual(a.array, [2, 0, 0, 2]); XCTAssertEqual(b.array, [1, 1, 1, 1])
    }
}
