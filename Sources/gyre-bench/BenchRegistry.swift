import Foundation

/// A named group of benchmarks (e.g. `tensor`, later `autodiff`) that prints its own tables.
struct BenchSection {
    let name: String
    let summary: String
    let run: (BenchOptions) -> Void
}

struct BenchOptions {
    /// Repetitions per figure; the median is reported.
    var reps = 5
}

/// The sections in the order `all` runs them, and the command line that picks among them.
struct BenchRegistry {
    let sections: [BenchSection]

    func usage() -> String {
        let names = sections.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)" }
        return """
        usage: gyre-bench [--reps N] SECTION... | all | list
        Sections:
        \(names.joined(separator: "\n"))
        Build with -c release; figures are medians of N repetitions (default 5).
        """
    }

    /// Runs the sections named in `args`; returns the process exit status.
    func main(_ args: [String]) -> Int32 {
        var options = BenchOptions()
        var names: [String] = []
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--reps":
                guard i + 1 < args.count, let n = Int(args[i + 1]), n > 0 else {
                    print("gyre-bench: --reps needs a positive integer\n\(usage())")
                    return 2
                }
                options.reps = n
                i += 1
            case "-h", "--help", "help":
                print(usage())
                return 0
            case "list":
                for s in sections { print("\(s.name)\t\(s.summary)") }
                return 0
            case "all":
                names += sections.map(\.name)
            default:
                names.append(args[i])
            }
            i += 1
        }
        if names.isEmpty { print(usage()); return 2 }
        let chosen = names.compactMap { n in sections.first { $0.name == n } }
        if chosen.count != names.count {
            let unknown = names.filter { n in !sections.contains { $0.name == n } }
            print("gyre-bench: unknown section \(unknown.joined(separator: ", "))\n\(usage())")
            return 2
        }
        print(Machine.describe())
        for s in chosen {
            print("\n== \(s.name): \(s.summary) ==")
            s.run(options)
        }
        print("\nload average after the run: \(Machine.loadAverage())")
        return 0
    }
}

/// What the figures were measured on (CPU, cores, load: other work on the machine skews them).
enum Machine {
    static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? nil
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return "machine: \(cpu ?? "unknown CPU"), \(cores) cores; load average before the run: \(loadAverage())"
    }

    static func loadAverage() -> String {
        let s = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
        return s.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
