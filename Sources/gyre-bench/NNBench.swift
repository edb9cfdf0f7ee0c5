import Foundation
import GyreTensor
import GyreAutodiff
import GyreNN

/// `gyre-bench nn`: training-step time (forward + backward + SGD update) of the encoders
/// (issue 8): the small CNN at batch 256 and ResNet-18 at batch 64, on 3×32×32 input.
let nnSection = BenchSection(name: "nn", summary: "GyreNN: encoder training steps (forward + backward + SGD)") { options in
    print(NNBench.trainingSteps(reps: options.reps).render())
}

enum NNBench {
    struct Case {
        let name: String
        let batch: Int
        let make: () -> Module
    }

    static let cases = [
        Case(name: "small CNN (d = 128)", batch: 256) { SmallCNN(seed: 0) },
        Case(name: "small CNN + BatchNorm", batch: 256) { SmallCNN(batchNorm: true, seed: 0) },
        Case(name: "ResNet-18 (d = 512)", batch: 64) { ResNet.resnet18(seed: 0) },
    ]

    /// Median milliseconds of a no-grad forward and of a full step (loss = mean h², SGD with
    /// momentum 0.9 and weight decay), images per second for the step.
    static func trainingSteps(reps: Int) -> Table {
        var table = Table("Encoder training step on 3×32×32 images (median of \(reps); ResNet-18: of \(min(reps, 3)))",
                          columns: ["encoder", "batch", "params", "forward ms", "step ms", "images/s"])
        for c in cases {
            let model = c.make()
            var rng = RandomStream(seed: 1)
            let x = Variable(rng.uniform([c.batch, 3, 32, 32]))
            let opt = SGD(model.namedParameters(), learningRate: 0.01, momentum: 0.9, weightDecay: 1e-6)
            let n = c.batch >= 256 ? reps : min(reps, 3)
            let forward = Measure.median(reps: n) {
                do { blackHole(try GradMode.withoutGrad { try model(x) }) } catch { print("nn bench: \(error)") }
            }
            let step = Measure.median(reps: n) {
                do { try opt.step(loss: try model(x).square().mean()) } catch { print("nn bench: \(error)") }
            }
            table.add(c.name, String(c.batch), String(model.parameterCount), fmt(forward * 1e3, 1), fmt(step * 1e3, 1),
                      fmt(Double(c.batch) / step, 0))
        }
        table.notes = ["forward: training-mode BatchNorm, no graph recorded; step: forward + backward + SGD update.",
                       "Other work on this shared machine slows these figures; see the load average printed above."]
        return table
    }
}
