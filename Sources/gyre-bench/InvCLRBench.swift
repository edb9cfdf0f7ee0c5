import Foundation
import GyreTensor
import GyreAutodiff
import GyreData
import GyreNN
import GyreLearn

/// `gyre-bench invclr`: the InvCLR workloads of issue 10, the same ones that
/// `Benchmarks/torch_reference.py` runs in PyTorch (`Benchmarks/compare.sh` prints the ratios).
///
/// Each workload runs in its own child process (this executable re-run with the hidden flag
/// `--invclr-child NAME`), so the peak resident memory (VmHWM) is that workload's alone.
/// Options of this section alone (`gyre-bench invclr [--reps N] [--json FILE] [--workloads a,b]`):
///   `--json FILE`           also write the figures as JSON (keys shared with torch_reference.py)
///   `--workloads a,b,...`   run only these workloads (default: all; names from the table)
///
/// The λ = 1e-2 step differentiates the renderer with the first-order fused graph
/// (`SimCLRConfig.gpRenderer = "firstOrder"`, SimCLRTrainer's default); `simclr_step_gp_exact`
/// is the same step with the exact composed renderer (every derivative order, as PyTorch's
/// autograd through its renderer).
let invclrSection: BenchSection = {
    InvCLRBench.interceptCommandLine()
    return BenchSection(name: "invclr", summary: "InvCLR workloads vs PyTorch: rendering, SimCLR steps (λ = 0, 1e-2), encoding, ridge, ResNet-18; peak memory") { options in
        InvCLRBench.runAll(options)
    }
}()

enum InvCLRBench {
    /// One workload: a name shared with the PyTorch script, what it does, how many items (images,
    /// rows) one repetition handles (0: report time only), and its body factory.
    struct Workload {
        let name: String
        let summary: String
        let items: Int
        /// Builds the state (untimed) and returns the function timed per repetition.
        let setup: () throws -> (() throws -> Void)
        /// Repetitions cap (slow workloads).
        var maxReps: Int = .max
    }

    /// The figures of one workload (what a child prints as its last line of output, as JSON).
    struct Result: Codable {
        var name: String
        var summary: String
        var times_s: [Double]
        var median_s: Double
        /// Median CPU seconds (all threads of the process) per repetition: less sensitive to
        /// other work on the machine than wall-clock.
        var cpu_median_s: Double
        var items: Int
        var items_per_s: Double?
        /// Resident memory at the child's start (the executable and its libraries), MB.
        var base_rss_mb: Double
        /// Peak resident memory of the child (VmHWM), MB.
        var peak_rss_mb: Double
        var error: String?
    }

    struct Report: Codable {
        var side = "gyre"
        var machine: String
        var load_before: String
        var load_after: String
        var threads: Int
        var notes: [String]
        var workloads: [String: Result]
    }

    nonisolated(unsafe) static var jsonPath: String? = nil
    nonisolated(unsafe) static var only: [String]? = nil

    static let batch = 256

    static let workloads: [Workload] = [
        Workload(name: "render_nograd", summary: "Spirograph, 10,000 images, no-grad (fused kernel)", items: 10_000) {
            var rng = RandomStream(seed: 3)
            let prior = SpiroPrior()
            let g = prior.sampleGenerative(10_000, rng: &rng), a = prior.sampleNuisance(10_000, rng: &rng)
            let renderer = SpirographRenderer()
            return { blackHole(try renderer.render(generative: g, nuisance: a)) }
        },
        Workload(name: "render_grad", summary: "Spirograph, 10,000 images, forward + backward wrt α (first-order fused)", items: 10_000) {
            // The code path of `gyre-bench data`: a vector–Jacobian product with a fixed cotangent.
            var rng = RandomStream(seed: 3)
            let prior = SpiroPrior()
            let g = prior.sampleGenerative(10_000, rng: &rng), a = prior.sampleNuisance(10_000, rng: &rng)
            let cotangent = Variable(rng.normal([10_000, 3, 32, 32]))
            let renderer = SpirographRenderer(differentiation: .firstOrder)
            return {
                let alpha = Variable.leaf(a)
                let x = try renderer.draw(generative: Variable(g), nuisance: alpha)
                blackHole(try Autodiff.gradients(of: x, wrt: [alpha], seed: cotangent))
            }
        },
        Workload(name: "simclr_step", summary: "SimCLR step, small CNN + critic, B = 256, λ = 0, LARS (incl. rendering 2 views)", items: batch) {
            try simclrStep(lambda: 0, renderer: "firstOrder")
        },
        Workload(name: "simclr_step_gp", summary: "SimCLR step, λ = 1e-2 (double backward, 100 α′, first-order renderer)", items: batch) {
            try simclrStep(lambda: 1e-2, renderer: "firstOrder")
        },
        Workload(name: "simclr_step_gp_exact", summary: "SimCLR step, λ = 1e-2, exact composed renderer (Gyre only)", items: batch,
                 setup: { try simclrStep(lambda: 1e-2, renderer: "exact") }, maxReps: 3),
        Workload(name: "encode", summary: "encoding, small CNN, no-grad, 2,048 images in batches of 512", items: 2048) {
            var rng = RandomStream(seed: 5)
            let prior = SpiroPrior()
            let images = try SpirographRenderer().render(generative: prior.sampleGenerative(2048, rng: &rng),
                                                         nuisance: prior.sampleNuisance(2048, rng: &rng))
            let model = SimCLRModel(encoder: SmallCNN(), representationDim: 128)
            return { blackHole(try model.encode(images, batchSize: 512)) }
        },
        Workload(name: "linear_eval", summary: "closed-form ridge, 20,000 × 128 features → 4 targets (λ = 1e-8)", items: 20_000) {
            var rng = RandomStream(seed: 7)
            let x = rng.normal([20_000, 128])
            let y = try Tensor.matmul(x, rng.normal([128, 4], std: 0.1)) + rng.normal([20_000, 4], std: 0.01)
            return { blackHole(try RidgeRegression(features: x, targets: y, lambda: 1e-8)) }
        },
        Workload(name: "resnet18_step", summary: "ResNet-18 step, B = 64 (forward + backward + SGD, loss mean h²)", items: 64,
                 setup: {
                     let model = ResNet.resnet18(seed: 0)
                     var rng = RandomStream(seed: 1)
                     let x = Variable(rng.uniform([64, 3, 32, 32]))
                     let opt = SGD(model.namedParameters(), learningRate: 0.01, momentum: 0.9, weightDecay: 1e-6)
                     return { try opt.step(loss: try model(x).square().mean()) }
                 }, maxReps: 5),
    ]

    /// A SimCLR training step through `SimCLRTrainer` (one step per epoch; the first is the
    /// warm-up). Returns a closure running one more step; the step's own timer
    /// (`StepRecord.seconds`) is the same as the wall-clock around it.
    static func simclrStep(lambda: Float, renderer: String) throws -> (() throws -> Void) {
        var config = SimCLRConfig()
        config.batchSize = batch
        config.lambdaGP = lambda
        config.gpRenderer = renderer
        config.stepsPerEpoch = 1
        config.epochs = 1_000
        let data = try SpirographDataset(trainSize: 4 * batch, testSize: 0, seed: 0)
        let model = SimCLRModel(encoder: SmallCNN(), representationDim: 128)
        let trainer = try SimCLRTrainer(model: model, data: data, config: config)
        // `run` goes on to the end; stop it after one step with the interrupt flag it checks.
        return {
            var steps = 0
            let outcome = try trainer.run { _ in
                steps += 1
                Interrupt.requested = true
            }
            guard steps == 1 else { throw LearnError("invclr bench", "expected one step, ran \(steps) (\(outcome))") }
        }
    }

    // MARK: - Command line

    /// Handles this section's own options before the section registry parses the command line
    /// (called when main.swift's registry line first references the section):
    /// - hidden `--invclr-child NAME --reps N`: run one workload, print its JSON line, exit;
    /// - `--json FILE` / `--workloads LIST`: run this section alone (with `--reps N`), write
    ///   the JSON, exit. Without these options the registry runs `invclr` like any section.
    static func interceptCommandLine() {
        let args = CommandLine.arguments
        var reps = BenchOptions().reps
        if let r = args.firstIndex(of: "--reps"), r + 1 < args.count, let n = Int(args[r + 1]), n > 0 { reps = n }
        if let i = args.firstIndex(of: "--invclr-child"), i + 1 < args.count {
            exit(runChild(args[i + 1], reps: reps))
        }
        var rest: [String] = []
        var own = false
        var i = 1
        while i < args.count {
            switch args[i] {
            case "--json" where i + 1 < args.count:
                jsonPath = args[i + 1]; own = true; i += 2
            case "--workloads" where i + 1 < args.count:
                only = args[i + 1].split(separator: ",").map(String.init); own = true; i += 2
            case "--reps":
                i += 2
            default:
                rest.append(args[i]); i += 1
            }
        }
        guard own else { return }
        if rest.contains(where: { $0 != "invclr" }) {
            print("gyre-bench: --json and --workloads belong to the invclr section; run other sections separately (got: \(rest.joined(separator: " ")))")
            exit(2)
        }
        var options = BenchOptions()
        options.reps = reps
        print(Machine.describe())
        print("\n== invclr ==")
        runAll(options)
        print("\nload average after the run: \(Machine.loadAverage())")
        exit(0)
    }

    // MARK: - Child

    static func runChild(_ name: String, reps: Int) -> Int32 {
        guard let w = workloads.first(where: { $0.name == name }) else {
            FileHandle.standardError.write(Data("gyre-bench: unknown invclr workload \(name)\n".utf8))
            return 2
        }
        let base = Memory.status("VmRSS")
        var result = Result(name: w.name, summary: w.summary, times_s: [], median_s: .nan, cpu_median_s: .nan, items: w.items, items_per_s: nil,
                            base_rss_mb: base, peak_rss_mb: .nan, error: nil)
        do {
            let body = try w.setup()
            try body()                                                        // warm-up
            var cpu: [Double] = []
            for _ in 0..<Swift.min(reps, w.maxReps) {
                let t0 = Measure.now(), c0 = DataBench.cpuSeconds()
                try body()
                result.times_s.append(Measure.now() - t0)
                cpu.append(DataBench.cpuSeconds() - c0)
            }
            result.median_s = median(result.times_s)
            result.cpu_median_s = median(cpu)
            if w.items > 0 { result.items_per_s = Double(w.items) / result.median_s }
        } catch {
            result.error = "\(error)"
        }
        result.peak_rss_mb = Memory.status("VmHWM")
        let enc = JSONEncoder()
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        print(String(decoding: (try? enc.encode(result)) ?? Data(), as: UTF8.self))
        return result.error == nil ? 0 : 1
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted(), n = s.count
        guard n > 0 else { return .nan }
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    // MARK: - Parent

    static func runAll(_ options: BenchOptions) {
        let loadBefore = Machine.loadAverage()
        let chosen = workloads.filter { only?.contains($0.name) ?? true }
        if let only, chosen.count != only.count {
            print("invclr: unknown workload in \(only.joined(separator: ",")); known: \(workloads.map(\.name).joined(separator: ", "))")
        }
        var results: [String: Result] = [:]
        var table = Table("InvCLR workloads (each in its own process; median of \(options.reps) after a warm-up)",
                          columns: ["workload", "median ms", "CPU ms", "items/s", "peak RSS MB", "base RSS MB", "what"])
        for w in chosen {
            guard let r = spawnChild(w.name, reps: options.reps) else {
                table.add(w.name, "failed", "", "", "", "", w.summary)
                continue
            }
            results[w.name] = r
            table.add(w.name, r.error == nil ? fmt(r.median_s * 1e3) : "error", fmt(r.cpu_median_s * 1e3), r.items_per_s.map { fmt($0, 0) } ?? "-",
                      fmt(r.peak_rss_mb), fmt(r.base_rss_mb), w.summary)
            if let e = r.error { table.notes.append("\(w.name): \(e)") }
        }
        let notes = ["threads: OpenBLAS \(ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "default (cores)"), Gyre's loops \(Parallel.cores) cores",
                     "simclr steps: SimCLRTrainer.step (renders both views, encoder + critic + NT-Xent (+ penalty), LARS)",
                     "peak RSS = VmHWM of the workload's process; base RSS = VmRSS at its start"]
        table.notes += notes
        print(table.render())
        guard let path = jsonPath else { return }
        let report = Report(machine: Machine.describe(), load_before: loadBefore, load_after: Machine.loadAverage(),
                            threads: Parallel.cores, notes: notes, workloads: results)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            try enc.encode(report).write(to: URL(fileURLWithPath: path))
            print("wrote \(path)")
        } catch {
            print("invclr: could not write \(path): \(error)")
        }
    }

    /// Runs one workload in a child process of this executable; nil if it produced no figures.
    static func spawnChild(_ name: String, reps: Int) -> Result? {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--invclr-child", name, "--reps", String(reps)]
        let out = Pipe()
        p.standardOutput = out
        do { try p.run() } catch {
            print("invclr: could not start \(exe): \(error)")
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let last = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            print("invclr: \(name) printed no result (exit \(p.terminationStatus)):\n\(text)")
            return nil
        }
        let dec = JSONDecoder()
        dec.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? dec.decode(Result.self, from: Data(last.utf8))
    }
}

/// This process's memory figures from /proc/self/status, in MB.
enum Memory {
    static func status(_ key: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
            return kb / 1024
        }
        return .nan
    }
}
