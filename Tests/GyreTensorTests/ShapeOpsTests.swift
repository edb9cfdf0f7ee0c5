import XCTest
@testable import GyreTensor

final class ShapeOpsTests: XCTestCase {
    func testReshape() throws {
        let x = try Tensor.arange(0, 24)
        XCTAssertEqual(try x.reshaped([2, -1, 4]).shape, [2, 3, 4])
        XCTAssertEqual(try x.reshaped([-1]).shape, [24])
        XCTAssertEqual(try x.reshaped([4, 6]).array, x.array)
        XCTAssertEqual(try Tensor.zeros([0, 3]).reshaped([3, 0]).shape, [3, 0])
        XCTAssertEqual(try Tensor(1).reshaped([1, 1]).shape, [1, 1])
        XCTAssertEqual(try Tensor.ones([1, 1]).reshaped([]).shape, [])
        assertTensorError(try x.reshaped([5, -1]), op: "reshape", ["[24]", "[5, -1]"])
        assertTensorError(try x.reshaped([-1, -1]), op: "reshape", ["[-1, -1]"])
        assertTensorError(try x.reshaped([5, 5]), op: "reshape", ["[24]", "[5, 5]"])
        assertTensorError(try x.reshaped([2, -3]), op: "reshape", ["[2, -3]"])
    }

    func testPermuteAndTranspose() throws {
        var g = SeededGenerator(seed: 7)
        var rng = RandomStream(seed: 71)
        for _ in 0..<12 {
            let shape = g.edgyShape()
            let x = rng.normal(shape)
            let axes = Array(0..<shape.count).shuffled(using: &g)
            assertClose(try x.permuted(axes), Ref(x).permuted(axes), rtol: 0, atol: 0)
            assertClose(x.transposed(), Ref(x).permuted(Array((0..<shape.count).reversed())), rtol: 0, atol: 0)
            if shape.count >= 2 {
                var ax = Array(0..<shape.count)
                ax.swapAt(0, shape.count - 1)
                assertClose(try x.transposed(0, -1), Ref(x).permuted(ax), rtol: 0, atol: 0)
            }
        }
        // Permuting a permuted tensor composes.
        let x = rng.normal([2, 3, 4])
        assertClose(try x.permuted([1, 2, 0]).permuted([2, 0, 1]), Ref(x), rtol: 0, atol: 0)
        assertTensorError(try x.permuted([0, 1]), op: "permute", ["2 axes", "[2, 3, 4]"])
        assertTensorError(try x.permuted([0, 1, 1]), op: "permute", ["not a permutation"])
        assertTensorError(try x.permuted([0, 1, 3]), op: "permute", ["axis 3"])
        assertTensorError(try x.transposed(0, 3), op: "transpose", ["axis 3"])
    }

    func testExpandAndItsAdjointSummedTo() throws {
        var g = SeededGenerator(seed: 8)
        var rng = RandomStream(seed: 81)
        for _ in 0..<15 {
            let target = g.edgyShape()
            let small = g.broadcastable(to: target)
            let x = rng.normal(small)
            let e = try x.expanded(to: target)
            assertClose(e, Ref(x).expanded(to: target), rtol: 0, atol: 0)
            let y = rng.normal(target)
            let s = try y.summed(to: small)
            XCTAssertEqual(s.shape, small)
            assertScalarsClose(dot(e, y), dot(x, s), rtol: 1e-5, "adjoint \(small) → \(target)")
            // Reference for summed(to:): group the target's elements by their source position.
            let r = Ref(shape: small) { idx in
                var acc = 0.0
                for i in 0..<y.count {
                    let full = Ref.unravel(i, target)
                    let off = target.count - small.count
                    if (0..<small.count).allSatisfy({ small[$0] == 1 || full[$0 + off] == idx[$0] }) { acc += Double(y[flat: i]) }
                }
                return acc
            }
            assertClose(s, r, rtol: 1e-5, atol: 1e-5)
        }
        assertTensorError(try Tensor.ones([2, 3]).expanded(to: [3]), op: "expand", ["[2, 3]", "[3]"])
        assertTensorError(try Tensor.ones([2]).expanded(to: [3]), op: "expand", ["[2]", "[3]"])
        assertTensorError(try Tensor.ones([1]).expanded(to: [-1]), op: "expand", ["negative", "[-1]"])
        assertTensorError(try Tensor.ones([3, 2]).summed(to: [3]), op: "sum_to", ["[3, 2]", "[3]"])
        assertTensorError(try Tensor.ones([3]).summed(to: [2, 3]), op: "sum_to", ["[3]", "[2, 3]"])
    }

    func testSqueezeAndUnsqueeze() throws {
        let x = Tensor.ones([1, 3, 1, 2])
        XCTAssertEqual(try x.squeezed().shape, [3, 2])
        XCTAssertEqual(try x.squeezed(axes: [2]).shape, [1, 3, 2])
        XCTAssertEqual(try x.squeezed(axes: [-4, -2]).shape, [3, 2])
        XCTAssertEqual(try Tensor.ones([1]).squeezed().shape, [])
        assertTensorError(try x.squeezed(axes: [1]), op: "squeeze", ["axis 1", "size 3", "[1, 3, 1, 2]"])
        assertTensorError(try x.squeezed(axes: [4]), op: "squeeze", ["axis 4"])
        for axis in -5...4 {
            var s = x.shape
            s.insert(1, at: axis < 0 ? axis + 5 : axis)
            XCTAssertEqual(try x.unsqueezed(axis).shape, s, "axis \(axis)")
        }
        XCTAssertEqual(try Tensor(2).unsqueezed(0).shape, [1])
        XCTAssertEqual(try Tensor(2).unsqueezed(-1).shape, [1])
        XCTAssertEqual(try Tensor(2).transposed(0, -1).shape, [])
        assertTensorError(try x.unsqueezed(5), op: "unsqueeze", ["axis 5"])
        assertTensorError(try x.unsqueezed(-6), op: "unsqueeze", ["axis -6"])
    }

    func testConcatAndStack() throws {
        var g = SeededGenerator(seed: 9)
        var rng = RandomStream(seed: 91)
        for _ in 0..<10 {
            let base = g.shape(ranks: 1...4, dims: 1...3)
            let axis = g.int(0...(base.count - 1))
            let parts: [Tensor] = (0..<g.int(1...4)).map { _ in
                var s = base
                s[axis] = g.int(0...3)
                return rng.normal(s)
            }
            let out = try Tensor.concat(parts, axis: g.bool() ? axis - base.count : axis)
            var outShape = base
            outShape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
            let r = Ref(shape: outShape) { idx in
                var i = idx, k = 0
                while i[axis] >= parts[k].shape[axis] { i[axis] -= parts[k].shape[axis]; k += 1 }
                return Ref(parts[k])[i]
            }
            assertClose(out, r, rtol: 0, atol: 0, "concat \(parts.map(\.shape)) axis \(axis)")

            let same = (0..<g.int(1...3)).map { _ in rng.normal(base) }
            for axis in -(base.count + 1)...base.count {
                let a = axis < 0 ? axis + base.count + 1 : axis
                var s = base
                s.insert(same.count, at: a)
                let r = Ref(shape: s) { idx in
                    var i = idx
                    let k = i.remove(at: a)
                    return Ref(same[k])[i]
                }
                assertClose(try Tensor.stack(same, axis: axis), r, rtol: 0, atol: 0, "stack axis \(axis)")
            }
        }
        assertClose(try Tensor.stack([Tensor(1), Tensor(2)], axis: 0), [1, 2], shape: [2])
        let a = Tensor.ones([2, 3]), b = Tensor.ones([2, 4])
        assertTensorError(try Tensor.concat([a, b], axis: 0), op: "concat", ["[2, 3]", "[2, 4]"])
        assertTensorError(try Tensor.concat([a, Tensor.ones([2])], axis: 0), op: "concat", ["[2, 3]", "[2]", "rank"])
        assertTensorError(try Tensor.concat([], axis: 0), op: "concat")
        assertTensorError(try Tensor.concat([a], axis: 2), op: "concat", ["axis 2"])
        assertTensorError(try Tensor.concat([Tensor(1)], axis: 0), op: "concat", ["scalar"])
        assertTensorError(try Tensor.stack([a, b], axis: 0), op: "stack", ["[2, 3]", "[2, 4]"])
        assertTensorError(try Tensor.stack([a], axis: 3), op: "stack", ["axis 3"])
        assertTensorError(try Tensor.stack([], axis: 0), op: "stack")
    }

    func testPadAndUnpad() throws {
        var g = SeededGenerator(seed: 10)
        var rng = RandomStream(seed: 101)
        for _ in 0..<10 {
            let shape = g.edgyShape(maxRank: 3)
            let x = rng.normal(shape)
            let widths = (0..<g.int(0...shape.count)).map { _ in (g.int(0...2), g.int(0...2)) }
            let w = widths + Array(repeating: (0, 0), count: shape.count - widths.count)
            let outShape = Swift.zip(shape, w).map { $0 + $1.0 + $1.1 }
            let p = try x.padded(widths, value: -7)
            let r = Ref(shape: outShape) { idx in
                let src = (0..<shape.count).map { idx[$0] - w[$0].0 }
                let inside = (0..<shape.count).allSatisfy { src[$0] >= 0 && src[$0] < shape[$0] }
                return inside ? Ref(x)[src] : -7
            }
            assertClose(p, r, rtol: 0, atol: 0, "pad \(shape) by \(w)")
            assertClose(try p.unpadded(widths), Ref(x), rtol: 0, atol: 0)
        }
        let x = Tensor.ones([2, 3])
        assertTensorError(try x.padded([(1, 1), (1, 1), (1, 1)]), op: "pad", ["3 pad widths", "rank 2"])
        assertTensorError(try x.padded([(-1, 0)]), op: "pad", ["non-negative"])
        assertTensorError(try x.unpadded([(1, 1), (2, 2)]), op: "unpad", ["[2, 3]"])
        assertTensorError(try x.unpadded([(-1, 0)]), op: "unpad", ["non-negative"])
        assertTensorError(try x.unpadded([(0, 0), (0, 0), (0, 0)]), op: "unpad", ["rank 2"])
    }
}
