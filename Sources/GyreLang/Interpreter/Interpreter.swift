import Foundation
import GyreTensor
import GyreAutodiff

/// A Gyre session: global variables, the builtins, the session RNG, and the evaluator.
///
///     let gyre = Interpreter(registry: .standard)
///     let result = gyre.run("x = [1, 2, 3]\nsum(x ^ 2)", name: "<repl>")
///     // result.ok == true; "14" was written to `gyre.output`
public final class Interpreter {
    public let registry: BuiltinRegistry
    /// Builtins live in a scope above the globals, so a user may shadow them.
    public let builtins: Environment
    public private(set) var globals: Environment
    /// Where `print` and displayed values go.
    public var output: (String) -> Void = { print($0, terminator: "") }
    /// The session's random stream (`seed(n)` resets it; builtins take `seed:` to use their own).
    public var rng = RandomStream(seed: 0)
    /// How arrays print (`set_print(threshold: …)`).
    public var formatter = TensorFormatter()
    /// Handles (figures) produced since the last `takeProduced()`; notebooks embed them.
    public private(set) var produced: [Handle] = []
    /// Per-session storage for builtin families (e.g. default figure settings).
    public var extensions: [String: Any] = [:]

    /// User-function nesting limit (runaway recursion is an error, not a crash).
    public var maxCallDepth = 400
    var callDepth = 0
    var currentFile: SourceFile

    public init(registry: BuiltinRegistry) {
        self.registry = registry
        builtins = Environment(parent: nil)
        globals = Environment(parent: builtins, isGlobal: true)
        currentFile = SourceFile(name: "<input>", text: "")
        installBuiltins()
    }

    private func installBuiltins() {
        for spec in registry.all {
            builtins.define(spec.name, .function(registry.function(for: spec)))
        }
        builtins.define("newaxis", .none)
        builtins.define("pi", .number(Float.pi))
        builtins.define("e", .number(Float(M_E)))
        builtins.define("inf", .number(.infinity))
        builtins.define("nan", .number(.nan))
    }

    /// Forgets every user variable (builtins stay).
    public func reset() {
        globals = Environment(parent: builtins, isGlobal: true)
        rng = RandomStream(seed: 0)
        produced.removeAll()
    }

    /// Records a produced handle (a figure) for the notebook runner.
    public func emit(_ handle: Handle) { produced.append(handle) }

    public func takeProduced() -> [Handle] {
        defer { produced.removeAll() }
        return produced
    }

    /// The outcome of running one piece of source.
    public struct RunResult {
        public var ok: Bool
        /// Rendered diagnostics (parse or runtime errors), empty when ok.
        public var errorText: String
        /// The value of the last top-level expression statement, if any.
        public var lastValue: Value?
        /// The run stopped because the user interrupted it (Ctrl-C).
        public var interrupted = false
    }

    /// Parses and runs `text`, displaying the value of each top-level expression
    /// statement not followed by `;`. Errors never end the session or lose variables.
    @discardableResult
    public func run(_ text: String, name: String = "<input>", lineOffset: Int = 0, display: Bool = true) -> RunResult {
        let file = SourceFile(name: name, text: text, lineOffset: lineOffset)
        let (program, diagnostics) = Parser.parse(source: file)
        let renderer = DiagnosticRenderer()
        if !diagnostics.isEmpty {
            return RunResult(ok: false, errorText: renderer.render(diagnostics), lastValue: nil)
        }
        currentFile = file
        callDepth = 0
        var last: Value? = nil
        do {
            for stmt in program.statements {
                let v = try execTopLevel(stmt, file: file)
                if case .expression = stmt.kind {
                    last = v
                    if display && !stmt.isSilenced, let v { show(v) }
                }
            }
            return RunResult(ok: true, errorText: "", lastValue: last)
        } catch {
            let r = runtimeError(error, span: nil)
            var result = RunResult(ok: false, errorText: renderer.render(r.diagnostic(defaultFile: file)), lastValue: last)
            result.interrupted = r.isInterrupt
            return result
        }
    }

    /// Writes a value's display form (nothing for `none`).
    public func show(_ v: Value) {
        if case .none = v { return }
        output(describe(v) + "\n")
    }

    private func execTopLevel(_ stmt: Stmt, file: SourceFile) throws -> Value? {
        do {
            return try exec(stmt, globals)
        } catch let flow as ControlFlow {
            switch flow {
            case .returnValue: throw RuntimeError("'return' outside a function", at: stmt.span)
            case .breakLoop, .continueLoop: throw RuntimeError("'break' or 'continue' outside a loop", at: stmt.span)
            }
        }
    }

    /// Converts any thrown error into a RuntimeError with a span.
    func runtimeError(_ error: Error, span: SourceSpan?) -> RuntimeError {
        if error is Interrupt.Interrupted {
            var r = RuntimeError("interrupted (Ctrl-C) here; variables are kept", at: span)
            r.isInterrupt = true
            return r
        }
        if let n = error as? NonFiniteError { return RuntimeError(n.description, at: span) }
        return RuntimeError.from(error, at: span)
    }

    /// Calls a function value with arguments (used by builtins such as `grad` and `map`).
    public func call(_ f: Value, _ args: CallArguments) throws -> Value {
        guard case .function(let fn) = f else {
            throw RuntimeError.type("call", expected: "a function", got: f, at: args.span)
        }
        return try call(fn, args)
    }

    /// All names visible at top level (builtins included), for completion.
    public var visibleNames: [String] { globals.visibleNames }
}
