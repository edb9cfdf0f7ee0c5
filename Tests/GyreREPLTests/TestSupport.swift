import Foundation
@testable import GyreREPL

/// A scripted kernel: records every call; each non-empty code line prints `out: <line>`;
/// a line containing `fail` makes the run fail (error names its line); a line
/// containing `figure` adds a tiny PNG; `name = value` lines define variables.
final class FakeKernel: GyreKernel {
    private(set) var inputs: [KernelInput] = []
    private(set) var resets = 0
    private(set) var interrupts = 0
    var variablesByName: [String: String] = [:]

    func run(_ input: KernelInput, output: @escaping (String) -> Void) -> KernelResult {
        inputs.append(input)
        var figures: [KernelFigure] = []
        for (offset, line) in input.code.components(separatedBy: "\n").enumerated() where !line.isEmpty {
            if line.contains("fail") {
                return KernelResult(figures: figures, error: "\(input.sourceName):\(input.firstLine + offset): error: \(line)")
            }
            if line.contains("figure") { figures.append(KernelFigure(png: tinyPNG(), name: "plot")) }
            if let equals = line.firstIndex(of: "="), !line.contains("==") {
                variablesByName[line[..<equals].trimmingCharacters(in: .whitespaces)] =
                    line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
            output("out: \(line)\n")
        }
        return KernelResult(figures: figures)
    }

    func isIncomplete(_ code: String) -> Bool {
        code.filter { $0 == "{" }.count > code.filter { $0 == "}" }.count
    }

    func completions(before prefix: String) -> Completion {
        let word = String(prefix.reversed().prefix(while: { $0.isLetter || $0 == "_" }).reversed())
        return Completion(word: word, candidates: ["spirograph", "sum", "sqrt"].filter { $0.hasPrefix(word) })
    }

    func help(_ topic: String?) -> String { topic.map { "help: \($0)" } ?? "index of builtins" }

    func variables() -> [(name: String, summary: String)] {
        variablesByName.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func reset() {
        resets += 1
        variablesByName = [:]
    }

    func interrupt() { interrupts += 1 }

    var codes: [String] { inputs.map(\.code) }
}

/// A console that collects what is written.
final class CapturedConsole {
    final class Buffer { var text = "" }
    let outBuffer = Buffer()
    let errBuffer = Buffer()
    let console: Console

    init() {
        let (outBuffer, errBuffer) = (self.outBuffer, self.errBuffer)
        console = Console(out: { outBuffer.text += $0 }, err: { errBuffer.text += $0 })
    }

    var out: String { outBuffer.text }
    var err: String { errBuffer.text }
}

/// Feeds lines to the REPL and records history.
final class ScriptedReader: LineReader {
    var script: [LineReadResult]
    var prompts: [String] = []
    var history: [String] = []

    init(_ lines: [String]) { script = lines.map { .line($0) } }
    init(results: [LineReadResult]) { script = results }

    func readLine(prompt: String) -> LineReadResult {
        prompts.append(prompt)
        return script.isEmpty ? .endOfInput : script.removeFirst()
    }

    func addHistory(_ entry: String) { history.append(entry) }
}

/// A fresh folder under the temporary directory.
func makeTemporaryDirectory() throws -> String {
    var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("gyre-test-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw GyreError.io("mkdtemp failed") }
    return String(cString: made)
}

let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

/// A valid 1×1 grey PNG built by hand: signature, IHDR, IDAT (zlib stored block), IEND.
func tinyPNG() -> Data {
    func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
    func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
    func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return bigEndian(UInt32(body.count)) + typed + bigEndian(crc32(typed))
    }
    let scanline: [UInt8] = [0, 0x80]  // filter 0, one grey pixel
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in scanline { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
    let zlib: [UInt8] = [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF] + scanline + bigEndian(b << 16 | a)
    let header = bigEndian(1) + bigEndian(1) + [8, 0, 0, 0, 0]  // 1×1, 8-bit greyscale
    return Data(pngSignature + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", []))
}
