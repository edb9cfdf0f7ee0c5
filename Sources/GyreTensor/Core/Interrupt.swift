/// The user's request to stop a long computation (Ctrl-C at the REPL).
///
/// The SIGINT handler only sets `requested` (async-signal-safe); loops and long
/// library work poll `check()` at op or step boundaries.
public enum Interrupt {
    nonisolated(unsafe) public static var requested = false

    public struct Interrupted: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "interrupted" }
    }

    /// Throws `Interrupted` (and clears the request) if the user asked to stop.
    @inline(__always)
    public static func check() throws {
        if requested {
            requested = false
            throw Interrupted()
        }
    }
}
