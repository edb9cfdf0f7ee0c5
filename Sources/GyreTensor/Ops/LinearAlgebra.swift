/// Matrix products through `cblas_sgemm`, and the SPD solve through LAPACK.
extension Tensor {
    /// Matrix product with NumPy `matmul` rules: 1-d operands are promoted (and the
    /// added dimension removed), leading batch dimensions broadcast. `transposeA`/`B`
    /// transpose the last two dimensions of an operand without copying it.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
        guard a.rank >= 1 && b.rank >= 1 else {
            throw TensorError.shapes("matmul", a.shape, b.shape, why: "include a scalar (use * for scaling)")
        }
        let a2 = a.rank == 1 ? try a.reshaped(transposeA ? [a.count, 1] : [1, a.count]) : a
        let b2 = b.rank == 1 ? try b.reshaped(transposeB ? [1, b.count] : [b.count, 1]) : b
        let (am, ak) = transposeA ? (a2.shape[a2.rank - 1], a2.shape[a2.rank - 2]) : (a2.shape[a2.rank - 2], a2.shape[a2.rank - 1])
        let (bk, bn) = transposeB ? (b2.shape[b2.rank - 1], b2.shape[b2.rank - 2]) : (b2.shape[b2.rank - 2], b2.shape[b2.rank - 1])
        guard ak == bk else {
            throw TensorError.shapes("matmul", a.shape, b.shape, why: "are not aligned (\(ak) ≠ \(bk))")
        }
        let batchA = Array(a2.shape.dropLast(2)), batchB = Array(b2.shape.dropLast(2))
        let batch = try Shape.broadcast(batchA, batchB, op: "matmul")
        let nb = Shape.count(batch)
        var out = Tensor.uninitialized(batch + [am, bn])
        let lda = a2.shape[a2.rank - 1], ldb = b2.shape[b2.rank - 1]
        if batchB.allSatisfy({ $0 == 1 }) && !transposeA && batchA == batch {
            // Fold A's batch into its rows: one large sgemm.
            BLAS.sgemm(transA: false, transB: transposeB, m: nb * am, n: bn, k: ak, a: a2.ptr, lda: lda,
                       b: b2.ptr, ldb: ldb, c: out.ptr, ldc: bn)
        } else {
            let sa = Shape.broadcastStrides(batchA, to: batch), sb = Shape.broadcastStrides(batchB, to: batch)
            let matA = a2.shape.suffix(2).reduce(1, *), matB = b2.shape.suffix(2).reduce(1, *)
            var idx = StridedCounter(shape: batch, start: 0)
            for i in 0..<nb {
                BLAS.sgemm(transA: transposeA, transB: transposeB, m: am, n: bn, k: ak,
                           a: a2.ptr + idx.offset(sa) * matA, lda: lda, b: b2.ptr + idx.offset(sb) * matB, ldb: ldb,
                           c: out.ptr + i * am * bn, ldc: bn)
                idx.increment()
            }
        }
        if a.rank == 1 { out = try out.squeezed(axes: [out.rank - 2]) }
        if b.rank == 1 { out = try out.squeezed(axes: [out.rank - 1]) }
        return out
    }

    /// Solves `A X = B` for a symmetric positive-definite `A` (n×n), `B` n or n×k.
    /// Throws if `A` is not positive definite (add a ridge term).
    public static func solveSPD(_ A: Tensor, _ B: Tensor) throws -> Tensor {
        guard A.rank == 2, A.shape[0] == A.shape[1] else {
            throw TensorError("solve_spd", "A must be a square matrix, got \(Shape.describe(A.shape))")
        }
        let n = A.shape[0]
        guard (B.rank == 1 || B.rank == 2), B.shape[0] == n else {
            throw TensorError.shapes("solve_spd", A.shape, B.shape, why: "do not match (B needs \(n) rows)")
        }
        let k = B.rank == 1 ? 1 : B.shape[1]
        // LAPACK is column-major: A is symmetric, and B's transpose is its column-major form.
        var a = Tensor(shape: A.shape, storage: A.storage.copy())
        var bt = B.rank == 1 ? Tensor(shape: [1, n], storage: B.storage.copy()) : B.transposed()
        var info = 0
        a.withUnsafeMutableBufferPointer { ap in
            bt.withUnsafeMutableBufferPointer { bp in
                info = BLAS.sposv(n: n, nrhs: k, a: ap.baseAddress!, b: bp.baseAddress!)
            }
        }
        guard info == 0 else {
            throw TensorError("solve_spd", info > 0
                ? "the matrix is not positive definite (leading minor \(info) ≤ 0); add a ridge term"
                : "invalid argument \(-info) to sposv")
        }
        return B.rank == 1 ? try bt.reshaped([n]) : bt.transposed()
    }
}
