import XCTest
@testable import GyreTensor

/// A NumPy-style reference for basic indexing, written independently of the core:
/// each index item becomes a list of source positions (CPython's slice.indices rules).
enum RefIndex {
    enum Axis { case drop(Int), keep([Int]), new }

    static func sliceIndices(_ n: Int, _ start: Int?, _ stop: Int?, _ step: Int) -> [Int] {
        var lo: Int, hi: Int
        if step > 0 {
            lo = start.map { $0 < 0 ? Swift.max($0 + n, 0) : Swift.min($0, n) } ?? 0
            hi = stop.map { $0 < 0 ? Swift.max($0 + n, 0) : Swift.min($0, n) } ?? n
            return lo < hi ? Array(stride(from: lo, to: hi, by: step)) : []
        }
        lo = start.map { $0 < 0 ? Swift.max($0 + n, -1) : Swift.min($0, n - 1) } ?? (n - 1)
        hi = stop.map { $0 < 0 ? Swift.max($0 + n, -1) : Swift.min($0, n - 1) } ?? -1
        return lo > hi ? Array(stride(from: lo, to: hi, by: step)) : []
    }

    /// The result shape and, for each result element, its flat source position.
    static func positions(shape: [Int], items: [TensorIndex]) -> (shape: [Int], sources: [Int]) {
        let used = items.filter { if case .newAxis = $0 { return false }; if case .ellipsis = $0 { return false }; return true }.count
        var full: [TensorIndex] = []
        for it in items {
            if case .ellipsis = it { full += Array(repeating: TensorIndex.all, count: shape.count - used) } else { full.append(it) }
        }
        if !items.contains(.ellipsis) { full += Array(repeating: TensorIndex.all, count: shape.count - used) }
        var axes: [Axis] = [], d = 0
        for it in full {
            switch it {
            case .newAxis: axes.append(.new)
            case .index(let i): axes.append(.drop(i < 0 ? i + shape[d] : i)); d += 1
            case .slice(let a, let b, let s): axes.append(.keep(sliceIndices(shape[d], a, b, s ?? 1))); d += 1
            case .ellipsis: break
            }
        }
        var outShape: [Int] = []
        for a in axes {
            if case .keep(let l) = a { outShape.append(l.count) }
            if case .new = a { outShape.append(1) }
        }
        let sources = (0..<Ref.count(outShape)).map { f -> Int in
            let oi = Ref.unravel(f, outShape)
            var k = 0, src: [Int] = []
            for a in axes {
                switch a {
                case .drop(let i): src.append(i)
                case .keep(let l): src.append(l[oi[k]]); k += 1
                case .new: k += 1
                }
            }
            return Ref.ravel(src, shape)
        }
        return (outShape, sources)
    }
}

final class IndexingTests: XCTestCase {
    func randomItems(_ shape: [Int], _ g: inout SeededGenerator) -> [TensorIndex] {
        var items: [TensorIndex] = []
        var ellipsis = false
        for n in shape.prefix(g.int(0...shape.count)) {
            if g.bool(0.15) { items.append(.newAxis) }
            if !ellipsis && g.bool(0.1) { items.append(.ellipsis); ellipsis = true; continue }
            if n > 0 && g.bool(0.3) { items.append(.index(g.int(-n...(n - 1)))); continue }
            let step: Int? = g.bool(0.3) ? nil : [1, 2, 3, -1, -2, -3].randomElement(using: &g)!
            let start: Int? = g.bool(0.4) ? nil : g.int(-(n + 2)...(n + 2))
            let stop: Int? = g.bool(0.4) ? nil : g.int(-(n + 2)...(n + 2))
            items.append(.slice(start: start, stop: stop, step: step))
        }
        if g.bool(0.1) { items.append(.newAxis) }
        return items
    }

    func testBasicIndexingAgainstReference() throws {
        var g = SeededGenerator(seed: 12)
        var rng = RandomStream(seed: 121)
        for trial in 0..<150 {
            let shape = g.edgyShape()
            let x = rng.normal(shape)
            let items = randomItems(shape, &g)
            let (s, src) = RefIndex.positions(shape: shape, items: items)
            let ref = Ref(shape: s, data: src.map { Double(x[flat: $0]) })
            assertClose(try x[items], ref, rtol: 0, atol: 0, "trial \(trial): \(shape) \(items)")
        }
    }

    func testNegativeStepsAndSpecialItems() throws {
        let x = try Tensor.arange(0, 8)
        assertClose(try x[[.slice(start: nil, stop: nil, step: -1)]], [7, 6, 5, 4, 3, 2, 1, 0], shape: [8])
        assertClose(try x[[.slice(start: 5, stop: 1, step: -2)]], [5, 3], shape: [2])
        assertClose(try x[[.slice(start: -1, stop: -4, step: -1)]], [7, 6, 5], shape: [3])
        assertClose(try x[[.slice(start: 2, stop: nil, step: -1)]], [2, 1, 0], shape: [3])
        assertClose(try x[[.slice(start: 100, stop: -100, step: -3)]], [7, 4, 1], shape: [3])
        assertClose(try x[[.slice(start: 1, stop: 5, step: -1)]], [], shape: [0])
        assertClose(try x[[.slice(start: 1, stop: 7, step: 3)]], [1, 4], shape: [2])
        assertClose(try x[[.index(-1)]], [7], shape: [])
        assertClose(try x[[.index(-8)]], [0], shape: [])
        let m = try x.reshaped([2, 4])
        assertClose(try m[[.slice(start: nil, stop: nil, step: -1), .slice(start: nil, stop: nil, step: -1)]],
                    [7, 6, 5, 4, 3, 2, 1, 0], shape: [2, 4])
        assertClose(try m[[.ellipsis, .index(-1)]], [3, 7], shape: [2])
        assertClose(try m[[.newAxis, .index(1), .newAxis]], [4, 5, 6, 7], shape: [1, 1, 4])
        assertClose(try m[[.index(0), .ellipsis, .newAxis]], [0, 1, 2, 3], shape: [4, 1])
        assertClose(try m[[]], Ref(m), rtol: 0, atol: 0)
        assertClose(try Tensor(3)[[.newAxis]], [3], shape: [1])
        assertClose(try Tensor(3)[[.ellipsis]], [3], shape: [])
    }

    func testIndexErrors() throws {
        let m = try Tensor.arange(0, 6).reshaped([2, 3])
        assertTensorError(try m[[.index(2)]], op: "index", ["index 2", "axis 0", "size 2"])
        assertTensorError(try m[[.all, .index(-4)]], op: "index", ["index -4", "axis 1", "size 3"])
        assertTensorError(try m[[.index(0), .index(0), .index(0)]], op: "index", ["too many", "[2, 3]"])
        assertTensorError(try m[[.ellipsis, .ellipsis]], op: "index", ["ellipsis"])
        assertTensorError(try m[[.slice(start: 0, stop: 2, step: 0)]], op: "index", ["step"])
        assertTensorError(try Tensor.zeros([0])[[.index(0)]], op: "index", ["out of range"])
        assertTensorError(try Tensor(1)[[.index(0)]], op: "index", ["too many"])
    }

    func testAssignWithBroadcastingAndIndexBackward() throws {
        var g = SeededGenerator(seed: 13)
        var rng = RandomStream(seed: 131)
        for trial in 0..<80 {
            let shape = g.edgyShape()
            let x = rng.normal(shape)
            let items = randomItems(shape, &g)   // basic indices never select a position twice
            let (s, src) = RefIndex.positions(shape: shape, items: items)
            let vshape = g.broadcastable(to: s)
            let v = rng.normal(vshape)
            var y = x
            try y.assign(items, v)
            var r = Ref(x)
            let ev = Ref(v).expanded(to: s)
            for (k, p) in src.enumerated() { r.data[p] = ev.data[k] }
            assertClose(y, r, rtol: 0, atol: 0, "trial \(trial) \(shape) \(items) value \(vshape)")
            assertClose(x, Ref(x), rtol: 0, atol: 0)   // copy-on-write: the original is untouched

            // indexBackward is the adjoint of indexing.
            let gOut = rng.normal(s)
            let back = try Tensor.indexBackward(gOut, shape: shape, items: items)
            assertScalarsClose(dot(try x[items], gOut), dot(x, back), rtol: 1e-5)
            var rb = Ref(shape: shape, data: Array(repeating: 0, count: x.count))
            for (k, p) in src.enumerated() { rb.data[p] = Double(gOut[flat: k]) }
            assertClose(back, rb, rtol: 0, atol: 0)
        }
        var m = Tensor.zeros([2, 3])
        assertTensorError(try m.assign([.index(0)], Tensor.ones([2])), op: "assign", ["[2]", "[3]"])
        assertTensorError(try Tensor.indexBackward(Tensor.ones([2]), shape: [2, 3], items: [.index(0)]),
                          op: "index_backward", ["[2]", "[3]"])
        try m.assign([.all, .index(-1)], Tensor(5))
        XCTAssertEqual(m.array, [0, 0, 5, 0, 0, 5])
    }

    func testIndexSelectAndScatterAddAreAdjoint() throws {
        var g = SeededGenerator(seed: 14)
        var rng = RandomStream(seed: 141)
        for trial in 0..<20 {
            let shape = g.shape(ranks: 1...4, dims: 1...4)
            let axis = g.int(0...(shape.count - 1))
            let n = shape[axis]
            let indices = (0..<g.int(0...6)).map { _ in g.int(-n...(n - 1)) }   // repeats and negatives
            let x = rng.normal(shape)
            let sel = try x.indexSelect(axis: g.bool() ? axis - shape.count : axis, indices: indices)
            var outShape = shape
            outShape[axis] = indices.count
            let r = Ref(shape: outShape) { idx in
                var i = idx
                let k = indices[idx[axis]]
                i[axis] = k < 0 ? k + n : k
                return Ref(x)[i]
            }
            assertClose(sel, r, rtol: 0, atol: 0, "trial \(trial)")
            let gOut = rng.normal(outShape)
            let sc = try gOut.scatterAdd(axis: axis, indices: indices, size: n)
            XCTAssertEqual(sc.shape, shape)
            assertScalarsClose(dot(sc, x), dot(gOut, sel), rtol: 1e-5, "trial \(trial)")
        }
        let x = Tensor.ones([3, 2])
        assertTensorError(try x.indexSelect(axis: 0, indices: [3]), op: "gather", ["index 3", "size 3"])
        assertTensorError(try x.indexSelect(axis: 2, indices: [0]), op: "gather", ["axis 2"])
        assertTensorError(try Tensor(1).indexSelect(axis: 0, indices: [0]), op: "gather", ["scalar"])
        assertTensorError(try x.scatterAdd(axis: 0, indices: [0, 1], size: 3), op: "scatter_add", ["2 indices", "[3, 2]"])
        assertTensorError(try x.scatterAdd(axis: 0, indices: [0, 1, 5], size: 3), op: "scatter_add", ["index 5"])
        assertTensorError(try Tensor(1).scatterAdd(axis: 0, indices: [0], size: 1), op: "scatter_add", ["scalar"])
    }

    func testMasks() throws {
        var g = SeededGenerator(seed: 15)
        var rng = RandomStream(seed: 151)
        for _ in 0..<12 {
            let shape = g.edgyShape()
            let lead = g.int(0...shape.count)
            let mshape = Array(shape.prefix(lead)), rest = Array(shape.dropFirst(lead))
            let x = rng.normal(shape), mask = rng.bernoulli(mshape, p: 0.5)
            let picked = (0..<mask.count).filter { mask[flat: $0] != 0 }
            let inner = Ref.count(rest)
            let rData = picked.flatMap { p in (0..<inner).map { Double(x[flat: p * inner + $0]) } }
            assertClose(try x.masked(mask), Ref(shape: [picked.count] + rest, data: rData), rtol: 0, atol: 0)
            XCTAssertEqual(try x.maskIndices(mask), picked)

            let v = rng.normal(g.broadcastable(to: [picked.count] + rest))
            var y = x
            try y.assign(mask: mask, v)
            var r = Ref(x)
            let ev = Ref(v).expanded(to: [picked.count] + rest)
            for (k, p) in picked.enumerated() { for j in 0..<inner { r.data[p * inner + j] = ev.data[k * inner + j] } }
            assertClose(y, r, rtol: 0, atol: 0)
        }
        let x = Tensor.ones([2, 3])
        assertTensorError(try x.masked(Tensor.ones([3])), op: "mask", ["[2, 3]", "[3]"])
        var y = x
        assertTensorError(try y.assign(mask: Tensor([1, 0]), Tensor.ones([2, 3])), op: "assign", ["[2, 3]", "[1, 3]"])
    }

    func testGatherFlatAndScatterFlat() throws {
        var rng = RandomStream(seed: 161)
        var g = SeededGenerator(seed: 16)
        let x = rng.normal([3, 4])
        let pos = (0..<10).map { _ in Int32(g.int(0...11)) }
        let gathered = try x.gatherFlat(pos, shape: [2, 5])
        assertClose(gathered, Ref(shape: [2, 5], data: pos.map { Double(x[flat: Int($0)]) }), rtol: 0, atol: 0)
        let gOut = rng.normal([2, 5])
        let sc = try gOut.scatterFlat(pos, shape: [3, 4])
        XCTAssertEqual(sc.shape, [3, 4])
        assertScalarsClose(dot(sc, x), dot(gOut, gathered), rtol: 1e-5)
        assertTensorError(try x.gatherFlat([0, 1], shape: [3]), op: "gather_flat", ["2 positions", "[3]"])
        assertTensorError(try x.gatherFlat([12], shape: [1]), op: "gather_flat", ["12", "[3, 4]"])
        assertTensorError(try x.gatherFlat([-1], shape: [1]), op: "gather_flat", ["-1"])
        assertTensorError(try gOut.scatterFlat([0], shape: [3, 4]), op: "scatter_flat", ["1 positions", "10 values"])
        assertTensorError(try Tensor([1]).scatterFlat([12], shape: [3, 4]), op: "scatter_flat", ["12", "[3, 4]"])
    }
}
