import Foundation
import GyreTensor

/// `gyre-bench tensor`: sgemm, elementwise bandwidth against a copy loop, conv2d against
/// direct loops, and a full reduction (the figures docs/performance.md asks for).
let tensorSection = BenchSection(name: "tensor", summary: "GyreTensor kernels: sgemm, elementwise, conv2d, reduction") { options in
    print(TensorBench.sgemm(reps: options.reps).render())
    print(TensorBench.elementwise(reps: options.reps).render())
    print(TensorBench.conv2d(reps: options.reps).render())
}

enum TensorBench {
    static func sgemm(reps: Int) -> Table {
        var table = Table("sgemm (Tensor.matmul → cblas_sgemm), n×n · n×n", columns: ["n", "1 thread GFLOP/s", "2 threads GFLOP/s"])
        var rng = RandomStream(seed: 1)
        for n in [256, 512, 1024] {
            let a = rng.normal([n, n]), b = rng.normal([n, n])
            var cells = ["\(n)"]
            for threads in [1, 2] {
                BLAS.setThreads(threads)
                let t = Measure.median(reps: reps) { blackHole(try! Tensor.matmul(a, b)) }
                cells.append(fmt(2 * Double(n * n * n) / t / 1e9))
            }
            table.rows.append(cells)
        }
        BLAS.setThreads(Parallel.cores)
        return table
    }

    static func elementwise(reps: Int) -> Table {
        let n = 16 << 20
        var table = Table("elementwise on \(n / (1 << 20))M floats (GB/s = bytes read + written per second)",
                          columns: ["kernel", "bytes/elem", "ms", "GB/s", "% of copy"])
        // The machine's practical bandwidth: a plain copy loop between two pre-touched buffers.
        let src = UnsafeMutablePointer<Float>.allocate(capacity: n), dst = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { src.deallocate(); dst.deallocate() }
        src.initialize(repeating: 1, count: n)
        dst.initialize(repeating: 0, count: n)
        let copy1 = Measure.median(reps: reps) { copyLoop(src, dst, 0..<n) }
        let copy2 = Measure.median(reps: reps) { Parallel.chunks(n) { r in copyLoop(src, dst, r) } }
        let best = 8 * Double(n) / Swift.min(copy1, copy2) / 1e9

        var rng = RandomStream(seed: 2)
        let a = rng.uniform([n]), b = rng.uniform([n])
        let runs: [(String, Int, Double)] = [
            ("copy loop, 1 thread", 8, copy1),
            ("copy loop, \(Parallel.cores) threads", 8, copy2),
            ("add (a + b)", 12, Measure.median(reps: reps) { blackHole(try! a + b) }),
            ("exp", 8, Measure.median(reps: reps) { blackHole(a.exp()) }),
            ("sum (full reduction)", 4, Measure.median(reps: reps) { blackHole(try! a.sum()) }),
        ]
        for (name, bytes, t) in runs {
            let gbs = Double(bytes) * Double(n) / t / 1e9
            table.add(name, "\(bytes)", fmt(t * 1e3, 2), fmt(gbs), fmt(100 * gbs / best, 0))
        }
        table.notes = ["% of copy: against the faster copy loop (\(fmt(best)) GB/s); target for add ≥ 70%."]
        return table
    }

    @inline(never)
    static func copyLoop(_ s: UnsafeMutablePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ r: Range<Int>) {
        for i in r { d[i] = s[i] }
    }

    static func conv2d(reps: Int) -> Table {
        let (n, c, h, w, o, k) = (256, 3, 32, 32, 32, 3)
        var table = Table("conv2d forward, x [\(n), \(c), \(h), \(w)] ⋆ w [\(o), \(c), \(k), \(k)], stride 1, padding 1",
                          columns: ["method", "ms", "images/s", "speed-up"])
        var rng = RandomStream(seed: 3)
        let x = rng.normal([n, c, h, w]), wt = rng.normal([o, c, k, k])
        var fast = Tensor.zeros([1])
        let tFast = Measure.median(reps: reps) { fast = try! Tensor.conv2d(x, wt, padding: (1, 1)) }
        let direct = UnsafeMutablePointer<Float>.allocate(capacity: n * o * h * w)
        defer { direct.deallocate() }
        let directReps = Swift.max(1, Swift.min(reps, 3))
        let tDirect1 = x.withUnsafeBufferPointer { xp in wt.withUnsafeBufferPointer { wp in
            Measure.median(reps: directReps) { directConv(xp, wp, direct, images: 0..<n, c: c, h: h, w: w, o: o, k: k) }
        } }
        let tDirect2 = x.withUnsafeBufferPointer { xp in wt.withUnsafeBufferPointer { wp in
            Measure.median(reps: directReps) {
                Parallel.chunks(n, grain: 1) { r in directConv(xp, wp, direct, images: r, c: c, h: h, w: w, o: o, k: k) }
            }
        } }
        var maxDiff: Float = 0
        fast.withUnsafeBufferPointer { f in for i in 0..<f.count { maxDiff = Swift.max(maxDiff, Swift.abs(f[i] - direct[i])) } }
        table.add("im2col + sgemm (Tensor.conv2d)", fmt(tFast * 1e3), fmt(Double(n) / tFast, 0), "")
        table.add("direct 7 loops, 1 thread", fmt(tDirect1 * 1e3), fmt(Double(n) / tDirect1, 0), fmt(tDirect1 / tFast) + "×")
        table.add("direct 7 loops, \(Parallel.cores) threads", fmt(tDirect2 * 1e3), fmt(Double(n) / tDirect2, 0), fmt(tDirect2 / tFast) + "×")
        table.notes = ["speed-up: direct time / im2col time (target ≥ 3× over the direct loops); max |difference| \(maxDiff)"]
        return table
    }

    /// The textbook convolution: for each output element, the sum over (channel, ki, kj).
    @inline(never)
    static func directConv(_ x: UnsafeBufferPointer<Float>, _ wt: UnsafeBufferPointer<Float>, _ y: UnsafeMutablePointer<Float>,
                           images: Range<Int>, c: Int, h: Int, w: Int, o: Int, k: Int) {
        let pad = k / 2
        for img in images {
            for oc in 0..<o {
                for oy in 0..<h {
                    for ox in 0..<w {
                        var acc: Float = 0
                        for ch in 0..<c {
                            for ki in 0..<k {
                                let yy = oy - pad + ki
                                if yy < 0 || yy >= h { continue }
                                for kj in 0..<k {
                                    let xx = ox - pad + kj
                                    if xx < 0 || xx >= w { continue }
                                    acc += x[((img * c + ch) * h + yy) * w + xx] * wt[((oc * c + ch) * k + ki) * k + kj]
                                }
                            }
                        }
                        y[((img * o + oc) * h + oy) * w + ox] = acc
                    }
                }
            }
        }
    }
}
