import Foundation
import GyreTensor
import GyreAutodiff

/// `gyre-bench autodiff`: a small conv net (3 convolutions, batch 256, 3×32×32) —
/// no-grad forward vs the same computation on the tensor core, forward, forward +
/// backward, and forward + double backward (a loss containing an input gradient).
let autodiffSection = BenchSection(name: "autodiff", summary: "GyreAutodiff: forward, backward and double backward of a small conv net") { options in
    print(AutodiffBench.convNet(reps: options.reps).render())
}

enum AutodiffBench {
    struct Net {
        let w1: Variable, w2: Variable, w3: Variable
        init(rng: inout RandomStream) {
            w1 = .leaf(rng.normal([32, 3, 3, 3], std: 0.2))
            w2 = .leaf(rng.normal([64, 32, 3, 3], std: 0.06))
            w3 = .leaf(rng.normal([128, 64, 3, 3], std: 0.04))
        }
        func callAsFunction(_ x: Variable) throws -> Variable {
            let h1 = try Variable.conv2d(x, w1, padding: (1, 1)).relu()
            let h2 = try Variable.conv2d(h1, w2, stride: (2, 2), padding: (1, 1)).relu()
            let h3 = try Variable.conv2d(h2, w3, stride: (2, 2), padding: (1, 1)).relu()
            return try h3.mean(axes: [2, 3])
        }
        /// The same forward pass written directly on tensors.
        func direct(_ x: Tensor) throws -> Tensor {
            let h1 = try Tensor.conv2d(x, w1.value, padding: (1, 1)).relu()
            let h2 = try Tensor.conv2d(h1, w2.value, stride: (2, 2), padding: (1, 1)).relu()
            let h3 = try Tensor.conv2d(h2, w3.value, stride: (2, 2), padding: (1, 1)).relu()
            return try h3.mean(axes: [2, 3])
        }
        var weights: [Variable] { [w1, w2, w3] }
    }

    static func convNet(reps: Int) -> Table {
        var rng = RandomStream(seed: 3)
        let net = Net(rng: &rng)
        let x = rng.normal([256, 3, 32, 32])
        var table = Table("small conv net, batch 256 × 3×32×32 (3 convs, ReLU, global mean)", columns: ["pass", "ms", "× forward"])
        do {
            let direct = Measure.median(reps: reps) { blackHole(try? net.direct(x)) }
            let noGrad = Measure.median(reps: reps) { blackHole(try? GradMode.withoutGrad { try net(Variable(x)) }) }
            let forward = Measure.median(reps: reps) { blackHole(try? net(Variable(x)).square().mean()) }
            let backward = Measure.median(reps: reps) {
                let loss = try? net(Variable(x)).square().mean()
                if let loss { blackHole(try? Autodiff.gradients(of: loss, wrt: net.weights)) }
            }
            let double = Measure.median(reps: reps) {
                do {
                    let input = Variable.leaf(x)
                    let loss = try net(input).square().mean()
                    let gx = try Autodiff.gradients(of: loss, wrt: [input], createGraph: true)[0]
                    let total = try loss + gx.square().sum()
                    blackHole(try Autodiff.gradients(of: total, wrt: net.weights))
                } catch { print("double backward failed: \(error)") }
            }
            table.add("tensor core directly", fmt(direct * 1000), fmt(direct / noGrad, 2))
            table.add("no-grad forward (Variable)", fmt(noGrad * 1000), "1.00")
            table.add("forward (recording)", fmt(forward * 1000), fmt(forward / noGrad, 2))
            table.add("forward + backward", fmt(backward * 1000), fmt(backward / noGrad, 2))
            table.add("forward + double backward", fmt(double * 1000), fmt(double / noGrad, 2))
            table.notes.append(String(format: "backward alone = %.2f× forward (target ≤ 2.5×); no-grad forward = %.2f× direct (target ≤ 1.1×)",
                                      (backward - forward) / forward, noGrad / direct))
        }
        return table
    }
}
