/// e^x on eight lanes for x ≤ 0: Cephes' `expf` range reduction and degree-6 polynomial
/// (relative error ≈ 2e-7 over the reduced range), with 2ⁿ built in the exponent bits.
///
/// Inputs below −87 are clamped there (e^−87 ≈ 1.6e-38, far below what a splat can add),
/// so the result is always a normal float; x must not be NaN.
@inline(__always)
func fastExpNonPositive(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let lo = SIMD8<Float>(repeating: -87)
    let xc = x.replacing(with: lo, where: x .< lo)
    // n = round(x / ln 2); r = x − n·ln 2 in two steps (C1 + C2 = ln 2) for accuracy.
    // Adding 1.5·2²³ rounds to an integer held in the low mantissa bits (no int conversion).
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let shifted = xc * 1.442_695_04 + magic
    let n = shifted - magic
    let r = xc - n * 0.693_359_375 + n * 2.121_944_4e-4
    let r2 = r * r
    // Horner steps as fused multiply-adds (single instructions under -target-cpu haswell).
    var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
    p = SIMD8(repeating: 1.398_199_95e-3).addingProduct(p, r)
    p = SIMD8(repeating: 8.333_451_9e-3).addingProduct(p, r)
    p = SIMD8(repeating: 4.166_579_59e-2).addingProduct(p, r)
    p = SIMD8(repeating: 1.666_666_55e-1).addingProduct(p, r)
    p = SIMD8(repeating: 5.000_000_12e-1).addingProduct(p, r)
    let y = (r + 1).addingProduct(p, r2)
    let ni = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
    let bits = (ni &+ 127) &<< 23
    return y * unsafeBitCast(bits, to: SIMD8<Float>.self)
}
