import Foundation
import GyreTensor
import GyreLang
import GyreREPL

/// The Gyre interpreter behind the REPL and notebook runner (`GyreKernel`).
public final class InterpreterKernel: GyreKernel {
    public let interpreter: Interpreter

    public init(registry: BuiltinRegistry = .standard()) {
        interpreter = Interpreter(registry: registry)
    }

    public func run(_ input: KernelInput, output: @escaping (String) -> Void) -> KernelResult {
        interpreter.output = output
        interpreter.extensions["label"] = input.label
        Interrupt.requested = false
        let r = interpreter.run(input.code, name: input.sourceName, lineOffset: input.firstLine - 1)
        var figures: [KernelFigure] = []
        var figureError: String? = nil
        // A figure drawn into several times in one run is shown once, in its final state.
        var seen = Set<ObjectIdentifier>()
        for h in interpreter.takeProduced() where seen.insert(ObjectIdentifier(h)).inserted {
            guard let fig = h as? FigureRendering else { continue }
            do { figures.append(KernelFigure(png: try fig.pngData(), name: fig.figureName)) } catch {
                figureError = "error: could not render a figure: \(error)"
            }
        }
        if r.interrupted { return KernelResult(figures: figures, error: r.errorText, interrupted: true) }
        return KernelResult(figures: figures, error: r.ok ? figureError : r.errorText)
    }

    public func isIncomplete(_ code: String) -> Bool { Parser.isIncomplete(code) }

    public func completions(before prefix: String) -> Completion {
        Completer(interpreter: interpreter).complete(prefix)
    }

    public func help(_ topic: String?) -> String {
        guard let t = topic?.trimmingCharacters(in: .whitespaces), !t.isEmpty else {
            return interpreter.registry.helpIndex()
        }
        if let text = interpreter.registry.helpText(t) { return text }
        if let v = interpreter.globals.lookup(t), case .function(let f) = v { return "\(f.signature)  (a user function)\n" }
        var msg = "no help for '\(t)'"
        if let s = Suggest.closest(to: t, in: interpreter.registry.order) { msg += "; did you mean '\(s)'?" }
        return msg + "\n"
    }

    public func variables() -> [(name: String, summary: String)] {
        interpreter.globals.values.keys.sorted().compactMap { name in
            guard let v = interpreter.globals.values[name] else { return nil }
            var s = interpreter.describe(v)
            if let nl = s.firstIndex(of: "\n") {
                s = String(s[..<nl]) + " …"
                if case .array(let a) = v { s = "array \(Shape.describe(a.shape))" }
            }
            return (name, s.count > 100 ? String(s.prefix(97)) + "…" : s)
        }
    }

    public func reset() { interpreter.reset() }

    public func interrupt() { Interrupt.requested = true }
}

/// A handle that can be rendered to PNG (figures), so notebook reports can embed it.
public protocol FigureRendering: AnyObject {
    var figureName: String? { get }
    func pngData() throws -> Data
}
