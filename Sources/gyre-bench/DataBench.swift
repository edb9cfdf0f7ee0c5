import Foundation
import GyreTensor
import GyreAutodiff
import GyreData

/// `gyre-bench data`: Spirograph rendering throughput (issue 7's targets: ≥ 100,000
/// images/s without gradients, ≥ 50,000 images/s forward + backward with respect to α).
let dataSection = BenchSection(name: "data", summary: "GyreData: Spirograph rendering throughput (no-grad, forward+backward wrt α)") { options in
    print(DataBench.spirograph(reps: options.reps).render())
}

enum DataBench {
    /// Images per second for `count` images: the fused no-grad kernel, and forward +
    /// backward (the vector–Jacobian product of the images with respect to the nuisance
    /// factors α, for a fixed random cotangent) on the first-order fused graph and on the
    /// exact composed graph (every derivative order; fewer repetitions, it is slow).
    static func spirograph(count: Int = 10_000, reps: Int) -> Table {
        var table = Table("Spirograph rendering, \(count) images of 3×32×32",
                          columns: ["path", "median ms", "best ms", "images/s (median)", "images/s (best)",
                                    "images per CPU-s", "target"])
        var rng = RandomStream(seed: 3)
        let prior = SpiroPrior()
        let generative = prior.sampleGenerative(count, rng: &rng)
        let nuisance = prior.sampleNuisance(count, rng: &rng)
        let cotangent = Variable(rng.normal([count, 3, 32, 32]))
        let runs: [(String, SpirographRenderer?, Int, String)] = [
            ("no-grad (fused kernel)", nil, reps, "100000"),
            ("fwd+bwd wrt α, first-order fused", SpirographRenderer(differentiation: .firstOrder), reps, "50000"),
            ("fwd+bwd wrt α, exact composed", SpirographRenderer(differentiation: .exact), Swift.min(reps, 3), "-"),
        ]
        for (name, renderer, n, target) in runs {
            let body = {
                do {
                    if let renderer {
                        let alpha = Variable.leaf(nuisance)
                        let x = try renderer.draw(generative: Variable(generative), nuisance: alpha)
                        blackHole(try Autodiff.gradients(of: x, wrt: [alpha], seed: cotangent))
                    } else {
                        blackHole(try SpirographRenderer().render(generative: generative, nuisance: nuisance))
                    }
                } catch {
                    print("data bench: \(error)")
                }
            }
            body()                                                     // warm-up
            var times: [Double] = []
            let cpu0 = cpuSeconds()
            for _ in 0..<n {
                let t0 = Measure.now()
                body()
                times.append(Measure.now() - t0)
            }
            let perCPUSecond = Double(count * n) / Swift.max(cpuSeconds() - cpu0, 1e-9)
            times.sort()
            let median = times[times.count / 2], best = times[0]
            table.add(name, fmt(median * 1e3), fmt(best * 1e3), fmt(Double(count) / median, 0), fmt(Double(count) / best, 0),
                      fmt(perCPUSecond, 0), target)
        }
        table.notes = ["Targets are for wall-clock on an otherwise idle 2-core machine. Other work sharing the cores",
                       "lowers the wall-clock figures (see the load averages); images per CPU-second (all threads of",
                       "this process) is much less sensitive to it: × \(Parallel.cores) cores estimates the idle throughput."]
        return table
    }

    /// CPU time used so far by every thread of this process.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
