/// An n-dimensional array of Float32 values in contiguous row-major order.
///
/// `Tensor` is a value type: copies share one `TensorStorage` until one of them is
/// mutated (copy-on-write). Every op returns a new contiguous tensor; `reshape`
/// shares storage. Keeping every tensor contiguous lets each kernel be one tight loop
/// over raw buffers, and transposes feed `cblas_sgemm` flags instead of copies, so
/// the strided-view machinery of NumPy buys little here (docs/architecture.md).
///
///     let a = try Tensor([1, 2, 3, 4], shape: [2, 2])
///     let b = a + 1          // [[2, 3], [4, 5]]
public struct Tensor: @unchecked Sendable {
    /// The size of each dimension; `[]` for a scalar.
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage

    init(shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    /// A tensor whose elements the caller must all write before reading.
    static func uninitialized(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(uninitializedCount: Shape.count(shape)))
    }

    /// A tensor of `shape` with every element `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Shape.count(shape)))
    }

    /// A 0-d tensor.
    public init(_ scalar: Float) {
        self.init(repeating: scalar, shape: [])
    }

    /// A tensor from row-major values; throws if the count does not match the shape.
    public init(_ values: [Float], shape: [Int]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError("tensor", "negative dimension in shape \(Shape.describe(shape))")
        }
        guard values.count == Shape.count(shape) else {
            throw TensorError("tensor", "\(values.count) values do not fill shape \(Shape.describe(shape))")
        }
        self = .uninitialized(shape)
        let dst = storage.base
        values.withUnsafeBufferPointer { src in
            if let b = src.baseAddress { dst.update(from: b, count: src.count) }
        }
    }

    /// A 1-d tensor of the values.
    public init(_ values: [Float]) {
        // The count always matches a 1-d shape.
        self = .uninitialized([values.count])
        let dst = storage.base
        values.withUnsafeBufferPointer { src in
            if let b = src.baseAddress { dst.update(from: b, count: src.count) }
        }
    }

    public var rank: Int { shape.count }
    public var count: Int { storage.count }
    public var isScalar: Bool { shape.isEmpty }

    /// The single value of a one-element tensor, else nil.
    public var scalarValue: Float? { count == 1 ? storage.base[0] : nil }

    /// The elements in row-major order.
    public var array: [Float] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }

    /// The element at a flat row-major position (caller checks the range).
    @inlinable public subscript(flat i: Int) -> Float { storage.base[i] }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: count))
    }

    /// Mutable access to the elements; copies the storage first if it is shared.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: count))
    }

    @inline(__always) var ptr: UnsafeMutablePointer<Float> { storage.base }

    /// Same elements, new shape (at most one dimension may be -1). Shares storage.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        var dims = newShape
        let unknown = dims.indices.filter { dims[$0] == -1 }
        guard unknown.count <= 1, dims.allSatisfy({ $0 >= -1 }) else {
            throw TensorError("reshape", "invalid target shape \(Shape.describe(newShape))")
        }
        if let u = unknown.first {
            let known = dims.enumerated().filter { $0.offset != u }.reduce(1) { $0 * $1.element }
            guard known > 0, count % known == 0 else {
                throw TensorError("reshape", "cannot reshape \(Shape.describe(shape)) into \(Shape.describe(newShape))")
            }
            dims[u] = count / known
        }
        guard Shape.count(dims) == count else {
            throw TensorError("reshape", "cannot reshape \(Shape.describe(shape)) (\(count) elements) into \(Shape.describe(newShape))")
        }
        return Tensor(shape: dims, storage: storage)
    }

    /// Whether both tensors have the same shape and numerically equal elements.
    public func isEqual(to other: Tensor) -> Bool {
        shape == other.shape && (0..<count).allSatisfy { self[flat: $0] == other[flat: $0] }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String { TensorFormatter().format(self) }
}
