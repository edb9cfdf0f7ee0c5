import XCTest
import Foundation
@testable import GyreTensor

final class ReductionTests: XCTestCase {
    typealias Case = (name: String, op: (Tensor, [Int]?, Bool) throws -> Tensor, ref: ([Double]) -> Double, needsElements: Bool)

    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    static func variance(_ v: [Double], ddof: Int) -> Double {
        let m = mean(v)
        return v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - ddof)
    }
    static func logsumexp(_ v: [Double]) -> Double {
        guard let m = v.max(), m.isFinite else { return v.isEmpty ? -.infinity : v.max()! }
        return m + Foundation.log(v.map { Foundation.exp($0 - m) }.reduce(0, +))
    }

    static let cases: [Case] = [
        ("sum", { try $0.sum(axes: $1, keepdims: $2) }, { $0.reduce(0, +) }, false),
        ("mean", { try $0.mean(axes: $1, keepdims: $2) }, { mean($0) }, true),
        ("max", { try $0.max(axes: $1, keepdims: $2) }, { $0.max()! }, true),
        ("min", { try $0.min(axes: $1, keepdims: $2) }, { $0.min()! }, true),
        ("var", { try $0.variance(axes: $1, keepdims: $2) }, { variance($0, ddof: 0) }, true),
        ("var ddof 1", { try $0.variance(axes: $1, keepdims: $2, ddof: 1) }, { variance($0, ddof: 1) }, true),
        ("norm", { try $0.norm(axes: $1, keepdims: $2) }, { $0.map { $0 * $0 }.reduce(0, +).squareRoot() }, false),
        ("logsumexp", { try $0.logsumexp(axes: $1, keepdims: $2) }, { logsumexp($0) }, false),
    ]

    func testEveryReductionOverEverySubsetOfAxes() throws {
        var g = SeededGenerator(seed: 4)
        var rng = RandomStream(seed: 41)
        var shapes: [[Int]] = [[], [1], [5], [2, 1, 3], [1, 1], [3, 0, 2], [0]]
        for _ in 0..<5 { shapes.append(g.shape(ranks: 1...4, dims: 1...4)) }
        for shape in shapes {
            let x = rng.normal(shape, std: 2)
            let rx = Ref(x)
            for c in Self.cases {
                for axes in subsets(shape.count) {
                    // Empty groups: sum/norm/logsumexp have identities; the others are checked separately.
                    let empty = Ref.count(shape) == 0 || axes.contains { shape[$0] == 0 }
                    if empty && c.needsElements { continue }
                    if c.name == "var ddof 1" && axes.reduce(1, { $0 * shape[$1] }) < 2 { continue }
                    // Mix positive and negative spellings of the same axes.
                    let spelled = axes.map { g.bool() ? $0 - shape.count : $0 }
                    for keepdims in [false, true] {
                        let r = rx.reduce(axes: axes, keepdims: keepdims, c.ref)
                        assertClose(try c.op(x, spelled, keepdims), r, rtol: 1e-5, atol: 1e-5,
                                    "\(c.name) shape \(shape) axes \(spelled) keepdims \(keepdims)")
                    }
                }
                if !(Ref.count(shape) == 0 && c.needsElements) {
                    assertClose(try c.op(x, nil, false), rx.reduce(axes: Array(0..<shape.count), keepdims: false, c.ref),
                                rtol: 1e-5, atol: 1e-5, "\(c.name) all axes of \(shape)")
                    assertClose(try c.op(x, nil, true), rx.reduce(axes: Array(0..<shape.count), keepdims: true, c.ref),
                                rtol: 1e-5, atol: 1e-5, "\(c.name) all axes keepdims of \(shape)")
                }
            }
        }
    }

    func testLargeFullSumUsesParallelPathAccurately() throws {
        var rng = RandomStream(seed: 42)
        let x = rng.uniform([300_000])
        let r = x.array.reduce(0.0) { $0 + Double($1) }
        assertScalarsClose(Double(try x.sum().scalarValue!), r, rtol: 1e-5)
        let m = try x.reshaped([3, 100_000, 1]).sum(axes: [1])
        XCTAssertEqual(m.shape, [3, 1])
    }

    func testReductionsOnPermutedInputs() throws {
        var rng = RandomStream(seed: 43)
        let x = try rng.normal([4, 3, 5]).permuted([2, 0, 1])
        for c in Self.cases {
            assertClose(try c.op(x, [0, 2], false), Ref(x).reduce(axes: [0, 2], keepdims: false, c.ref), rtol: 1e-5, atol: 1e-5, c.name)
        }
    }

    func testEmptyAndSpecialValues() throws {
        assertClose(try Tensor.zeros([0, 3]).sum(axes: [0]), [0, 0, 0], shape: [3])
        XCTAssert(try Tensor.zeros([0]).mean().scalarValue!.isNaN)
        assertTensorError(try Tensor.zeros([2, 0]).max(axes: [1]), op: "max", ["empty", "[2, 0]"])
        assertTensorError(try Tensor.zeros([0]).min(), op: "min", ["empty"])
        XCTAssert(try Tensor([1, .nan, 3]).max().scalarValue!.isNaN)
        XCTAssert(try Tensor([1, .nan, 3]).min().scalarValue!.isNaN)
        XCTAssertEqual(try Tensor([1, .nan, 3, 2], shape: [2, 2]).max(axes: [0]).array[0], 3)
        XCTAssert(try Tensor([1, .nan, 3, 2], shape: [2, 2]).max(axes: [0])[flat: 1].isNaN)
        XCTAssert(try Tensor([.nan, 1, 3, 2], shape: [2, 2]).min(axes: [0])[flat: 0].isNaN)
        // logsumexp is stable for large inputs and handles all -inf.
        let big = try Tensor([1000, 1000, 1000]).logsumexp().scalarValue!
        XCTAssertEqual(Double(big), 1000 + Foundation.log(3.0), accuracy: 1e-3)
        XCTAssertEqual(try Tensor([-.infinity, -.infinity]).logsumexp().scalarValue, -.infinity)
        XCTAssertEqual(try Tensor([-1e4, -1e4]).logsumexp().scalarValue!, Float(-1e4 + Foundation.log(2.0)), accuracy: 1e-2)
    }

    func testAxisErrors() throws {
        let x = Tensor.ones([2, 3])
        assertTensorError(try x.sum(axes: [2]), op: "sum", ["axis 2", "rank 2"])
        assertTensorError(try x.mean(axes: [-3]), op: "mean", ["axis -3"])
        assertTensorError(try x.max(axes: [0, -2]), op: "max", ["repeated"])
        assertTensorError(try x.variance(axes: [5]), op: "var", ["axis 5"])
        assertTensorError(try x.norm(axes: [9]), op: "norm", ["axis 9"])
        assertTensorError(try x.logsumexp(axes: [2]), op: "logsumexp", ["axis 2"])
    }

    // MARK: - argmax / argmin

    func testArgExtremaAlongEachAxisAndFlat() throws {
        var g = SeededGenerator(seed: 5)
        var rng = RandomStream(seed: 51)
        for _ in 0..<8 {
            let shape = g.shape(ranks: 1...4, dims: 1...4)
            let x = rng.smallInts(shape, k: 2)   // many ties: the first occurrence wins
            let rx = Ref(x)
            for axis in 0..<shape.count {
                for keepdims in [false, true] {
                    let (keep, groups) = rx.groups(axes: [axis])
                    let outShape = keepdims ? keep : shape.enumerated().filter { $0.offset != axis }.map(\.element)
                    let amax = groups.map { v in Double(v.firstIndex(of: v.max()!)!) }
                    let amin = groups.map { v in Double(v.firstIndex(of: v.min()!)!) }
                    let spelled = g.bool() ? axis - shape.count : axis
                    assertClose(try x.argmax(axis: spelled, keepdims: keepdims), Ref(shape: outShape, data: amax))
                    assertClose(try x.argmin(axis: spelled, keepdims: keepdims), Ref(shape: outShape, data: amin))
                }
            }
            let flatMax = Double(rx.data.firstIndex(of: rx.data.max()!)!)
            let flatMin = Double(rx.data.firstIndex(of: rx.data.min()!)!)
            assertClose(try x.argmax(), [flatMax], shape: [])
            assertClose(try x.argmin(), [flatMin], shape: [])
            assertClose(try x.argmax(keepdims: true), [flatMax], shape: shape.map { _ in 1 })
        }
        XCTAssertEqual(try Tensor(5).argmax().scalarValue, 0)
        XCTAssertEqual(try Tensor([1, .nan, 3]).argmax().scalarValue, 1)
        assertTensorError(try Tensor.zeros([0]).argmax(), op: "argmax", ["empty"])
        assertTensorError(try Tensor.zeros([2, 0]).argmin(axis: 1), op: "argmin", ["empty"])
        assertTensorError(try Tensor.zeros([2]).argmin(axis: 1), op: "argmin", ["axis 1"])
    }

    // MARK: - softmax

    func testSoftmaxAndLogSoftmax() throws {
        var g = SeededGenerator(seed: 6)
        var rng = RandomStream(seed: 61)
        for _ in 0..<6 {
            let shape = g.shape(ranks: 1...4, dims: 1...4)
            let x = rng.normal(shape, std: 3)
            for axis in 0..<shape.count {
                let (keep, groups) = Ref(x).groups(axes: [axis])
                let lse = Ref(shape: keep, data: groups.map(Self.logsumexp))
                let logRef = Ref.zip(Ref(x), lse) { $0 - $1 }
                let spelled = g.bool() ? axis - shape.count : axis
                let sm = try x.softmax(axis: spelled)
                assertClose(sm, logRef.map(Foundation.exp), rtol: 1e-5, atol: 1e-6)
                assertClose(try x.logSoftmax(axis: spelled), logRef, rtol: 1e-5, atol: 1e-5)
                // Every slice sums to 1.
                XCTAssert(try sm.sum(axes: [axis]).array.allSatisfy { Swift.abs($0 - 1) < 1e-5 })
            }
        }
    }

    func testSoftmaxIsStableForLargeInputs() throws {
        let x = try Tensor([1e4, 1e4 + 1, 1e4 - 1, -1e4, 5e4, 5e4], shape: [2, 3])
        let sm = try x.softmax()
        XCTAssert(sm.allFinite)
        let e = [Foundation.exp(0.0), Foundation.exp(1.0), Foundation.exp(-1.0)]
        let s = e.reduce(0, +)
        assertClose(sm, e.map { $0 / s } + [0, 0.5, 0.5], shape: [2, 3], rtol: 1e-5, atol: 1e-6)
        let ls = try x.logSoftmax()
        XCTAssert(ls.allFinite)
        XCTAssertEqual(Double(ls[flat: 3]), -6e4, accuracy: 1)
        XCTAssertEqual(Double(ls[flat: 4]), -Foundation.log(2.0), accuracy: 1e-5)
        // Rows of -inf (fully masked except one) stay finite where they should.
        // Softmax over an empty axis is empty; logsumexp of nothing is -inf.
        XCTAssertEqual(try Tensor.zeros([2, 0]).softmax().shape, [2, 0])
        XCTAssertEqual(try Tensor.zeros([2, 0]).logSoftmax().shape, [2, 0])
        assertClose(try Tensor.zeros([2, 0]).logsumexp(axes: [1]), [-.infinity, -.infinity], shape: [2])
        // A scalar is a one-element axis (0 or -1).
        XCTAssertEqual(try Tensor(2).softmax().scalarValue, 1)
        XCTAssertEqual(try Tensor(2).softmax(axis: 0).scalarValue, 1)
        XCTAssertEqual(try Tensor(2).logSoftmax().scalarValue, 0)
        assertTensorError(try Tensor(2).softmax(axis: 1), op: "softmax", ["axis 1", "rank 0"])
        let masked = try Tensor([0, -.infinity, -.infinity], shape: [1, 3]).softmax()
        assertClose(masked, [1, 0, 0], shape: [1, 3])
        assertTensorError(try x.softmax(axis: 2), op: "softmax", ["axis 2"])
        assertTensorError(try x.logSoftmax(axis: -3), op: "log_softmax", ["axis -3"])
    }
}
