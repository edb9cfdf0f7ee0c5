import GyreTensor

extension Interpreter {
    /// Calls a function: binds arguments (positional, then named, then defaults evaluated
    /// in the new scope), runs the body, and adds a trace frame to errors passing through.
    public func call(_ fn: Function, _ args: CallArguments) throws -> Value {
        switch fn.body {
        case .native(let impl):
            do { return try impl(args, self) } catch let e as ControlFlow { throw e } catch {
                throw runtimeError(error, span: args.span)
            }
        case .user(let lit, let closure, let file):
            let env = Environment(parent: closure)
            try bind(lit, fn.name, args, env, file: file)
            callDepth += 1
            defer { callDepth -= 1 }
            guard callDepth <= maxCallDepth else {
                throw RuntimeError("call depth limit (\(maxCallDepth)) exceeded in '\(fn.name)': runaway recursion?", at: args.span)
            }
            try Interrupt.check()
            let savedFile = currentFile
            currentFile = file
            defer { currentFile = savedFile }
            do {
                return try eval(lit.body, env)
            } catch ControlFlow.returnValue(let v) {
                return v
            } catch let flow as ControlFlow {
                throw flow
            } catch {
                var r = runtimeError(error, span: nil)
                if r.file == nil { r.file = file }
                r.frames.append((name: fn.name, span: args.span, file: savedFile))
                throw r
            }
        }
    }

    private func bind(_ lit: FunctionLiteral, _ name: String, _ args: CallArguments, _ env: Environment, file: SourceFile) throws {
        let params = lit.parameters
        guard args.positional.count <= params.count else {
            throw RuntimeError("'\(name)' takes \(params.count) argument\(params.count == 1 ? "" : "s") but \(args.positional.count) were given", at: args.span)
        }
        var bound = [Value?](repeating: nil, count: params.count)
        for (i, v) in args.positional.enumerated() { bound[i] = v }
        for (k, (label, v)) in args.named.enumerated() {
            guard let i = params.firstIndex(where: { $0.name.name == label }) else {
                var msg = "'\(name)' has no parameter named '\(label)'"
                if let s = Suggest.closest(to: label, in: params.map(\.name.name)) { msg += "; did you mean '\(s)'?" }
                throw RuntimeError(msg, at: k < args.namedSpans.count ? args.namedSpans[k] : args.span)
            }
            guard bound[i] == nil else {
                throw RuntimeError("'\(name)' got two values for parameter '\(label)'", at: args.span)
            }
            bound[i] = v
        }
        for (i, p) in params.enumerated() {
            if let v = bound[i] { env.define(p.name.symbol, v); continue }
            guard let d = p.defaultValue else {
                throw RuntimeError("missing argument '\(p.name.name)' in call to '\(name)'", at: args.span)
            }
            let saved = currentFile
            currentFile = file
            defer { currentFile = saved }
            do { env.define(p.name.symbol, try eval(d, env)) } catch {
                var r = runtimeError(error, span: d.span)
                if r.file == nil { r.file = file }
                throw r
            }
        }
    }
}
