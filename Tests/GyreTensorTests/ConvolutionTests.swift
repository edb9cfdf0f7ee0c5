import XCTest
@testable import GyreTensor

final class ConvolutionTests: XCTestCase {
    struct Config { var n, c, h, w, o, kh, kw, sh, sw, ph, pw: Int }

    static let configs: [Config] = [
        Config(n: 1, c: 1, h: 3, w: 3, o: 1, kh: 3, kw: 3, sh: 1, sw: 1, ph: 0, pw: 0),
        Config(n: 2, c: 3, h: 5, w: 6, o: 4, kh: 3, kw: 3, sh: 1, sw: 1, ph: 1, pw: 1),
        Config(n: 2, c: 2, h: 7, w: 5, o: 3, kh: 3, kw: 2, sh: 2, sw: 1, ph: 0, pw: 1),
        Config(n: 1, c: 3, h: 8, w: 8, o: 2, kh: 5, kw: 5, sh: 3, sw: 2, ph: 2, pw: 2),
        Config(n: 3, c: 1, h: 4, w: 4, o: 2, kh: 1, kw: 1, sh: 1, sw: 1, ph: 0, pw: 0),
        Config(n: 2, c: 2, h: 6, w: 7, o: 1, kh: 2, kw: 3, sh: 4, sw: 5, ph: 1, pw: 0),
        Config(n: 1, c: 2, h: 2, w: 2, o: 3, kh: 3, kw: 3, sh: 1, sw: 1, ph: 1, pw: 1),
        Config(n: 0, c: 2, h: 4, w: 4, o: 3, kh: 3, kw: 3, sh: 1, sw: 1, ph: 0, pw: 0),
        // Padding wider than the kernel: rows that are all padding, and strided rows whose
        // valid middle is empty or a single column.
        Config(n: 2, c: 3, h: 3, w: 2, o: 2, kh: 2, kw: 1, sh: 3, sw: 2, ph: 3, pw: 3),
        Config(n: 1, c: 1, h: 1, w: 1, o: 1, kh: 1, kw: 1, sh: 4, sw: 4, ph: 5, pw: 5),
    ]

    /// Direct 7-loop convolution (cross-correlation) with zero padding.
    static func refConv(_ x: Ref, _ w: Ref, _ c: Config) -> Ref {
        let ho = (c.h + 2 * c.ph - c.kh) / c.sh + 1, wo = (c.w + 2 * c.pw - c.kw) / c.sw + 1
        var out = Ref(shape: [c.n, c.o, ho, wo], data: Array(repeating: 0, count: c.n * c.o * ho * wo))
        for n in 0..<c.n { for o in 0..<c.o { for oy in 0..<ho { for ox in 0..<wo {
            var acc = 0.0
            for ch in 0..<c.c { for ki in 0..<c.kh { for kj in 0..<c.kw {
                let y = oy * c.sh - c.ph + ki, xx = ox * c.sw - c.pw + kj
                if y >= 0 && y < c.h && xx >= 0 && xx < c.w { acc += x[[n, ch, y, xx]] * w[[o, ch, ki, kj]] }
            } } }
            out[[n, o, oy, ox]] = acc
        } } } }
        return out
    }

    func testConv2dAgainstDirectLoops() throws {
        var rng = RandomStream(seed: 181)
        for c in Self.configs {
            let x = rng.normal([c.n, c.c, c.h, c.w]), w = rng.normal([c.o, c.c, c.kh, c.kw])
            let y = try Tensor.conv2d(x, w, stride: (c.sh, c.sw), padding: (c.ph, c.pw))
            assertClose(y, Self.refConv(Ref(x), Ref(w), c), rtol: 1e-5, atol: 1e-5, "\(c)")
        }
        // A permuted (NHWC → NCHW) input is an ordinary input.
        let nhwc = rng.normal([2, 5, 5, 3]), x = try nhwc.permuted([0, 3, 1, 2]), w = rng.normal([2, 3, 3, 3])
        let c = Config(n: 2, c: 3, h: 5, w: 5, o: 2, kh: 3, kw: 3, sh: 1, sw: 1, ph: 1, pw: 1)
        assertClose(try Tensor.conv2d(x, w, padding: (1, 1)), Self.refConv(Ref(nhwc).permuted([0, 3, 1, 2]), Ref(w), c), rtol: 1e-5, atol: 1e-5)
    }

    func testConvGradientsAreAdjoint() throws {
        var rng = RandomStream(seed: 182)
        for c in Self.configs {
            let xs = [c.n, c.c, c.h, c.w], ws = [c.o, c.c, c.kh, c.kw]
            let x = rng.normal(xs), w = rng.normal(ws)
            let s = (c.sh, c.sw), p = (c.ph, c.pw)
            let y = try Tensor.conv2d(x, w, stride: s, padding: p)
            let dy = rng.normal(y.shape)
            let dx = try Tensor.conv2dInputGrad(dy, w, inputShape: xs, stride: s, padding: p)
            let dw = try Tensor.conv2dWeightGrad(x, dy, weightShape: ws, stride: s, padding: p)
            XCTAssertEqual(dx.shape, xs); XCTAssertEqual(dw.shape, ws)
            let lhs = dot(y, dy)
            assertScalarsClose(lhs, dot(x, dx), rtol: 1e-5, "input grad \(c)")
            assertScalarsClose(lhs, dot(w, dw), rtol: 1e-5, "weight grad \(c)")
        }
    }

    /// A batch large enough that im2col works image by image (several chunks).
    func testConvOverSeveralIm2colChunks() throws {
        var rng = RandomStream(seed: 183)
        let xs = [2, 16, 174, 174], ws = [2, 16, 3, 3]
        let x = rng.normal(xs), w = rng.normal(ws)
        let g = try ConvGeometry(input: xs, kernel: (3, 3), stride: (1, 1), padding: (0, 0), op: "test")
        XCTAssertEqual(Im2col.chunk(g), 1)
        let y = try Tensor.conv2d(x, w)
        let dy = rng.normal(y.shape)
        let dw = try Tensor.conv2dWeightGrad(x, dy, weightShape: ws)
        let dx = try Tensor.conv2dInputGrad(dy, w, inputShape: xs)
        var dwSum = Tensor.zeros(ws)
        for i in 0..<2 {
            let xi = try x[[.slice(start: i, stop: i + 1, step: 1)]], dyi = try dy[[.slice(start: i, stop: i + 1, step: 1)]]
            assertClose(try y[[.slice(start: i, stop: i + 1, step: 1)]], Ref(try Tensor.conv2d(xi, w)), rtol: 1e-5, atol: 1e-5)
            dwSum = try dwSum + Tensor.conv2dWeightGrad(xi, dyi, weightShape: ws)
        }
        assertClose(dw, Ref(dwSum), rtol: 1e-4, atol: 1e-3)
        assertScalarsClose(dot(y, dy), dot(x, dx), rtol: 1e-4)
    }

    func testConvErrors() throws {
        let x = Tensor.zeros([1, 3, 5, 5])
        assertTensorError(try Tensor.conv2d(x, Tensor.zeros([2, 4, 3, 3])), op: "conv2d", ["[1, 3, 5, 5]", "[2, 4, 3, 3]", "channels"])
        assertTensorError(try Tensor.conv2d(x, Tensor.zeros([2, 3, 3])), op: "conv2d", ["[2, 3, 3]"])
        assertTensorError(try Tensor.conv2d(Tensor.zeros([3, 5, 5]), Tensor.zeros([2, 3, 3, 3])), op: "conv2d", ["[3, 5, 5]"])
        assertTensorError(try Tensor.conv2d(x, Tensor.zeros([2, 3, 7, 7])), op: "conv2d", ["7×7", "[1, 3, 5, 5]"])
        assertTensorError(try Tensor.conv2d(x, Tensor.zeros([2, 3, 3, 3]), stride: (0, 1)), op: "conv2d", ["stride"])
        assertTensorError(try Tensor.conv2d(x, Tensor.zeros([2, 3, 3, 3]), padding: (-1, 0)), op: "conv2d", ["padding"])
        assertTensorError(try Tensor.conv2dInputGrad(Tensor.zeros([1, 2, 4, 4]), Tensor.zeros([2, 3, 3, 3]), inputShape: [1, 3, 5, 5]),
                          op: "conv2d_input_grad", ["[1, 2, 4, 4]", "[2, 3, 3, 3]", "[1, 3, 5, 5]"])
        assertTensorError(try Tensor.conv2dWeightGrad(x, Tensor.zeros([1, 2, 4, 4]), weightShape: [2, 3, 3, 3]),
                          op: "conv2d_weight_grad", ["[1, 3, 5, 5]", "[1, 2, 4, 4]", "[2, 3, 3, 3]"])
        assertTensorError(try Tensor.conv2dInputGrad(Tensor.zeros([1, 2, 7, 3]), Tensor.zeros([2, 3, 3, 3]), inputShape: [1, 3, -1, 5],
                                                     padding: (5, 0)), op: "conv2d_input_grad", ["negative", "[1, 3, -1, 5]"])
        assertTensorError(try Tensor.conv2dWeightGrad(x, Tensor.zeros([1, 2, 3, 3]), weightShape: [2, 3, 3]),
                          op: "conv2d_weight_grad", ["rank 4"])
    }

    // MARK: - Pooling

    struct PoolConfig { var n, c, h, w, kh, kw: Int; var stride: (Int, Int)?; var ph, pw: Int }
    static let pools: [PoolConfig] = [
        PoolConfig(n: 2, c: 3, h: 4, w: 4, kh: 2, kw: 2, stride: nil, ph: 0, pw: 0),
        PoolConfig(n: 1, c: 2, h: 5, w: 7, kh: 3, kw: 2, stride: (2, 1), ph: 1, pw: 1),
        PoolConfig(n: 2, c: 1, h: 6, w: 6, kh: 3, kw: 3, stride: (1, 1), ph: 1, pw: 0),
        PoolConfig(n: 1, c: 1, h: 5, w: 5, kh: 2, kw: 2, stride: (3, 3), ph: 0, pw: 0),
        PoolConfig(n: 1, c: 2, h: 3, w: 3, kh: 3, kw: 3, stride: nil, ph: 1, pw: 1),
    ]

    func testPoolingAgainstNaive() throws {
        var rng = RandomStream(seed: 184)
        for p in Self.pools {
            let (sh, sw) = p.stride ?? (p.kh, p.kw)
            let ho = (p.h + 2 * p.ph - p.kh) / sh + 1, wo = (p.w + 2 * p.pw - p.kw) / sw + 1
            let x = rng.smallInts([p.n, p.c, p.h, p.w], k: 4)   // ties: the first maximum wins
            let rx = Ref(x)
            var avg = Ref(shape: [p.n, p.c, ho, wo], data: Array(repeating: 0, count: p.n * p.c * ho * wo))
            var mx = avg
            var arg = [Int32](repeating: 0, count: avg.count)
            for n in 0..<p.n { for ch in 0..<p.c { for oy in 0..<ho { for ox in 0..<wo {
                var s = 0.0, best = -Double.infinity, bi = -1
                for ki in 0..<p.kh { for kj in 0..<p.kw {
                    let y = oy * sh - p.ph + ki, xx = ox * sw - p.pw + kj
                    guard y >= 0 && y < p.h && xx >= 0 && xx < p.w else { continue }
                    let v = rx[[n, ch, y, xx]]
                    s += v
                    if bi < 0 || v > best { best = v; bi = Ref.ravel([n, ch, y, xx], x.shape) }
                } }
                avg[[n, ch, oy, ox]] = s / Double(p.kh * p.kw)
                mx[[n, ch, oy, ox]] = best
                arg[Ref.ravel([n, ch, oy, ox], avg.shape)] = Int32(bi)
            } } } }
            let a = try Tensor.avgPool2d(x, kernel: (p.kh, p.kw), stride: p.stride, padding: (p.ph, p.pw))
            assertClose(a, avg, rtol: 1e-6, atol: 1e-6)
            let (m, pos) = try Tensor.maxPool2d(x, kernel: (p.kh, p.kw), stride: p.stride, padding: (p.ph, p.pw))
            assertClose(m, mx, rtol: 0, atol: 0)
            XCTAssertEqual(pos, arg)

            // Adjoints: avg-pool backward, and max-pool backward as a flat scatter.
            let dy = rng.normal(a.shape)
            let dx = try Tensor.avgPool2dBackward(dy, inputShape: x.shape, kernel: (p.kh, p.kw), stride: p.stride, padding: (p.ph, p.pw))
            assertScalarsClose(dot(a, dy), dot(x, dx), rtol: 1e-5)
            let dmx = try dy.scatterFlat(pos, shape: x.shape)
            assertScalarsClose(dot(m, dy), dot(x, dmx), rtol: 1e-5)
        }
        assertTensorError(try Tensor.avgPool2d(Tensor.zeros([1, 1, 2, 2]), kernel: (3, 3)), op: "avg_pool2d", ["3×3", "[1, 1, 2, 2]"])
        assertTensorError(try Tensor.maxPool2d(Tensor.zeros([1, 2, 2]), kernel: (2, 2)), op: "max_pool2d", ["[1, 2, 2]"])
        assertTensorError(try Tensor.maxPool2d(Tensor.zeros([1, 1, 2, 2]), kernel: (2, 2), stride: (1, 1), padding: (2, 0)),
                          op: "max_pool2d", ["padding (2, 0)", "2×2"])
        assertTensorError(try Tensor.avgPool2dBackward(Tensor.zeros([1, 1, 2, 2]), inputShape: [1, 1, 2, 2], kernel: (2, 2)),
                          op: "avg_pool2d_backward", ["[1, 1, 2, 2]"])
    }
}

final class NormalizationKernelTests: XCTestCase {
    /// The fused batch-norm kernels against the formulas written with whole-tensor ops.
    func testBatchNormKernelsMatchComposedFormulas() throws {
        var rng = RandomStream(seed: 184)
        let x = rng.normal([5, 3, 7]) * 2 + 1, g = rng.normal([5, 3, 7])
        let gamma = rng.normal([3]), beta = rng.normal([3])
        let (mean, variance) = try Tensor.batchMoments(x)
        assertClose(mean, Ref(try x.mean(axes: [0, 2])), rtol: 1e-5, atol: 1e-5)
        assertClose(variance, Ref(try x.variance(axes: [0, 2])), rtol: 1e-5, atol: 1e-5)
        let r = (variance + 1e-5).pow(-0.5)
        let stat = { (t: Tensor) in try t.reshaped([1, 3, 1]) }
        let xhat = try (x - stat(mean)) * stat(r)
        let y = try Tensor.batchNormForward(x, mean: mean, invStd: r, weight: gamma, bias: beta)
        assertClose(y, Ref(try xhat * stat(gamma) + stat(beta)), rtol: 1e-5, atol: 1e-5)
        let d = try Tensor.batchNormBackward(g, x, mean: mean, invStd: r, weight: gamma)
        let gs = try g * stat(gamma)
        let dx = try stat(r) * (gs - gs.mean(axes: [0, 2], keepdims: true) - xhat * (gs * xhat).mean(axes: [0, 2], keepdims: true))
        assertClose(d.dx, Ref(dx), rtol: 1e-4, atol: 1e-5)
        assertClose(d.dWeight, Ref(try (g * xhat).sum(axes: [0, 2])), rtol: 1e-4, atol: 1e-5)
        assertClose(d.dBias, Ref(try g.sum(axes: [0, 2])), rtol: 1e-4, atol: 1e-5)
        XCTAssertThrowsError(try Tensor.batchMoments(Tensor.zeros([2, 3])))
        XCTAssertThrowsError(try Tensor.batchNormForward(x, mean: mean, invStd: r, weight: Tensor.ones([4]), bias: nil))
    }

    func testReluGradMasksByInputSign() throws {
        let g = Tensor([1, 2, 3, 4]), x = Tensor([-1, 0, 0.5, 2])
        XCTAssertEqual(try Tensor.reluGrad(g, x).array, [0, 0, 3, 4])
        XCTAssertThrowsError(try Tensor.reluGrad(g, Tensor([1, 2])))
    }
}
