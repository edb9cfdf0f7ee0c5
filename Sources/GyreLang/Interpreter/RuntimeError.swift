import GyreTensor

/// An error raised while running Gyre code: a message, where it happened, and the
/// user-function frames it passed through. Rendered (with caret) by `DiagnosticRenderer`.
public struct RuntimeError: Error, CustomStringConvertible {
    public var message: String
    public var span: SourceSpan?
    public var file: SourceFile?
    /// Innermost first: (function name, call span, file).
    public var frames: [(name: String, span: SourceSpan, file: SourceFile)] = []
    /// The error is the user's Ctrl-C, not a fault.
    public var isInterrupt = false

    public init(_ message: String, at span: SourceSpan? = nil, file: SourceFile? = nil) {
        self.message = message
        self.span = span
        self.file = file
    }

    public var description: String { message }

    /// The error as a diagnostic with one note per user frame.
    public func diagnostic(defaultFile: SourceFile) -> Diagnostic {
        let f = file ?? defaultFile
        let notes = frames.map { fr in
            Diagnostic(.note, "in \(fr.name)(…) called here", file: fr.file, span: fr.span)
        }
        return Diagnostic(.error, message, file: f, span: span ?? .at(0), notes: notes)
    }

    // MARK: - Factories (every runtime wording lives here)

    static func unknownName(_ name: String, candidates: [String], at span: SourceSpan) -> RuntimeError {
        var msg = "unknown name '\(name)'"
        if let s = Suggest.closest(to: name, in: candidates) { msg += "; did you mean '\(s)'?" }
        return RuntimeError(msg, at: span)
    }

    static func type(_ what: String, expected: String, got: Value, at span: SourceSpan?) -> RuntimeError {
        RuntimeError("\(what): expected \(expected), got \(got.typeName)", at: span)
    }

    static func badOperands(_ op: String, _ a: Value, _ b: Value, at span: SourceSpan) -> RuntimeError {
        RuntimeError("cannot apply '\(op)' to \(a.typeName) and \(b.typeName)", at: span)
    }

    static func from(_ error: Error, at span: SourceSpan?) -> RuntimeError {
        if var r = error as? RuntimeError {
            if r.span == nil { r.span = span }
            return r
        }
        if let t = error as? TensorError {
            // "index 5 is out of range…" already names the op; don't print "index: index 5…".
            let text = t.message.hasPrefix(t.op + " ") ? t.message : "\(t.op): \(t.message)"
            return RuntimeError(text, at: span)
        }
        return RuntimeError("\(error)", at: span)
    }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    public static func closest(to name: String, in candidates: [String]) -> String? {
        guard name.count >= 3 else { return nil }
        let limit = Swift.max(1, name.count / 3)
        var best: (String, Int)? = nil
        for c in Set(candidates) where c != name {
            let d = distance(name, c)
            guard d <= limit else { continue }
            if let b = best, d > b.1 || (d == b.1 && c >= b.0) { continue }
            best = (c, d)
        }
        return best?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = prev
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}

/// Non-local exits, carried as errors through the evaluator.
enum ControlFlow: Error {
    case breakLoop
    case continueLoop
    case returnValue(Value)
}
