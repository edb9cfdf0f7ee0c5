import GyreTensor

/// Batched entry points of the fused kernel: images in parallel over the cores.
extension SpiroKernel {
    /// Rejects factor tables the renderer cannot draw (wrong shape, non-finite, b or σ ≤ 0).
    static func validate(_ factors: Tensor, op: String = "spirograph") throws {
        let n = SpiroFactor.allCases.count
        guard factors.rank == 2, factors.shape[1] == n else {
            throw DataError(op, "factors must be [B, \(n)] in canonical order (m, b, sigma, rfore, h, rback, gfore, gback, bfore, bback), got \(Shape.describe(factors.shape))")
        }
        try factors.withUnsafeBufferPointer { p in
            for i in 0..<p.count where !p[i].isFinite {
                throw DataError(op, "factor \(SpiroFactor.allCases[i % n].name) of sample \(i / n) is not finite (\(p[i]))")
            }
            for row in 0..<factors.shape[0] {
                for f in [SpiroFactor.b, .sigma] where p[row * n + f.rawValue] <= 0 {
                    throw DataError(op, "factor \(f.name) of sample \(row) must be positive (it divides), got \(p[row * n + f.rawValue])")
                }
            }
        }
    }

    @inline(__always)
    static func curve(_ p: UnsafeBufferPointer<Float>, _ row: Int) -> Curve {
        let o = row * SpiroFactor.allCases.count
        return Curve(m: Double(p[o]), b: Double(p[o + 1]), sigma: Double(p[o + 2]), h: Double(p[o + 4]))
    }

    /// Coloured images [B, 3, 32, 32] from canonical factors [B, 10] (validated by the caller).
    static func renderImages(_ factors: Tensor, normalization: SpiroNormalization) -> Tensor {
        let count = factors.shape[0], n = SpiroFactor.allCases.count
        var out = Tensor.zeros([count, 3, side, side])
        factors.withUnsafeBufferPointer { fp in
            out.withUnsafeMutableBufferPointer { op in
                guard let dst = op.baseAddress else { return }
                Parallel.chunks(count, grain: 8) { range in
                    let s = Scratch(tangents: 0)
                    let vn = UnsafeMutablePointer<Float>.allocate(capacity: pixels)
                    defer { vn.deallocate() }
                    for b in range {
                        intensity(curve(fp, b), tangents: [], normalization: normalization, scratch: s, vn: vn, dvn: nil)
                        let o = b * n
                        let fore = (fp[o + 3], fp[o + 6], fp[o + 8]), back = (fp[o + 5], fp[o + 7], fp[o + 9])
                        colour(vn, fore: fore, back: back, into: dst + b * 3 * pixels)
                    }
                }
            }
        }
        return out
    }

    /// rgb = back + v · (fore − back), channel by channel.
    @inline(__always)
    static func colour(_ vn: UnsafeMutablePointer<Float>, fore: (Float, Float, Float), back: (Float, Float, Float),
                       into dst: UnsafeMutablePointer<Float>) {
        @inline(__always) func channel(_ c: Int, _ f: Float, _ k: Float) {
            let diff = f - k, d = dst + c * pixels
            for p in 0..<pixels { d[p] = k + vn[p] * diff }
        }
        channel(0, fore.0, back.0)
        channel(1, fore.1, back.1)
        channel(2, fore.2, back.2)
    }

    /// The colouring basis [B, 2 + T, 1024]: rows vn, 1 − vn, then ∂vn/∂θ for each θ in `tangents`.
    static func basis(_ factors: Tensor, normalization: SpiroNormalization, tangents: [SpiroFactor]) -> Tensor {
        let count = factors.shape[0], t = tangents.count, k = 2 + t
        var out = Tensor.zeros([count, k, pixels])
        factors.withUnsafeBufferPointer { fp in
            out.withUnsafeMutableBufferPointer { op in
                guard let dst = op.baseAddress else { return }
                Parallel.chunks(count, grain: 8) { range in
                    let s = Scratch(tangents: t)
                    for b in range {
                        let row = dst + b * k * pixels
                        intensity(curve(fp, b), tangents: tangents, normalization: normalization, scratch: s,
                                  vn: row, dvn: t > 0 ? row + 2 * pixels : nil, tangentStride: pixels)
                        let comp = row + pixels
                        for p in 0..<pixels { comp[p] = 1 - row[p] }
                    }
                }
            }
        }
        return out
    }

    /// Normalised intensity maps [B, 32, 32] and, per factor in `tangents`, their derivatives [B, 32, 32].
    static func intensityMaps(_ factors: Tensor, normalization: SpiroNormalization,
                              tangents: [SpiroFactor]) -> (maps: Tensor, tangents: [Tensor]) {
        let count = factors.shape[0], t = tangents.count
        var maps = Tensor.zeros([count, side, side])
        var dmaps = Tensor.zeros(t > 0 ? [t, count, side, side] : [0])
        let stride = count * pixels
        factors.withUnsafeBufferPointer { fp in
            maps.withUnsafeMutableBufferPointer { mp in
                dmaps.withUnsafeMutableBufferPointer { dp in
                    guard let m = mp.baseAddress, let d = dp.baseAddress else { return }
                    Parallel.chunks(count, grain: 8) { range in
                        let s = Scratch(tangents: t)
                        for b in range {
                            intensity(curve(fp, b), tangents: tangents, normalization: normalization, scratch: s,
                                      vn: m + b * pixels, dvn: t > 0 ? d + b * pixels : nil, tangentStride: stride)
                        }
                    }
                }
            }
        }
        let parts = (0..<t).map { i in (try? dmaps[[.index(i)]]) ?? Tensor.zeros([count, side, side]) }
        return (maps, parts)
    }
}
