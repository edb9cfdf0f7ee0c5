import Foundation

/// The elementwise kernels: one flat loop per op, split over cores when large.
///
/// The loops are generic over a kernel type rather than taking a closure: a generic
/// function is specialised at each call site together with the worker closure that
/// Dispatch runs, so every op compiles to its own vectorised loop. With a closure, the
/// worker called it indirectly once per element (add on 16M floats ran at a third of
/// copy bandwidth). The closure forms remain for ops without a kernel type.
public protocol UnaryKernel { func callAsFunction(_ x: Float) -> Float }
public protocol BinaryKernel { func callAsFunction(_ a: Float, _ b: Float) -> Float }

struct ClosureUnary: UnaryKernel {
    let f: (Float) -> Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { f(x) }
}
struct ClosureBinary: BinaryKernel {
    let f: (Float, Float) -> Float
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { f(a, b) }
}

extension Tensor {
    /// `f` applied to every element.
    @inline(__always)
    public func map(_ f: (Float) -> Float) -> Tensor {
        withoutActuallyEscaping(f) { map(ClosureUnary(f: $0)) }
    }

    /// `f` applied pairwise with NumPy broadcasting.
    @inline(__always)
    public func zip(_ other: Tensor, op: String, _ f: (Float, Float) -> Float) throws -> Tensor {
        try withoutActuallyEscaping(f) { try zip(other, op: op, ClosureBinary(f: $0)) }
    }

    /// `f` applied to every element.
    public func map<F: UnaryKernel>(_ f: F) -> Tensor {
        let out = Tensor.uninitialized(shape)
        let src = ptr, dst = out.ptr
        Parallel.chunks(count) { r in
            for i in r { dst[i] = f(src[i]) }
        }
        return out
    }

    /// `f` applied pairwise with NumPy broadcasting.
    public func zip<F: BinaryKernel>(_ other: Tensor, op: String, _ f: F) throws -> Tensor {
        let a = ptr, b = other.ptr
        if shape == other.shape {
            let out = Tensor.uninitialized(shape)
            let dst = out.ptr
            Parallel.chunks(count) { r in for i in r { dst[i] = f(a[i], b[i]) } }
            return out
        }
        if other.count == 1 && other.rank <= rank {
            let out = Tensor.uninitialized(shape)
            let dst = out.ptr, s = b[0]
            Parallel.chunks(count) { r in for i in r { dst[i] = f(a[i], s) } }
            return out
        }
        if count == 1 && rank <= other.rank {
            let out = Tensor.uninitialized(other.shape)
            let dst = out.ptr, s = a[0]
            Parallel.chunks(out.count) { r in for i in r { dst[i] = f(s, b[i]) } }
            return out
        }
        let outShape = try Shape.broadcast(shape, other.shape, op: op)
        let out = Tensor.uninitialized(outShape)
        let n = out.count
        if n == 0 { return out }
        let sa = Shape.broadcastStrides(shape, to: outShape)
        let sb = Shape.broadcastStrides(other.shape, to: outShape)
        let inner = outShape.last ?? 1
        let ia = sa.last ?? 0, ib = sb.last ?? 0
        let rows = n / inner
        let dst = out.ptr
        let outer = Array(outShape.dropLast())
        Parallel.chunks(rows, grain: Swift.max(1, Parallel.elementwiseGrain / Swift.max(inner, 1))) { r in
            var idx = StridedCounter(shape: outer, start: r.lowerBound)
            for row in r {
                let oa = idx.offset(sa), ob = idx.offset(sb)
                let d = dst + row * inner
                if ia == 1 && ib == 1 {
                    for j in 0..<inner { d[j] = f(a[oa + j], b[ob + j]) }
                } else if ia == 0 && ib == 1 {
                    let s = a[oa]
                    for j in 0..<inner { d[j] = f(s, b[ob + j]) }
                } else if ia == 1 && ib == 0 {
                    let s = b[ob]
                    for j in 0..<inner { d[j] = f(a[oa + j], s) }
                } else {
                    let s = f(a[oa], b[ob])
                    for j in 0..<inner { d[j] = s }
                }
                idx.increment()
            }
        }
        return out
    }
}

/// A multi-index over `shape` in row-major order that can compute strided offsets.
struct StridedCounter {
    let shape: [Int]
    var index: [Int]

    init(shape: [Int], start: Int) {
        self.shape = shape
        index = [Int](repeating: 0, count: shape.count)
        var rem = start
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] > 0 {
            index[d] = rem % shape[d]
            rem /= shape[d]
        }
    }

    @inline(__always) func offset(_ strides: [Int]) -> Int {
        var o = 0
        for d in 0..<index.count { o &+= index[d] &* strides[d] }
        return o
    }

    @inline(__always) mutating func increment() {
        var d = shape.count - 1
        while d >= 0 {
            index[d] += 1
            if index[d] < shape[d] { return }
            index[d] = 0
            d -= 1
        }
    }
}

/// Strided gather and scatter: the single kernel behind permute, expand, slicing,
/// flips and their adjoints.
enum Strided {
    /// Copies the elements at `base + Σ i_d·strides[d]` for every index of `shape`
    /// into `dst` in row-major order.
    static func gather(_ src: UnsafePointer<Float>, base: Int, shape: [Int], strides: [Int],
                       into dst: UnsafeMutablePointer<Float>) {
        let n = Shape.count(shape)
        if n == 0 { return }
        let inner = shape.last ?? 1
        let si = strides.last ?? 0
        let outer = Array(shape.dropLast())
        let os = Array(strides.dropLast())
        let rows = n / inner
        Parallel.chunks(rows, grain: Swift.max(1, Parallel.elementwiseGrain / Swift.max(inner, 1))) { r in
            var idx = StridedCounter(shape: outer, start: r.lowerBound)
            for row in r {
                let s = src + (base + idx.offset(os))
                let d = dst + row * inner
                if si == 1 { d.update(from: s, count: inner) }
                else { for j in 0..<inner { d[j] = s[j * si] } }
                idx.increment()
            }
        }
    }

    /// Writes (or adds, when `accumulate`) `src` in row-major order of `shape` into
    /// the strided positions of `dst`. Positions must be distinct unless single-threaded.
    static func scatter(_ src: UnsafePointer<Float>, shape: [Int], into dst: UnsafeMutablePointer<Float>,
                        base: Int, strides: [Int], accumulate: Bool) {
        let n = Shape.count(shape)
        if n == 0 { return }
        let inner = shape.last ?? 1
        let si = strides.last ?? 0
        let outer = Array(shape.dropLast())
        let os = Array(strides.dropLast())
        let rows = n / inner
        var idx = StridedCounter(shape: outer, start: 0)
        for row in 0..<rows {
            let d = dst + (base + idx.offset(os))
            let s = src + row * inner
            if accumulate { for j in 0..<inner { d[j * si] += s[j] } }
            else { for j in 0..<inner { d[j * si] = s[j] } }
            idx.increment()
        }
    }
}
