import Foundation
import Dispatch

/// Splits work over the machine's cores (Dispatch's `concurrentPerform`).
public enum Parallel {
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Elementwise work below this many elements runs on one thread.
    public static let elementwiseGrain = 1 << 16

    /// Calls `body` on disjoint chunks covering `0..<n`, in parallel when `n` is large.
    @inline(__always)
    public static func chunks(_ n: Int, grain: Int = elementwiseGrain, _ body: (Range<Int>) -> Void) {
        let parts = min(cores, n / max(grain, 1))
        if parts <= 1 {
            if n > 0 { body(0..<n) }
            return
        }
        let size = (n + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let lo = p * size
            let hi = min(n, lo + size)
            if lo < hi { body(lo..<hi) }
        }
    }

    /// Calls `body(i)` for every `i` in `0..<n`, spreading the indices over the cores.
    @inline(__always)
    public static func forEach(_ n: Int, _ body: (Int) -> Void) {
        if n <= 1 || cores == 1 { for i in 0..<n { body(i) }; return }
        chunks(n, grain: 1) { r in for i in r { body(i) } }
    }
}
