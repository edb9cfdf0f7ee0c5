import Foundation

/// Progress of long work (a training run, a data pass). Depends on Foundation only, so
/// it can live in any layer.
///
/// On a terminal it redraws one line (at most 10 times a second):
/// ```
/// Training  37/100 [=========>...............]  37%  loss=0.412  12.3 step/s  ETA 0:05
/// ```
/// Otherwise it prints plain lines: at every 10% of `total` (or, with no total or slow
/// steps, every `plainInterval` seconds), and a final line from `finish()`.
///
/// ```swift
/// let progress = ProgressReporter(label: "Training", total: steps)
/// for step in 1...steps { …; progress.update(step: step, fields: [("loss", ProgressReporter.format(loss))]) }
/// progress.finish()
/// ```
public final class ProgressReporter {
    public let label: String
    public let total: Int?
    public let unit: String
    public let isTerminal: Bool
    /// Seconds between plain lines when no 10% boundary was crossed.
    public let plainInterval: Double

    private let write: (String) -> Void
    private let clock: () -> Double
    private let columns: () -> Int
    private let start: Double
    private var step = 0
    private var fields: [(String, String)] = []
    private var lastDraw = -Double.infinity
    private var lastPlain: Double
    private var lastPlainDecile = 0
    private var finished = false
    private var drawnWidth = 0

    /// - Parameters:
    ///   - total: the number of steps, or `nil` if unknown (no bar, no ETA).
    ///   - isTerminal: draw a bar; default: standard error is a terminal.
    ///   - write: where text goes; default: standard error.
    ///   - clock: seconds from any fixed origin; default: monotonic time.
    public init(label: String, total: Int?, unit: String = "step",
                isTerminal: Bool = isatty(2) != 0, plainInterval: Double = 30,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
                clock: @escaping () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
                columns: @escaping () -> Int = ProgressReporter.terminalColumns) {
        self.label = label
        self.total = total.map { max(0, $0) }
        self.unit = unit
        self.isTerminal = isTerminal
        self.plainInterval = plainInterval
        self.write = write
        self.clock = clock
        self.columns = columns
        self.start = clock()
        self.lastPlain = start
    }

    /// Records that `step` steps are done, with custom fields such as `("loss", "0.412")`.
    public func update(step: Int, fields: [(String, String)] = []) {
        guard !finished else { return }
        self.step = step
        if !fields.isEmpty { self.fields = fields }
        let now = clock()
        if isTerminal {
            if now - lastDraw >= 0.1 || step == total { draw(now) }
        } else {
            emitPlainIfDue(now)
        }
    }

    /// `update(step: current + by, …)`.
    public func advance(by count: Int = 1, fields: [(String, String)] = []) {
        update(step: step + count, fields: fields)
    }

    /// Prints a message without breaking the bar (the bar is redrawn below it).
    public func log(_ message: String) {
        if isTerminal && drawnWidth > 0 {
            write("\r\u{1B}[K" + message + "\n")
            draw(clock())
        } else {
            write(message + "\n")
        }
    }

    /// Ends the display: the final state and a newline. Idempotent.
    public func finish(fields: [(String, String)] = []) {
        guard !finished else { return }
        if !fields.isEmpty { self.fields = fields }
        let now = clock()
        if isTerminal {
            draw(now)
            write("\n")
        } else {
            write(plainLine(now, done: true) + "\n")
        }
        finished = true
    }

    // MARK: Rendering

    private func draw(_ now: Double) {
        lastDraw = now
        let width = max(20, columns() - 1)
        let (head, tail) = terminalParts(now)
        let barWidth = min(30, width - head.count - 40)  // fixed per line width, so the bar does not jitter
        var line = head
        if let total, total > 0, barWidth >= 10 {
            line += " " + ProgressReporter.bar(fraction: Double(step) / Double(total), width: barWidth)
        }
        line += tail
        if line.count > width { line = String(line.prefix(width)) }
        drawnWidth = line.count
        write("\r" + line + "\u{1B}[K")
    }

    private func terminalParts(_ now: Double) -> (String, String) {
        let elapsed = now - start
        let head = "\(label)  \(stepText())"
        var tail = ""
        if let total, total > 0 { tail += String(format: " %3d%%", Int(100 * Double(min(step, total)) / Double(total))) }
        for (name, value) in fields { tail += "  \(name)=\(value)" }
        tail += "  " + rateText(elapsed)
        if let eta = eta(elapsed) { tail += "  ETA " + ProgressReporter.clockText(eta) }
        return (head, tail)
    }

    private func emitPlainIfDue(_ now: Double) {
        var due = now - lastPlain >= plainInterval
        if let total, total > 0 {
            let decile = Int(10 * Double(min(step, total)) / Double(total))
            if decile > lastPlainDecile && step < total {  // 100% is finish()'s line
                lastPlainDecile = decile
                due = true
            }
        }
        guard due else { return }
        lastPlain = now
        write(plainLine(now, done: false) + "\n")
    }

    private func plainLine(_ now: Double, done: Bool) -> String {
        let elapsed = now - start
        var line = "\(label): \(done ? "done " : "")\(stepText())"
        if let total, total > 0 { line += " (\(Int(100 * Double(min(step, total)) / Double(total)))%)" }
        for (name, value) in fields { line += " \(name)=\(value)" }
        line += " " + rateText(elapsed)
        if done {
            line += " in " + ProgressReporter.clockText(elapsed)
        } else if let eta = eta(elapsed) {
            line += " ETA " + ProgressReporter.clockText(eta)
        }
        return line
    }

    private func stepText() -> String {
        guard let total else { return "\(step)" }
        let digits = String(total).count
        return String(repeating: " ", count: max(0, digits - String(step).count)) + "\(step)/\(total)"
    }

    private func rateText(_ elapsed: Double) -> String {
        guard elapsed > 0, step > 0 else { return "– \(unit)/s" }
        let rate = Double(step) / elapsed
        if rate >= 1 { return String(format: rate >= 100 ? "%.0f" : "%.1f", rate) + " \(unit)/s" }
        return String(format: "%.1f", 1 / rate) + " s/\(unit)"
    }

    private func eta(_ elapsed: Double) -> Double? {
        guard let total, step > 0, step < total, elapsed > 0 else { return nil }
        return elapsed / Double(step) * Double(total - step)
    }

    /// `[=====>....]` filled to `fraction`.
    static func bar(fraction: Double, width: Int) -> String {
        let inner = width - 2
        let filled = Int((min(max(fraction, 0), 1) * Double(inner)).rounded(.down))
        if filled >= inner { return "[" + String(repeating: "=", count: inner) + "]" }
        return "[" + String(repeating: "=", count: filled) + ">" + String(repeating: ".", count: inner - filled - 1) + "]"
    }

    /// `75` → `1:15`, `3725` → `1:02:05`.
    public static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }

    /// Four significant digits, for fields: `0.4123`, `12.35`, `1.235e-05`.
    public static func format(_ value: Double) -> String {
        String(format: "%.4g", value)
    }

    /// The width of the terminal on standard error (`$COLUMNS`, else 80).
    public static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}
