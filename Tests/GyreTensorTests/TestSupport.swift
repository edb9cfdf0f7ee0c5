import XCTest
@testable import GyreTensor

/// SplitMix64: a tiny seeded generator for test shapes and choices (data comes from `RandomStream`).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func bool(_ p: Double = 0.5) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A shape of rank `ranks` with dimensions in `dims`.
    mutating func shape(ranks: ClosedRange<Int> = 0...4, dims: ClosedRange<Int> = 1...4) -> [Int] {
        (0..<int(ranks)).map { _ in int(dims) }
    }

    /// A shape that broadcasts to `out`: some leading dimensions dropped, some set to 1.
    mutating func broadcastable(to out: [Int]) -> [Int] {
        let drop = int(0...out.count)
        return out.dropFirst(drop).map { bool(0.3) ? 1 : $0 }
    }

    /// An output shape (rank 0–4, occasionally a size-0 or size-1 dimension).
    mutating func edgyShape(maxRank: Int = 4) -> [Int] {
        (0..<int(0...maxRank)).map { _ in bool(0.08) ? 0 : (bool(0.2) ? 1 : int(2...4)) }
    }
}

/// A plain reference array: row-major Double values with a shape, manipulated with naive loops.
struct Ref: CustomStringConvertible {
    var shape: [Int]
    var data: [Double]

    init(shape: [Int], data: [Double]) {
        precondition(data.count == Ref.count(shape))
        self.shape = shape
        self.data = data
    }
    init(_ t: Tensor) { self.init(shape: t.shape, data: t.array.map(Double.init)) }
    init(shape: [Int], _ f: ([Int]) -> Double) {
        let n = Ref.count(shape)
        self.init(shape: shape, data: (0..<n).map { f(Ref.unravel($0, shape)) })
    }

    var description: String { "Ref(\(shape), \(data.prefix(12)))" }
    var count: Int { data.count }
    static func count(_ s: [Int]) -> Int { s.reduce(1, *) }

    static func unravel(_ flat: Int, _ shape: [Int]) -> [Int] {
        var idx = [Int](repeating: 0, count: shape.count), rem = flat
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            idx[d] = rem % shape[d]
            rem /= shape[d]
        }
        return idx
    }
    static func ravel(_ idx: [Int], _ shape: [Int]) -> Int {
        var f = 0
        for d in 0..<shape.count { f = f * shape[d] + idx[d] }
        return f
    }
    subscript(_ idx: [Int]) -> Double {
        get { data[Ref.ravel(idx, shape)] }
        set { data[Ref.ravel(idx, shape)] = newValue }
    }
    /// Read with NumPy broadcasting from an index of a (higher-rank) output shape.
    func broadcastAt(_ idx: [Int]) -> Double {
        let off = idx.count - shape.count
        return self[(0..<shape.count).map { shape[$0] == 1 ? 0 : idx[$0 + off] }]
    }

    static func broadcastShape(_ shapes: [Int]...) -> [Int]? {
        let n = shapes.map(\.count).max() ?? 0
        var out = [Int](repeating: 1, count: n)
        for s in shapes {
            for (i, d) in s.enumerated() {
                let j = i + n - s.count
                if d == 1 { continue }
                if out[j] == 1 { out[j] = d } else if out[j] != d { return nil }
            }
        }
        return out
    }

    func map(_ f: (Double) -> Double) -> Ref { Ref(shape: shape, data: data.map(f)) }

    static func zip(_ a: Ref, _ b: Ref, _ f: (Double, Double) -> Double) -> Ref {
        let s = broadcastShape(a.shape, b.shape)!
        return Ref(shape: s) { f(a.broadcastAt($0), b.broadcastAt($0)) }
    }

    func expanded(to s: [Int]) -> Ref { Ref(shape: s) { broadcastAt($0) } }

    /// Values grouped by their position with `axes` collapsed; `keepShape` has 1 on those axes.
    func groups(axes: [Int]) -> (keepShape: [Int], groups: [[Double]]) {
        var keep = shape
        for a in axes { keep[a] = 1 }
        var g = [[Double]](repeating: [], count: Ref.count(keep))
        for i in 0..<count {
            var idx = Ref.unravel(i, shape)
            for a in axes { idx[a] = 0 }
            g[Ref.ravel(idx, keep)].append(data[i])
        }
        return (keep, g)
    }

    func reduce(axes: [Int], keepdims: Bool, _ f: ([Double]) -> Double) -> Ref {
        let (keep, g) = groups(axes: axes)
        let out = keepdims ? keep : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
        return Ref(shape: out, data: g.map(f))
    }

    func permuted(_ axes: [Int]) -> Ref {
        let s = axes.map { shape[$0] }
        return Ref(shape: s) { idx in
            var src = [Int](repeating: 0, count: shape.count)
            for (i, a) in axes.enumerated() { src[a] = idx[i] }
            return self[src]
        }
    }

    func dot(_ o: Ref) -> Double { Swift.zip(data, o.data).reduce(0) { $0 + $1.0 * $1.1 } }
}

func dot(_ a: Tensor, _ b: Tensor) -> Double { Ref(a).dot(Ref(b)) }

/// Every subset of `0..<rank`.
func subsets(_ rank: Int) -> [[Int]] {
    (0..<(1 << rank)).map { m in (0..<rank).filter { m & (1 << $0) != 0 } }
}

/// Elementwise closeness: |a − b| ≤ atol + rtol·|b|; NaNs and infinities must match exactly.
func assertClose(_ t: Tensor, _ r: Ref, rtol: Double = 1e-5, atol: Double = 1e-5, _ msg: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    guard t.shape == r.shape else {
        XCTFail("shape \(t.shape) ≠ reference \(r.shape) \(msg())", file: file, line: line)
        return
    }
    let a = t.array
    for i in 0..<a.count {
        let x = Double(a[i]), y = r.data[i]
        let ok: Bool
        if y.isNaN { ok = x.isNaN } else if y.isInfinite { ok = x == y } else { ok = Swift.abs(x - y) <= atol + rtol * Swift.abs(y) }
        if !ok {
            XCTFail("element \(i) (index \(Ref.unravel(i, r.shape))): \(x) vs reference \(y) in shape \(r.shape) \(msg())",
                    file: file, line: line)
            return
        }
    }
}

func assertClose(_ t: Tensor, _ values: [Double], shape: [Int], rtol: Double = 1e-6, atol: Double = 1e-6,
                 file: StaticString = #filePath, line: UInt = #line) {
    assertClose(t, Ref(shape: shape, data: values), rtol: rtol, atol: atol, file: file, line: line)
}

func assertScalarsClose(_ a: Double, _ b: Double, rtol: Double = 1e-4, _ msg: @autoclosure () -> String = "",
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssert(Swift.abs(a - b) <= rtol * (1 + Swift.abs(a) + Swift.abs(b)), "\(a) vs \(b) \(msg())", file: file, line: line)
}

/// Asserts that `body` throws a `TensorError` for `op` whose message contains every fragment.
func assertTensorError<T>(_ body: @autoclosure () throws -> T, op: String, _ fragments: [String] = [],
                          file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected a \(op) error", file: file, line: line)
    } catch let e as TensorError {
        XCTAssertEqual(e.op, op, "\(e)", file: file, line: line)
        for f in fragments { XCTAssert(e.description.contains(f), "'\(e)' lacks '\(f)'", file: file, line: line) }
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}

extension RandomStream {
    /// Small integers in [-k, k] as Floats: ties and equalities happen often.
    mutating func smallInts(_ shape: [Int], k: Int = 3) -> Tensor {
        uniform(shape, low: Float(-k), high: Float(k) + 1).map { $0.rounded(.down) }
    }
}

func desc(_ s: [Int]) -> String { Shape.describe(s) }
