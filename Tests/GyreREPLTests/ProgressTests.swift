import Foundation
import Testing
@testable import GyreREPL

@Suite struct ProgressTests {
    final class Clock {
        var now = 0.0
    }

    @Test func plainLinesAtEveryTenPercent() {
        var text = ""
        let clock = Clock()
        let progress = ProgressReporter(label: "Training", total: 100, isTerminal: false, plainInterval: 1000,
                                        write: { text += $0 }, clock: { clock.now })
        for step in 1...100 {
            clock.now = Double(step) * 0.1
            progress.update(step: step, fields: [("loss", ProgressReporter.format(1 / Double(step)))])
        }
        progress.finish()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 10)  // 10%, 20%, …, 90%, then finish()
        #expect(lines[0] == "Training:  10/100 (10%) loss=0.1 10.0 step/s ETA 0:09")
        #expect(lines[9] == "Training: done 100/100 (100%) loss=0.01 10.0 step/s in 0:10")
    }

    @Test func plainLinesByTimeWithoutTotal() {
        var text = ""
        let clock = Clock()
        let progress = ProgressReporter(label: "Pass", total: nil, unit: "batch", isTerminal: false, plainInterval: 30,
                                        write: { text += $0 }, clock: { clock.now })
        for step in 1...100 {
            clock.now = Double(step)  // 1 batch/s
            progress.update(step: step)
        }
        #expect(text.split(separator: "\n") == ["Pass: 30 1.0 batch/s", "Pass: 60 1.0 batch/s", "Pass: 90 1.0 batch/s"])
    }

    @Test func terminalBarRedrawsOneLine() {
        var text = ""
        let clock = Clock()
        let progress = ProgressReporter(label: "Fit", total: 4, isTerminal: true,
                                        write: { text += $0 }, clock: { clock.now }, columns: { 80 })
        clock.now = 2
        progress.update(step: 1, fields: [("loss", "0.5")])
        #expect(text == "\rFit  1/4 [=======>....................]  25%  loss=0.5  2.0 s/step  ETA 0:06\u{1B}[K")
        clock.now = 2.05
        progress.update(step: 2)  // too soon to redraw
        #expect(!text.contains("2/4"))
        progress.finish()
        #expect(text.hasSuffix("\rFit  2/4 [==============>.............]  50%  loss=0.5  1.0 s/step  ETA 0:02\u{1B}[K\n"))
        #expect(!text.dropLast().contains("\n"))
    }

    @Test func narrowTerminalsTruncate() {
        var text = ""
        let progress = ProgressReporter(label: String(repeating: "L", count: 60), total: 10, isTerminal: true,
                                        write: { text += $0 }, clock: { 1 }, columns: { 40 })
        progress.update(step: 10)
        let line = text.dropFirst().replacingOccurrences(of: "\u{1B}[K", with: "")
        #expect(line.count == 39)
    }

    @Test func formatting() {
        #expect(ProgressReporter.clockText(75) == "1:15")
        #expect(ProgressReporter.clockText(3725) == "1:02:05")
        #expect(ProgressReporter.bar(fraction: 1, width: 6) == "[====]")
        #expect(ProgressReporter.bar(fraction: 0, width: 6) == "[>...]")
    }
}
