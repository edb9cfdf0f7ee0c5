import Foundation

/// Runs a program on a pseudo-terminal (forkpty) so tests can type into it as a user
/// would and read what it draws. Output is kept as raw text including escape sequences.
///
/// ```swift
/// let session = try PTYSession(executable: gyrePath, environment: ["GYRE_HISTORY": path])
/// try session.expect("gyre> ")
/// session.send("1 + 2\r")
/// try session.expect("3")
/// session.send("\u{04}")              // Ctrl-D
/// #expect(try session.waitForExit() == 0)
/// ```
public final class PTYSession {
    public struct Timeout: Error, CustomStringConvertible {
        public let waitingFor: String
        public let output: String
        public let transcript: String
        public var description: String {
            "timed out waiting for \(waitingFor.debugDescription); unmatched output: \(output.debugDescription); "
                + "whole transcript: \(transcript.debugDescription)"
        }
    }

    public let pid: pid_t
    public let master: Int32
    /// Everything read so far.
    public private(set) var output = ""
    /// Where `expect` starts searching: just after the previous match.
    private var searchStart: String.Index
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments` on a new terminal of `columns`×`rows`.
    /// `environment` is added to a minimal one (`TERM=xterm`, `LANG=C.UTF-8`, `HOME`, `PATH`).
    public init(executable: String, arguments: [String] = [], environment: [String: String] = [:],
         columns: UInt16 = 100, rows: UInt16 = 30) throws {
        var env = ["TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                   "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]
        env.merge(environment) { $1 }
        // Everything the child needs is allocated before fork: after it, only exec.
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var masterFD: Int32 = -1
        let child = forkpty(&masterFD, nil, nil, &size)
        if child == 0 {
            // Start like a program launched from a shell: no signals blocked or ignored
            // (test runners often block SIGINT, and a blocked mask survives exec).
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            signal(SIGINT, SIG_DFL)
            signal(SIGQUIT, SIG_DFL)
            execve(executable, argv, envp)
            _exit(127)
        }
        guard child > 0 else { throw GyreTestError("forkpty failed: \(String(cString: strerror(errno)))") }
        pid = child
        master = masterFD
        searchStart = output.startIndex
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (use `\r` for Enter, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D, `\t` Tab,
    /// `\u{1B}[A` up arrow).
    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads whatever arrives within `timeout` seconds; false once the program closed the terminal.
    @discardableResult public func read(timeout: Double) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout) * 1000))
        guard ready > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = Glibc.read(master, &buffer, buffer.count)
        guard n > 0 else { return false }  // EIO on Linux when the child is gone
        let offset = output.distance(from: output.startIndex, to: searchStart)
        output += String(decoding: buffer[..<n], as: UTF8.self)
        searchStart = output.index(output.startIndex, offsetBy: offset)
        return true
    }

    /// Waits until `needle` appears after the previous match; returns the text up to
    /// and including it, and moves the search start past it.
    @discardableResult public func expect(_ needle: String, timeout: Double = 5) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = output[searchStart...].range(of: needle) {
                let text = String(output[searchStart..<range.upperBound])
                searchStart = range.upperBound
                return text
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, read(timeout: min(left, 0.2)) || output[searchStart...].contains(needle) else {
                throw Timeout(waitingFor: needle, output: String(output[searchStart...]), transcript: output)
            }
        }
    }

    /// Waits for `prompt`, then until the program has put the terminal in raw mode (a
    /// line editor waiting for keys). Keys sent earlier meet the cooked terminal: it
    /// echoes them itself, and Ctrl-C/Ctrl-D there race with the editor's setup.
    @discardableResult public func expectPrompt(_ prompt: String, timeout: Double = 5) throws -> String {
        let text = try expect(prompt, timeout: timeout)
        let deadline = Date().addingTimeInterval(timeout)
        var settings = termios()
        while tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) != 0 {
            guard deadline.timeIntervalSinceNow > 0 else { throw Timeout(waitingFor: "raw mode", output: "", transcript: output) }
            read(timeout: 0.01)
        }
        read(timeout: 0.02)  // let it reach read(2)
        return text
    }

    /// Reads for `seconds` and returns what arrived after the previous match (without moving on).
    @discardableResult public func settle(_ seconds: Double = 0.3) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0, read(timeout: deadline.timeIntervalSinceNow) {}
        return String(output[searchStart...])
    }

    /// Waits for the program to exit; its exit status (128+n after signal n).
    public func waitForExit(timeout: Double = 5) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            _ = read(timeout: 0.05)
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            guard deadline.timeIntervalSinceNow > 0 else { throw Timeout(waitingFor: "exit", output: output, transcript: output) }
        }
        let low = status & 0x7F
        let code = low == 0 ? (status >> 8) & 0xFF : 128 + low
        exitStatus = code
        return code
    }
}

public struct GyreTestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension PTYSession {
    /// Waits until the line editor has handed the terminal back (canonical mode): the
    /// entry was accepted and is running, so a Ctrl-C now reaches it as SIGINT rather
    /// than as a key for the editor.
    public func waitForCookedMode(timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var settings = termios()
        while tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0 {
            guard deadline.timeIntervalSinceNow > 0 else {
                throw Timeout(waitingFor: "cooked mode", output: "", transcript: output)
            }
            read(timeout: 0.01)
        }
    }
}
