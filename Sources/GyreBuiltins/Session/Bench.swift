import Foundation

/// `gyre bench`: runs the benchmark executable's sections if it was built next to `gyre`.
public func runBenchmarks(_ args: [String]) -> Int32 {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let bench = me.deletingLastPathComponent().appendingPathComponent("gyre-bench")
    guard FileManager.default.isExecutableFile(atPath: bench.path) else {
        FileHandle.standardError.write(Data("gyre bench: build the benchmarks first: swift build -c release --product gyre-bench\n".utf8))
        return 2
    }
    let p = Process()
    p.executableURL = bench
    p.arguments = args
    do { try p.run() } catch {
        FileHandle.standardError.write(Data("gyre bench: cannot start \(bench.path): \(error)\n".utf8))
        return 2
    }
    p.waitUntilExit()
    return p.terminationStatus
}
