/// Shape arithmetic shared by every op: element counts, strides, broadcasting, axes.
public enum Shape {
    /// Number of elements of a tensor of this shape (1 for a scalar).
    @inline(__always)
    public static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// Row-major (C-order) strides in elements.
    public static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc &*= shape[i]
        }
        return s
    }

    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// NumPy broadcasting of two shapes (align right; a dimension of 1 stretches).
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da }
            else if da == 1 { out[i] = db }
            else { throw TensorError.shapes(op, a, b, why: "cannot be broadcast together") }
        }
        return out
    }

    /// Strides that read a tensor of `shape` as if it had `target` shape (0 on stretched dims).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        var out = [Int](repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 || target[i + offset] == 1 {
            out[i + offset] = shape[i] == 1 ? 0 : own[i]
        }
        return out
    }

    /// Resolves a possibly negative axis against `rank`.
    public static func axis(_ axis: Int, rank: Int, op: String) throws -> Int {
        let a = axis < 0 ? axis + max(rank, 1) : axis   // a scalar accepts 0 and -1
        guard a >= 0 && a < max(rank, 1) && (rank > 0 || axis == 0 || axis == -1) else {
            throw TensorError(op, "axis \(axis) is out of range for a tensor of rank \(rank)")
        }
        return a
    }

    /// Resolves a list of axes (nil = all), sorted, without duplicates.
    public static func axes(_ axes: [Int]?, rank: Int, op: String) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var seen = Set<Int>()
        for a in axes {
            let r = try axis(a, rank: rank, op: op)
            if rank == 0 { continue }
            guard seen.insert(r).inserted else { throw TensorError(op, "axis \(a) is repeated") }
        }
        return seen.sorted()
    }
}
