import XCTest
import Foundation
@testable import GyreTensor

final class ElementwiseTests: XCTestCase {
    typealias Unary = (name: String, op: (Tensor) -> Tensor, ref: (Double) -> Double, positive: Bool)

    static let unaries: [Unary] = [
        ("neg", { $0.neg() }, { -$0 }, false),
        ("prefix -", { -$0 }, { -$0 }, false),
        ("abs", { $0.abs() }, { Swift.abs($0) }, false),
        ("exp", { $0.exp() }, { Foundation.exp($0) }, false),
        ("log", { $0.log() }, { Foundation.log($0) }, true),
        ("sqrt", { $0.sqrt() }, { $0.squareRoot() }, true),
        ("sin", { $0.sin() }, { Foundation.sin($0) }, false),
        ("cos", { $0.cos() }, { Foundation.cos($0) }, false),
        ("tanh", { $0.tanh() }, { Foundation.tanh($0) }, false),
        ("sigmoid", { $0.sigmoid() }, { 1 / (1 + Foundation.exp(-$0)) }, false),
        ("relu", { $0.relu() }, { Swift.max($0, 0) }, false),
        ("sign", { $0.sign() }, { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, false),
        ("square", { $0.square() }, { $0 * $0 }, false),
        ("reciprocal", { $0.reciprocal() }, { 1 / $0 }, true),
        ("clamp", { $0.clamp(min: -0.5, max: 1) }, { Swift.min(Swift.max($0, -0.5), 1) }, false),
        ("clamp lo", { $0.clamp(min: 0.25) }, { Swift.max($0, 0.25) }, false),
        ("clamp hi", { $0.clamp(max: -0.25) }, { Swift.min($0, -0.25) }, false),
        ("logicalNot", { $0.map { $0.rounded() }.logicalNot() }, { $0.rounded() == 0 ? 1 : 0 }, false),
        ("pow 2", { $0.pow(2) }, { $0 * $0 }, false),
        ("pow 3", { $0.pow(3) }, { $0 * $0 * $0 }, false),
        ("pow 1", { $0.pow(1) }, { $0 }, false),
        ("pow 0.5", { $0.pow(0.5) }, { $0.squareRoot() }, true),
        ("pow -1", { $0.pow(-1) }, { 1 / $0 }, true),
        ("pow 1.7", { $0.pow(1.7) }, { Foundation.pow($0, 1.7) }, true),
        ("scalar +", { $0 + 1.5 }, { $0 + 1.5 }, false),
        ("scalar -", { $0 - 1.5 }, { $0 - 1.5 }, false),
        ("scalar *", { $0 * -2 }, { $0 * -2 }, false),
        ("scalar /", { $0 / 4 }, { $0 / 4 }, false),
        ("+ tensor", { 1.5 + $0 }, { 1.5 + $0 }, false),
        ("- tensor", { 1.5 - $0 }, { 1.5 - $0 }, false),
        ("* tensor", { 3 * $0 }, { 3 * $0 }, false),
    ]

    func testUnaryOpsAgainstReference() throws {
        var g = SeededGenerator(seed: 1)
        var rng = RandomStream(seed: 11)
        for trial in 0..<6 {
            let shape = g.edgyShape()
            for u in Self.unaries {
                var x = rng.normal(shape, std: 2)
                if u.positive { x = x.abs() + 0.1 }
                assertClose(u.op(x), Ref(x).map(u.ref), rtol: 2e-6, atol: 2e-6, "\(u.name) trial \(trial) shape \(shape)")
            }
        }
    }

    func testUnaryOnPermutedAndSlicedInputs() throws {
        var rng = RandomStream(seed: 12)
        let base = rng.normal([3, 4, 5])
        let p = try base.permuted([2, 0, 1])
        let s = try base[[.slice(start: nil, stop: nil, step: -1), .index(1), .slice(start: 1, stop: nil, step: 2)]]
        let refP = Ref(base).permuted([2, 0, 1])
        let refS = Ref(shape: [3, 2]) { Ref(base)[[2 - $0[0], 1, 1 + 2 * $0[1]]] }
        for u in Self.unaries where !u.positive {
            assertClose(u.op(p), refP.map(u.ref), rtol: 2e-6, atol: 2e-6, u.name)
            assertClose(u.op(s), refS.map(u.ref), rtol: 2e-6, atol: 2e-6, u.name)
        }
    }

    func testUnaryEdgeValues() throws {
        let x = Tensor([0, -0.0, .infinity, -.infinity, .nan, 100, -100, 1e-30])
        let sig = x.sigmoid().array
        XCTAssertEqual(sig[2], 1); XCTAssertEqual(sig[3], 0); XCTAssert(sig[4].isNaN)
        XCTAssertEqual(sig[5], 1); XCTAssertEqual(sig[6], Float(Foundation.exp(-100.0)), accuracy: 1e-44)
        XCTAssertEqual(sig[0], 0.5)
        let sg = x.sign().array
        XCTAssertEqual(Array(sg[0..<4]), [0, 0, 1, -1]); XCTAssert(sg[4].isNaN)
        XCTAssertEqual(x.isFinite().array, [1, 1, 0, 0, 0, 1, 1, 1])
        XCTAssertFalse(x.allFinite)
        XCTAssertTrue(Tensor([1, 2]).allFinite)
        XCTAssert(Tensor([-1]).log()[flat: 0].isNaN)
        XCTAssertEqual(Tensor([0]).log()[flat: 0], -.infinity)
        XCTAssertEqual(x.relu().array[3], 0)
        XCTAssertEqual(x.tanh().array[5], 1)
        XCTAssert(x.clamp(min: 0, max: 1)[flat: 4].isNaN)
    }

    typealias BinaryCase = (name: String, op: (Tensor, Tensor) throws -> Tensor, ref: (Double, Double) -> Double)

    static let binaries: [BinaryCase] = [
        ("add", { try $0 + $1 }, { $0 + $1 }),
        ("sub", { try $0 - $1 }, { $0 - $1 }),
        ("mul", { try $0 * $1 }, { $0 * $1 }),
        ("div", { try $0 / $1 }, { $0 / $1 }),
        ("pow", { try $0.abs().pow($1) }, { Foundation.pow(Swift.abs($0), $1) }),
        ("minimum", { try $0.minimum($1) }, { Swift.min($0, $1) }),
        ("maximum", { try $0.maximum($1) }, { Swift.max($0, $1) }),
        ("==", { try $0.eq($1) }, { $0 == $1 ? 1 : 0 }),
        ("!=", { try $0.ne($1) }, { $0 != $1 ? 1 : 0 }),
        ("<", { try $0.lt($1) }, { $0 < $1 ? 1 : 0 }),
        ("<=", { try $0.le($1) }, { $0 <= $1 ? 1 : 0 }),
        (">", { try $0.gt($1) }, { $0 > $1 ? 1 : 0 }),
        (">=", { try $0.ge($1) }, { $0 >= $1 ? 1 : 0 }),
    ]

    /// Hand-picked broadcasting edge cases: scalars, rank mismatch, size-0 and size-1 dims.
    static let edgePairs: [([Int], [Int])] = [
        ([], []), ([], [2, 3]), ([2, 3], []), ([1], []), ([], [1]), ([3], [2, 3]), ([2, 1], [1, 3]),
        ([3, 1, 4], [5, 1]), ([0], [1]), ([1], [0]), ([2, 0], [2, 1]), ([0, 3], [1, 3]), ([0, 3], [3]),
        ([1, 1, 1], [2]), ([2, 1, 3, 1], [4, 1, 5]), ([4], [4]), ([1, 4], [3, 1]), ([1], [1, 1, 1]),
    ]

    func testBinaryOpsBroadcastAgainstReference() throws {
        var g = SeededGenerator(seed: 2)
        var rng = RandomStream(seed: 21)
        var pairs = Self.edgePairs
        for _ in 0..<20 {
            let out = g.edgyShape()
            pairs.append((g.broadcastable(to: out), g.broadcastable(to: out)))
        }
        for (sa, sb) in pairs {
            let a = rng.smallInts(sa), b = rng.smallInts(sb).map { $0 == 0 ? 0.5 : $0 }
            for c in Self.binaries {
                let r = Ref.zip(Ref(a), Ref(b), c.ref)
                assertClose(try c.op(a, b), r, rtol: 1e-6, atol: 1e-6, "\(c.name) \(sa) with \(sb)")
            }
        }
    }

    func testBinaryOpsOnNonContiguousStyleInputs() throws {
        var rng = RandomStream(seed: 22)
        let x = rng.normal([4, 3, 2])
        let a = try x.permuted([1, 2, 0])                  // [3, 2, 4]
        let b = try x[[.ellipsis, .index(-1)]]              // [4, 3]
        let bt = b.transposed()                             // [3, 4]
        let c = try bt.unsqueezed(1)                        // [3, 1, 4]
        let ra = Ref(x).permuted([1, 2, 0])
        let rc = Ref(shape: [3, 1, 4]) { Ref(x)[[$0[2], $0[0], 1]] }
        for op in Self.binaries.prefix(4) {
            assertClose(try op.op(a, c), Ref.zip(ra, rc, op.ref), rtol: 1e-5, atol: 1e-5, op.name)
        }
    }

    func testScalarTensorPow() throws {
        let x = Tensor([1, 4, 9])
        assertClose(try x.pow(Tensor(0.5)), [1, 2, 3], shape: [3])
        // A one-element exponent of higher rank still broadcasts the shape.
        assertClose(try x.pow(Tensor([2], shape: [1, 1])), [1, 16, 81], shape: [1, 3])
    }

    func testWhereBroadcastsAllThree() throws {
        var g = SeededGenerator(seed: 3)
        var rng = RandomStream(seed: 31)
        var triples: [([Int], [Int], [Int])] = [([], [], []), ([3], [], [2, 1]), ([2, 1], [1, 3], []), ([0, 1], [1], [3])]
        for _ in 0..<12 {
            let out = g.edgyShape()
            triples.append((g.broadcastable(to: out), g.broadcastable(to: out), g.broadcastable(to: out)))
        }
        for (sc, sa, sb) in triples {
            let c = rng.bernoulli(sc, p: 0.5), a = rng.normal(sa), b = rng.normal(sb)
            let s = Ref.broadcastShape(sc, sa, sb)!
            let r = Ref(shape: s) { i in Ref(c).broadcastAt(i) != 0 ? Ref(a).broadcastAt(i) : Ref(b).broadcastAt(i) }
            assertClose(try Tensor.where(c, a, b), r, "\(sc) \(sa) \(sb)")
        }
        assertTensorError(try Tensor.where(Tensor.ones([2]), Tensor.ones([3]), Tensor.ones([1])), op: "where", ["[2]", "[3]"])
    }

    func testBroadcastErrorsNameOpAndBothShapes() throws {
        let a = Tensor.ones([2, 3]), b = Tensor.ones([4])
        do {
            _ = try a + b
            XCTFail("expected an error")
        } catch let e as TensorError {
            XCTAssertEqual(e.description, "add: shapes [2, 3] and [4] cannot be broadcast together")
        }
        for c in Self.binaries {
            let op = c.name == "pow" ? "pow" : c.name
            assertTensorError(try c.op(a, b), op: op, ["[2, 3]", "[4]"])
        }
        assertTensorError(try Tensor.ones([0]) + Tensor.ones([2]), op: "add", ["[0]", "[2]"])
        assertTensorError(try Tensor.ones([2, 0]) * Tensor.ones([3, 1]), op: "mul", ["[2, 0]", "[3, 1]"])
    }
}
