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
    /// Images per second for 10,000 images: the fused no-grad kernel, and forward +
    /// backward (a weighted sum's gradient with respect to the nuisance factors α) on
    /// the first-order fused graph and on the exact composed graph.
    static func spirograph(count: Int = 10_000, reps: Int) -> Table {
        var table = Table("Spirograph rendering, \(count) images of 3×32×32 (median of \(reps))",
                          columns: ["path", "ms", "images/s", "target"])
        var rng = RandomStream(seed: 3)
        let prior = SpiroPrior()
        let generative = prior.sampleGenerative(count, rng: &rng)
        let nuisance = prior.sampleNuisance(count, rng: &rng)
        let weights = Variable(rng.normal([count, 3, 32, 32]))
        let rows: [(String, SpirographRenderer?, String)] = [
            ("no-grad (fused kernel)", nil, "100000"),
            ("fwd+bwd wrt α, first-order fused", SpirographRenderer(differentiation: .firstOrder), "50000"),
            ("fwd+bwd wrt α, exact composed", SpirographRenderer(differentiation: .exact), "-"),
        ]
        for (name, renderer, target) in rows {
            let t = Measure.median(reps: reps) {
                do {
                    if let renderer {
                        let alpha = Variable.leaf(nuisance)
                        let x = try renderer.draw(generative: Variable(generative), nuisance: alpha)
                        blackHole(try Autodiff.gradients(of: x, wrt: [alpha], seed: weights))
                    } else {
                        blackHole(try SpirographRenderer().render(generative: generative, nuisance: nuisance))
                    }
                } catch {
                    print("data bench: \(error)")
                }
            }
            table.add(name, fmt(t * 1e3, 1), fmt(Double(count) / t, 0), target)
        }
        table.notes = ["fwd+bwd: images with α tracked, then the vector–Jacobian product with a fixed random cotangent.",
                       "Other work on this shared machine lowers these figures; see the load average printed above."]
        return table
    }
}
