import Foundation
import Synchronization

// Ctrl-C is process-wide, so its state is too: the SIGINT handler may only touch
// async-signal-safe things, hence an atomic counter and a self-pipe, both set up
// before the handler is installed.
private let pendingInterrupts = Atomic<Int>(0)
private let forceQuitArmed = Atomic<Bool>(false)
nonisolated(unsafe) private var wakeupPipeWriteEnd: Int32 = -1

private let sigintHandler: @convention(c) (Int32) -> Void = { _ in
    let count = pendingInterrupts.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
    if count >= 3 && forceQuitArmed.load(ordering: .relaxed) {
        let message = "\ngyre: interrupted three times, quitting\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        _exit(130)
    }
    var byte: UInt8 = 1
    _ = write(wakeupPipeWriteEnd, &byte, 1)
}

/// Ctrl-C handling: a SIGINT handler that only counts and wakes a helper thread; the
/// helper calls `interrupt()` on the kernel that is running, if any.
///
/// At the prompt, libedit's `readline` returns `NULL` both on Ctrl-C and on Ctrl-D;
/// `takePending()` tells them apart. While a kernel runs, three Ctrl-C presses without
/// the kernel returning quit the process (exit status 130), for work stuck in a C call.
public enum InterruptSignal {
    private static let lock = NSLock()
    nonisolated(unsafe) private static weak var target: GyreKernel?
    nonisolated(unsafe) private static var installed = false

    /// Installs the SIGINT handler (without `SA_RESTART`, so a blocking `read` returns
    /// `EINTR` and `readline` gives up). Idempotent.
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)  // a full pipe must never block the handler
        wakeupPipeWriteEnd = fds[1]
        _ = pendingInterrupts.load(ordering: .relaxed)  // initialise the globals outside the handler
        _ = forceQuitArmed.load(ordering: .relaxed)
        let readEnd = fds[0]
        let watcher = Thread { forwardInterrupts(from: readEnd) }
        watcher.name = "gyre-sigint"
        watcher.start()

        var action = sigaction()
        action.__sigaction_handler.sa_handler = sigintHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var unblock = sigset_t()  // a parent (a test runner, a job control shell) may have blocked it
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Runs `body` with `kernel` as the target of Ctrl-C.
    public static func whileRunning<T>(_ kernel: GyreKernel, _ body: () -> T) -> T {
        clear()
        setTarget(kernel)
        forceQuitArmed.store(true, ordering: .relaxed)
        defer {
            forceQuitArmed.store(false, ordering: .relaxed)
            setTarget(nil)
        }
        return body()
    }

    /// True if Ctrl-C was pressed since the last call (or `clear()`); resets the count.
    public static func takePending() -> Bool {
        pendingInterrupts.exchange(0, ordering: .sequentiallyConsistent) > 0
    }

    /// Forgets earlier Ctrl-C presses (call before reading a new line).
    public static func clear() {
        pendingInterrupts.store(0, ordering: .sequentiallyConsistent)
    }

    /// Simulates Ctrl-C without a signal (tests, and a host that catches signals itself).
    public static func request() {
        pendingInterrupts.wrappingAdd(1, ordering: .sequentiallyConsistent)
        lock.lock()
        let kernel = target
        lock.unlock()
        kernel?.interrupt()
    }

    private static func setTarget(_ kernel: GyreKernel?) {
        lock.lock()
        target = kernel
        lock.unlock()
    }

    private static func forwardInterrupts(from readEnd: Int32) {
        var byte: UInt8 = 0
        while true {
            let n = read(readEnd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            lock.lock()
            let kernel = target
            lock.unlock()
            kernel?.interrupt()
        }
    }
}
