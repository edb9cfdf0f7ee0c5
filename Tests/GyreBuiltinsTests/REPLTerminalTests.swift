import XCTest
import GyreTerminalTesting
import Foundation

/// The real `gyre` REPL on a pseudo-terminal (issue 5's terminal test): typing, printed
/// values, history recall of a multi-line entry, tab completion, errors with a caret,
/// Ctrl-C during a long loop, `:help`, Ctrl-D.
///
/// The binary is looked up next to the test bundle (`.build/<triple>/debug/gyre`);
/// `swift test` builds every product first, so it is normally there. The test never
/// builds it: without it the test is skipped with a message saying how to build it.
/// HOME and GYRE_HISTORY point into a temporary directory, so the user's history file is
/// never read or written.
final class REPLTerminalTests: XCTestCase {
    /// Generous: debug builds on a loaded shared machine start and answer slowly.
    let startupTimeout = 60.0
    let stepTimeout = 20.0

    /// `gyre` in the build directory holding the test bundle, or nil.
    static func gyreBinary() -> String? {
        var directories: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        for bundle in [Bundle.main, Bundle(for: REPLTerminalTests.self)] {
            directories.append(bundle.bundleURL)                              // Linux: the build directory
            directories.append(bundle.bundleURL.deletingLastPathComponent())  // macOS: …/debug/X.xctest
        }
        for directory in directories {
            let path = directory.appendingPathComponent("gyre").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: path) {
                return path
            }
        }
        return nil
    }

    func testTheREPLOnATerminal() throws {
        guard let gyre = Self.gyreBinary() else {
            throw XCTSkip("the gyre binary is not next to the test bundle; build it with `swift build --product gyre` (swift test normally builds it)")
        }
        let home = NSTemporaryDirectory() + "gyre-repl-pty-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let history = home + "/history"
        let started = Date()
        let session = try PTYSession(executable: gyre, environment: [
            "HOME": home, "GYRE_HISTORY": history, "LANG": "C.UTF-8", "TERM": "xterm",
        ])
        let prompt = "gyre> ", more = "  ...> "
        func enter(_ line: String) { session.send(line + "\r") }

        try session.expectPrompt(prompt, timeout: startupTimeout)

        // A value is printed.
        enter("x = 5")
        try session.expectPrompt(prompt, timeout: stepTimeout)
        enter("1 + 2")
        try session.expect("1 + 2\r\n3\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)

        // A multi-line function definition (continuation prompts), then a call.
        enter("fn f(x) {")
        try session.expectPrompt(more, timeout: stepTimeout)
        enter("  x * 2")
        try session.expectPrompt(more, timeout: stepTimeout)
        enter("}")
        try session.expectPrompt(prompt, timeout: stepTimeout)
        enter("f(21)")
        try session.expect("f(21)\r\n42\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)

        // Redefine f on one line, then recall the block with the up arrow and run it again:
        // only if the whole block came back and ran is f doubling again.
        enter("fn f(x) -> x + 100")
        try session.expectPrompt(prompt, timeout: stepTimeout)
        enter("f(1)")
        try session.expect("f(1)\r\n101\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)
        let up = "\u{1B}[A"
        session.send(up)                        // f(1)
        try session.expect("(1)", timeout: stepTimeout)
        session.send(up)                        // fn f(x) -> x + 100 (redrawn after a common prefix)
        try session.expect("x + 100", timeout: stepTimeout)
        session.send(up)                        // f(21)
        try session.expect("(21)", timeout: stepTimeout)
        session.send(up)                        // the three-line block, as one entry
        try session.expect("{\r\n  x * 2\r\n}", timeout: stepTimeout)
        session.send("\r")
        try session.expectPrompt(prompt, timeout: stepTimeout)
        enter("f(1)")
        try session.expect("f(1)\r\n2\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)

        // Tab completion of a builtin: `lins` → `linspace`.
        session.send("lins\t")
        try session.expect("pace", timeout: stepTimeout)
        enter("(0, 1, 5)")
        try session.expect("[   0, 0.25,  0.5, 0.75,    1]  (shape [5])", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)

        // An error shows the line and a caret under the mistake; the next command works.
        enter("y = 1 +* 2")
        let error = try session.expect("error: unexpected token '*'", timeout: stepTimeout)
        XCTAssert(error.contains("<stdin>:1:8: "), error)
        try session.expect("y = 1 +* 2\r\n       ^\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)
        enter("x + 1")
        try session.expect("x + 1\r\n6\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)

        // Ctrl-C interrupts a loop that never ends; the session and its variables survive.
        enter("s = 0; while true { s = s + 1 }")
        try session.expect("}\r\n", timeout: stepTimeout)
        try session.waitForCookedMode(timeout: stepTimeout)  // the loop is running: ^C is SIGINT now
        _ = session.settle(0.2)
        // A Ctrl-C landing in the instant between the editor returning and the
        // interpreter starting is discarded by design; press it once more if nothing
        // happened (two presses never reach the three that force a quit).
        session.send("\u{03}")
        do {
            try session.expect("interrupted", timeout: 8)
        } catch is PTYSession.Timeout {
            session.send("\u{03}")
            try session.expect("interrupted", timeout: stepTimeout)
        }
        try session.expectPrompt(prompt, timeout: stepTimeout)
        enter("x")
        try session.expect("x\r\n5\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)
        enter("s > 0")
        try session.expect("s > 0\r\ntrue\r\n", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)

        // :help shows a builtin's signature.
        enter(":help sum")
        try session.expect("sum(x, axis: none, keepdims: false)", timeout: stepTimeout)
        try session.expectPrompt(prompt, timeout: stepTimeout)

        // Ctrl-D at an empty prompt exits cleanly.
        session.send("\u{04}")
        XCTAssertEqual(try session.waitForExit(timeout: stepTimeout), 0, session.output)

        // History went to the temporary file, the block stored as one entry.
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        XCTAssert(saved.contains("fn\\040f(x)\\040{\\012\\040\\040x\\040*\\0402\\012}"), saved)
        print(String(format: "REPL terminal session: %.1f s", Date().timeIntervalSince(started)))
    }
}
