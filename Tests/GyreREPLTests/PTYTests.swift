import Foundation
import GyreTerminalTesting
import Testing

/// The scratch package's `replprobe` (`gyreMain` over a toy kernel), if built next to
/// these tests; the REPL terminal test is skipped without it. With the interpreter in
/// place, the same steps can drive `.build/debug/gyre`.
let replBinary: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let probe = root.appendingPathComponent(".build/debug/replprobe").path
    return FileManager.default.isExecutableFile(atPath: probe) ? probe : nil
}()

@Suite struct PTYTests {
    @Test func driverTalksToATerminalProgram() throws {
        let session = try PTYSession(executable: "/bin/sh", arguments: ["-c", "test -t 0 && test -t 1 && echo tty-ok; read x; echo got:$x"])
        try session.expect("tty-ok")
        session.send("hello\r")
        try session.expect("got:hello")
        #expect(try session.waitForExit() == 0)
    }

    @Test func driverReportsTimeouts() throws {
        let session = try PTYSession(executable: "/bin/sh", arguments: ["-c", "sleep 5"])
        #expect(throws: PTYSession.Timeout.self) { try session.expect("never", timeout: 0.3) }
    }

    /// The REPL over the toy kernel of the scratch package's `replprobe` (echoes `= code`,
    /// `spin` loops until interrupted, completes spirograph/spiro_draw/sum/sqrt).
    @Test(.enabled(if: replBinary != nil))
    func replOnATerminal() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let history = directory + "/history"
        let session = try PTYSession(executable: replBinary!, environment: ["GYRE_HISTORY": history])
        try session.expectPrompt("gyre> ")
        session.send("x = 1\r")
        try session.expect("= x = 1")
        try session.expectPrompt("gyre> ")
        // A multi-line entry, then recalled whole with the up arrow.
        session.send("fn f {\r")
        try session.expectPrompt("  ...> ")
        session.send(" a\r")
        try session.expectPrompt("  ...> ")
        session.send("}\r")
        try session.expect("= fn f {⏎ a⏎}")
        try session.expectPrompt("gyre> ")
        session.send("\u{1B}[A")
        try session.expect("fn f {\r\n a\r\n}")
        session.send("\r")
        try session.expect("= fn f {⏎ a⏎}")
        try session.expectPrompt("gyre> ")
        // Tab completion of a unique prefix.
        session.send("sq\t")
        try session.expect("rt")
        session.send("\r")
        try session.expect("= sqrt")
        // Ctrl-C at the prompt clears the line; the session goes on.
        try session.expectPrompt("gyre> ")
        session.send("abc")
        try session.expect("abc")
        session.send("\u{03}")
        try session.expectPrompt("gyre> ")
        session.send("y = 2\r")
        #expect(try session.expect("= y = 2").hasSuffix("\r\n= y = 2"))  // "abc" was discarded
        // Ctrl-C interrupts a long computation and returns to the prompt with variables intact.
        try session.expectPrompt("gyre> ")
        session.send("spin\r")
        try session.expect("spin\r\n")
        _ = session.settle(0.2)
        session.send("\u{03}")
        try session.expect("interrupted after")
        try session.expectPrompt("gyre> ")
        session.send(":vars\r")
        try session.expect("x  1")
        try session.expect("y  2")
        try session.expectPrompt("gyre> ")
        session.send("\u{04}")
        #expect(try session.waitForExit() == 0)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("fn\\040f\\040{\\012\\040a\\012}"))
    }
}
