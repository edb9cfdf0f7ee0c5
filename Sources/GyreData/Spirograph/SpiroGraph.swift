import GyreTensor
import GyreAutodiff

/// The Spirograph renderer written in Variable ops, so every derivative order is exact
/// (the regulariser differentiates through it), and the first-order fused variant.
enum SpiroGraph {
    static let timesRow = Variable((try? Tensor(SpiroKernel.times.map { Float($0) }, shape: [1, SpiroKernel.points]))
                                   ?? Tensor.zeros([1, SpiroKernel.points]))
    static let cosRow = Variable((try? Tensor(SpiroKernel.cosT.map { Float($0) }, shape: [1, SpiroKernel.points]))
                                 ?? Tensor.zeros([1, SpiroKernel.points]))
    static let sinRow = Variable((try? Tensor(SpiroKernel.sinT.map { Float($0) }, shape: [1, SpiroKernel.points]))
                                 ?? Tensor.zeros([1, SpiroKernel.points]))
    static let gridColumn = Variable((try? Tensor(SpiroKernel.grid, shape: [1, SpiroKernel.side, 1]))
                                     ?? Tensor.zeros([1, SpiroKernel.side, 1]))

    /// Column `f` of canonical factors [B, 10] as [B, 1].
    static func column(_ f: Variable, _ k: SpiroFactor) throws -> Variable {
        try f.index([.all, .slice(start: k.rawValue, stop: k.rawValue + 1, step: 1)])
    }

    /// The composed renderer: canonical factors [B, 10] → images [B, 3, 32, 32].
    ///
    ///     x_k = (m−h) cos t_k + h cos((m−h) t_k / b),  y_k = (m−h) sin t_k − h sin((m−h) t_k / b)
    ///     v = Ex · Eyᵀ / 40,  Ex[i,k] = exp(−(g_i − x_k)²/σ)
    static func composed(_ f: Variable, normalization: SpiroNormalization) throws -> Variable {
        let count = f.shape[0], p = SpiroKernel.points
        let m = try column(f, .m), b = try column(f, .b), h = try column(f, .h)
        let sigma = try column(f, .sigma).reshape([count, 1, 1])
        let amb = try m - h                                              // a − b = m − h
        let angle = try amb * timesRow / b                              // [B, 40]
        let x = try amb * cosRow + h * angle.cos()
        let y = try amb * sinRow - h * angle.sin()
        let ex = try ((gridColumn - x.reshape([count, 1, p])).square() / sigma).neg().exp()   // [B, 32, 40]
        let ey = try ((gridColumn - y.reshape([count, 1, p])).square() / sigma).neg().exp()
        let v = try Variable.matmul(ex, ey, transposeB: true).scaled(1 / Float(p))          // [B, 32(x), 32(y)]
        let axes = normalization == .row ? [2] : [1, 2]
        let vn = try v / (v.max(axes: axes, keepdims: true) + SpiroKernel.epsilon)
        return try colour(vn, f)
    }

    /// First-order fused renderer. The kernel returns a basis V = [vn, 1 − vn, ∂vn/∂θ…]
    /// [B, K, 1024] (a constant) and the image is one batched product C·V with tracked
    /// coefficients C[b, c] = [fore_c, back_c, (θ − stop(θ))·(fore_c − back_c)…] [B, 3, K]:
    /// the first-order Taylor form of the renderer at the current factors. Values and first
    /// derivatives are exact, as are second derivatives involving the colours and everything
    /// downstream; ∂²vn/∂θ² of the curve factors is dropped. The backward pass is one
    /// small product per image instead of several passes over [B, 3, 32, 32].
    static func fused(_ f: Variable, tangents: [SpiroFactor], normalization: SpiroNormalization) throws -> Variable {
        let count = f.shape[0], side = SpiroKernel.side
        let basis = Variable(SpiroKernel.basis(f.value, normalization: normalization, tangents: tangents))
        let fore = try Variable.concat([column(f, .rfore), column(f, .gfore), column(f, .bfore)], axis: 1).reshape([count, 3, 1])
        let back = try Variable.concat([column(f, .rback), column(f, .gback), column(f, .bback)], axis: 1).reshape([count, 3, 1])
        var coefficients = [fore, back]
        if !tangents.isEmpty {
            let diff = try fore - back
            for theta in tangents {
                let c = try column(f, theta)
                coefficients.append(try (c - c.stopGradient).reshape([count, 1, 1]) * diff)
            }
        }
        let image = try Variable.matmul(Variable.concat(coefficients, axis: 2), basis)     // [B, 3, 1024]
        return try image.reshape([count, 3, side, side])
    }

    /// rgb = back + vn · (fore − back) with fore = (r, g, b)_fore, back = (r, g, b)_back.
    static func colour(_ vn: Variable, _ f: Variable) throws -> Variable {
        let count = f.shape[0], side = SpiroKernel.side
        let fore = try Variable.concat([column(f, .rfore), column(f, .gfore), column(f, .bfore)], axis: 1).reshape([count, 3, 1, 1])
        let back = try Variable.concat([column(f, .rback), column(f, .gback), column(f, .bback)], axis: 1).reshape([count, 3, 1, 1])
        return try back + vn.reshape([count, 1, side, side]) * (fore - back)
    }
}
