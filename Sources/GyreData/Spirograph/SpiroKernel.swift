import Foundation
import GyreTensor

/// How the intensity map is scaled to [0, 1] before colouring.
public enum SpiroNormalization: String, CaseIterable, Sendable {
    /// The published code: each row (fixed x) divided by its own maximum + 1e-8.
    case row
    /// The whole map divided by its maximum + 1e-8.
    case image
}

/// The fused Spirograph kernel on raw buffers: one image at a time, splats from the
/// separable form v = Ex·Eyᵀ/40 with a SIMD exp, and optional forward-mode tangents of
/// the normalised map with respect to the curve factors (m, b, σ, h).
///
/// Curve points are computed in Double (the angle ωt_k by a rotation recurrence, so an
/// image costs two trig calls); splats and the 32×40×32 product run in Float on SIMD8.
enum SpiroKernel {
    static let points = 40, side = 32, pixels = 1024
    static let epsilon: Float = 1e-8
    static let dt = 2 * Double.pi / Double(points - 1)
    static let times: [Double] = (0..<points).map { k in k == points - 1 ? 2 * Double.pi : Double(k) * dt }
    static let cosT = times.map { Foundation.cos($0) }
    static let sinT = times.map { Foundation.sin($0) }
    /// linspace(−6, 6, 32), as `Tensor.linspace` computes it.
    static let grid: [Float] = (0..<side).map { i in i == side - 1 ? 6 : Float(-6 + Double(i) * 12 / Double(side - 1)) }

    static let gridVectors: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) = {
        let v = (0..<4).map { q in SIMD8<Float>((0..<8).map { grid[q * 8 + $0] }) }
        return (v[0], v[1], v[2], v[3])
    }()

    /// The four curve factors of one image.
    struct Curve {
        var m: Double, b: Double, sigma: Double, h: Double
    }

    /// Per-thread working memory for one image with up to `tangents` derivative directions.
    final class Scratch {
        let tangents: Int
        let ex, ey, dex, dey, v, dv: UnsafeMutablePointer<Float>
        let dx, dy: UnsafeMutablePointer<Double>
        private let blocks: [UnsafeMutableRawPointer]

        init(tangents: Int) {
            self.tangents = tangents
            let table = points * side, t = Swift.max(tangents, 1)
            var blocks: [UnsafeMutableRawPointer] = []
            func floats(_ n: Int) -> UnsafeMutablePointer<Float> {
                let raw = UnsafeMutableRawPointer.allocate(byteCount: n * 4, alignment: 64)
                blocks.append(raw)
                return raw.bindMemory(to: Float.self, capacity: n)
            }
            func doubles(_ n: Int) -> UnsafeMutablePointer<Double> {
                let raw = UnsafeMutableRawPointer.allocate(byteCount: n * 8, alignment: 64)
                blocks.append(raw)
                return raw.bindMemory(to: Double.self, capacity: n)
            }
            ex = floats(table); ey = floats(table)
            dex = floats(table * t); dey = floats(table * t)
            v = floats(pixels); dv = floats(pixels * t)
            dx = doubles(points * t); dy = doubles(points * t)
            self.blocks = blocks
        }

        deinit { for b in blocks { b.deallocate() } }
    }

    // MARK: - One image

    /// The normalised intensity map of one image into `vn` [32×32] and, for each factor in
    /// `tangents` (curve factors only), its derivative into `dvn + t·1024`.
    static func intensity(_ c: Curve, tangents: [SpiroFactor], normalization: SpiroNormalization,
                          scratch s: Scratch, vn: UnsafeMutablePointer<Float>, dvn: UnsafeMutablePointer<Float>?,
                          tangentStride: Int = pixels) {
        splatTables(c, tangents: tangents, scratch: s)
        gram(s.ex, s.ey, into: s.v, accumulate: false)
        for t in tangents.indices {
            let off = t * points * side, dvt = s.dv + t * pixels
            gram(s.dex + off, s.ey, into: dvt, accumulate: false)
            gram(s.ex, s.dey + off, into: dvt, accumulate: true)
        }
        normalize(s, tangents: tangents.count, normalization: normalization, vn: vn, dvn: dvn, stride: tangentStride)
    }

    /// Curve points, then Ex[k][i] = exp(−(g_i − x_k)²/σ) and Ey likewise (k-major), and
    /// their tangents dE = E · (2(g − x)/σ · dx + [θ = σ] (g − x)²/σ²).
    static func splatTables(_ c: Curve, tangents: [SpiroFactor], scratch s: Scratch) {
        let amb = c.m - c.h, omega = amb / c.b
        let c1 = Foundation.cos(omega * dt), s1 = Foundation.sin(omega * dt)
        var cw = 1.0, sw = 0.0
        let invSigma = Float(1 / c.sigma), invSigma2 = Float(1 / (c.sigma * c.sigma))
        let gv = gridVectors
        let tableSize = points * side
        for k in 0..<points {
            let t = times[k]
            // The last angle, ω·2π, is recomputed directly so the closing point matches exactly.
            if k == points - 1 { cw = Foundation.cos(omega * t); sw = Foundation.sin(omega * t) }
            let xk = amb * cosT[k] + c.h * cw
            let yk = amb * sinT[k] - c.h * sw
            for (ti, f) in tangents.enumerated() {
                let (ddx, ddy): (Double, Double)
                switch f {
                case .m: (ddx, ddy) = (cosT[k] - c.h * sw * t / c.b, sinT[k] - c.h * cw * t / c.b)
                case .h: (ddx, ddy) = (-cosT[k] + cw + c.h * sw * t / c.b, -sinT[k] - sw + c.h * cw * t / c.b)
                case .b:
                    let q = c.h * t * amb / (c.b * c.b)
                    (ddx, ddy) = (q * sw, q * cw)
                default: (ddx, ddy) = (0, 0)
                }
                s.dx[ti * points + k] = ddx
                s.dy[ti * points + k] = ddy
            }
            let xf = SIMD8<Float>(repeating: Float(xk)), yf = SIMD8<Float>(repeating: Float(yk))
            let rowX = UnsafeMutableRawPointer(s.ex + k * side), rowY = UnsafeMutableRawPointer(s.ey + k * side)
            for q in 0..<4 {
                let g = q == 0 ? gv.0 : (q == 1 ? gv.1 : (q == 2 ? gv.2 : gv.3))
                let dxv = g - xf, dyv = g - yf
                let exv = fastExpNonPositive(-(dxv * dxv) * invSigma)
                let eyv = fastExpNonPositive(-(dyv * dyv) * invSigma)
                rowX.storeBytes(of: exv, toByteOffset: q * 32, as: SIMD8<Float>.self)
                rowY.storeBytes(of: eyv, toByteOffset: q * 32, as: SIMD8<Float>.self)
                for (ti, f) in tangents.enumerated() {
                    let off = (ti * tableSize + k * side) * 4 + q * 32
                    var tx = 2 * dxv * invSigma * Float(s.dx[ti * points + k])
                    var ty = 2 * dyv * invSigma * Float(s.dy[ti * points + k])
                    if f == .sigma {
                        tx = dxv * dxv * invSigma2
                        ty = dyv * dyv * invSigma2
                    }
                    UnsafeMutableRawPointer(s.dex).storeBytes(of: exv * tx, toByteOffset: off, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(s.dey).storeBytes(of: eyv * ty, toByteOffset: off, as: SIMD8<Float>.self)
                }
            }
            (cw, sw) = (cw * c1 - sw * s1, sw * c1 + cw * s1)
        }
    }

    /// out[i][j] (+)= (1/40) Σ_k a[k][i] · c[k][j] for k-major 40×32 tables; two rows at a time.
    @inline(__always)
    static func gram(_ a: UnsafeMutablePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                     into out: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let scale = SIMD8<Float>(repeating: 1 / Float(points))
        let cr = UnsafeRawPointer(c), orw = UnsafeMutableRawPointer(out)
        var i = 0
        while i < side {
            var p0 = SIMD8<Float>(), p1 = SIMD8<Float>(), p2 = SIMD8<Float>(), p3 = SIMD8<Float>()
            var q0 = SIMD8<Float>(), q1 = SIMD8<Float>(), q2 = SIMD8<Float>(), q3 = SIMD8<Float>()
            for k in 0..<points {
                let e0 = SIMD8<Float>(repeating: a[k * side + i]), e1 = SIMD8<Float>(repeating: a[k * side + i + 1])
                let base = k * side * 4
                let c0 = cr.load(fromByteOffset: base, as: SIMD8<Float>.self)
                let c1 = cr.load(fromByteOffset: base + 32, as: SIMD8<Float>.self)
                let c2 = cr.load(fromByteOffset: base + 64, as: SIMD8<Float>.self)
                let c3 = cr.load(fromByteOffset: base + 96, as: SIMD8<Float>.self)
                // Fused multiply-adds: single instructions under -target-cpu haswell (Package.swift).
                p0.addProduct(e0, c0); p1.addProduct(e0, c1); p2.addProduct(e0, c2); p3.addProduct(e0, c3)
                q0.addProduct(e1, c0); q1.addProduct(e1, c1); q2.addProduct(e1, c2); q3.addProduct(e1, c3)
            }
            let o = i * side * 4
            store(p0 * scale, orw, o, accumulate); store(p1 * scale, orw, o + 32, accumulate)
            store(p2 * scale, orw, o + 64, accumulate); store(p3 * scale, orw, o + 96, accumulate)
            store(q0 * scale, orw, o + 128, accumulate); store(q1 * scale, orw, o + 160, accumulate)
            store(q2 * scale, orw, o + 192, accumulate); store(q3 * scale, orw, o + 224, accumulate)
            i += 2
        }
    }

    @inline(__always)
    private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutableRawPointer, _ offset: Int, _ accumulate: Bool) {
        var x = v
        if accumulate { x += p.load(fromByteOffset: offset, as: SIMD8<Float>.self) }
        p.storeBytes(of: x, toByteOffset: offset, as: SIMD8<Float>.self)
    }

    /// vn = v / (max + ε) per row or per image; dvn = dv/(M+ε) − v·dv[argmax]/(M+ε)².
    static func normalize(_ s: Scratch, tangents: Int, normalization: SpiroNormalization,
                          vn: UnsafeMutablePointer<Float>, dvn: UnsafeMutablePointer<Float>?, stride: Int) {
        let v = s.v
        switch normalization {
        case .row:
            for i in 0..<side {
                let row = v + i * side
                var best = 0
                for j in 1..<side where row[j] > row[best] { best = j }
                scale(range: i * side..<(i + 1) * side, argmax: i * side + best, s, tangents: tangents, vn: vn, dvn: dvn, stride: stride)
            }
        case .image:
            var best = 0
            for p in 1..<pixels where v[p] > v[best] { best = p }
            scale(range: 0..<pixels, argmax: best, s, tangents: tangents, vn: vn, dvn: dvn, stride: stride)
        }
    }

    @inline(__always)
    private static func scale(range: Range<Int>, argmax: Int, _ s: Scratch, tangents: Int,
                              vn: UnsafeMutablePointer<Float>, dvn: UnsafeMutablePointer<Float>?, stride: Int) {
        let v = s.v
        let denom = v[argmax] + epsilon, inv = 1 / denom
        for p in range { vn[p] = v[p] / denom }
        guard let dvn else { return }
        for t in 0..<tangents {
            let dv = s.dv + t * pixels, out = dvn + t * stride
            let dm = dv[argmax] * inv * inv
            for p in range { out[p] = dv[p] * inv - v[p] * dm }
        }
    }
}
