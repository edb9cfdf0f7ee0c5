import CBLAS

/// The one wrapper around OpenBLAS (cblas + LAPACK): every call into the C library is here.
public enum BLAS {
    /// Sets OpenBLAS's thread count (default: all cores).
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// C[m×n] = alpha · op(A) · op(B) + beta · C, row-major, with leading dimensions.
    @inline(__always)
    static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Solves A X = B for symmetric positive-definite A (n×n) with LAPACK `sposv`;
    /// `a` is overwritten by its Cholesky factor and `b` (n×nrhs, column-major) by X.
    /// Returns LAPACK's `info` (0 = success, >0 = not positive definite).
    static func sposv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>) -> Int {
        var uplo = CChar(UInt8(ascii: "L"))
        var nn = Int32(n), nr = Int32(nrhs), lda = Int32(max(n, 1)), ldb = Int32(max(n, 1)), info: Int32 = 0
        sposv_(&uplo, &nn, &nr, a, &lda, b, &ldb, &info, 1)
        return Int(info)
    }
}
