import Foundation
import GyreTensor
import GyreLang

/// `gyre-bench lang`: interpreter overhead — a scalar loop of 10⁶ iterations next to
/// CPython running the same loop in the same run, and an array expression on 10⁶
/// elements next to the tensor-core calls it dispatches to.
let langSection = BenchSection(name: "lang", summary: "GyreLang: scalar-loop and array-expression overhead (vs CPython)") { options in
    print(LangBench.run(reps: options.reps).render())
}

enum LangBench {
    static func run(reps: Int) -> Table {
        var table = Table("interpreter overhead", columns: ["workload", "ms", "ratio"])
        let interp = Interpreter(registry: .core())
        interp.output = { _ in }
        let loop = "s = 0\nfor i in 0..1000000 { s = s + i }"
        let gyre = Measure.median(reps: reps) { _ = interp.run(loop, display: false) }
        let python = cpython(reps: reps)
        table.add("scalar loop 10⁶ (Gyre)", fmt(gyre * 1000), "1.00")
        if let p = python { table.add("same loop in CPython", fmt(p * 1000), fmt(gyre / p, 2) + "× (Gyre/CPython, target ≤ 3)") }
        else { table.add("same loop in CPython", "n/a", "python3 not found") }

        _ = interp.run("x = randn([1000000], seed: 0)\ny = randn([1000000], seed: 1)", display: false)
        var rng = RandomStream(seed: 0)
        let x = rng.normal([1_000_000]), y = rng.normal([1_000_000])
        let lang = Measure.median(reps: reps * 4) { _ = interp.run("z = x * 2 + y", display: false) }
        let core = Measure.median(reps: reps * 4) { blackHole(try? (x * 2) + y) }
        table.add("z = x * 2 + y, 10⁶ elements (Gyre)", fmt(lang * 1000, 2), fmt(lang / core, 2) + "× (target ≤ 1.2)")
        table.add("same on the tensor core", fmt(core * 1000, 2), "1.00")
        return table
    }

    /// Median seconds of the same loop in CPython, timed inside Python (no start-up cost).
    static func cpython(reps: Int) -> Double? {
        let script = """
        import time
        ts = []
        for _ in range(\(reps + 1)):
            t0 = time.perf_counter()
            s = 0
            for i in range(1000000):
                s = s + i
            ts.append(time.perf_counter() - t0)
        ts = sorted(ts[1:])
        print(ts[len(ts) // 2])
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return p.terminationStatus == 0 ? Double(out.trimmingCharacters(in: .whitespacesAndNewlines)) : nil
    }
}
