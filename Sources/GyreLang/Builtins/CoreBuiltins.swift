import Foundation
import GyreTensor
import GyreAutodiff

/// Printing, strings, lists and records, and session settings.
extension BuiltinRegistry {
    func registerCore() {
        family("core", "printing, strings, lists, records and the session")
        register(BuiltinSpec("print", family: "core", summary: "Writes its arguments separated by spaces, then a newline.",
                             example: "print(\"loss\", 0.25)", variadic: "values") { a, interp in
            interp.output(a.rest.map { interp.printed($0) }.joined(separator: " ") + "\n")
            return .none
        })
        register(BuiltinSpec("len", family: "core", summary: "Length of a list, string, record or range, or an array's first dimension.",
                             example: "len([1, 2, 3])", params: [Param("x", .any)]) { a, _ in
            switch a["x"] {
            case .list(let xs): return .number(Float(xs.count))
            case .string(let s): return .number(Float(s.count))
            case .record(let r): return .number(Float(r.count))
            case .range(let r): return .number(Float(r.count))
            case let v:
                guard let x = v.variable, x.rank > 0 else { throw a.fail("x", "a list, string, record or array with at least one dimension") }
                return .number(Float(x.shape[0]))
            }
        })
        register(BuiltinSpec("range", family: "core", summary: "The range start..stop (one argument: 0..n), for loops.",
                             example: "range(5)", params: [Param("start", .number), Param("stop", .optional(.number), default: Value.none),
                                                          Param("step", .number, default: .number(1))]) { a, _ in
            let s = try a.float("start"), step = try a.float("step")
            guard step != 0 else { throw RuntimeError("bad argument 'step' to 'range': the step cannot be zero", at: a.spanOf("step")) }
            guard let stop = try a.optionalFloat("stop") else { return .range(RangeValue(start: 0, end: s, step: step)) }
            return .range(RangeValue(start: s, end: stop, step: step))
        })
        register(BuiltinSpec("format", family: "core",
                             summary: "Python-style formatting: `{}` takes the next argument; `{:.3f}`, `{:8.2e}`, `{:d}`, `{:%}` specs.",
                             example: "format(\"loss {:.3f} at step {}\", 0.12345, 10)",
                             params: [Param("template", .string)], variadic: "values") { a, interp in
            .string(try Formatter.format(try a.string("template"), a.rest, interp: interp, span: a.span))
        })
        register(BuiltinSpec("str", family: "core", summary: "A value's text, as `print` would show it.", example: "str([1, 2])",
                             params: [Param("x", .any)]) { a, interp in .string(interp.printed(a["x"])) })
        register(BuiltinSpec("type", family: "core", summary: "The type of a value, as a string.", example: "type(1)",
                             params: [Param("x", .any)]) { a, _ in
            switch a["x"] {
            case .number: return .string("number")
            case .array(let v): return .string(v.rank == 0 ? "number" : "array")
            case .mask: return .string("mask")
            case .bool: return .string("bool")
            case .string: return .string("string")
            case .none: return .string("none")
            case .list: return .string("list")
            case .record: return .string("record")
            case .range: return .string("range")
            case .function: return .string("function")
            case .handle(let h): return .string(h.typeName)
            }
        })
        register(BuiltinSpec("float", family: "core", summary: "A one-element array (or a numeric string) as a plain number.",
                             example: "float(\"2.5\")", params: [Param("x", .any)]) { a, _ in
            if case .string(let s) = a["x"] {
                guard let f = Float(s.trimmingCharacters(in: .whitespaces)) else { throw a.fail("x", "a number or numeric string") }
                return .number(f)
            }
            return .number(try a.float("x"))
        })
        register(BuiltinSpec("int", family: "core", summary: "A number truncated toward zero.", example: "int(2.7)",
                             params: [Param("x", .number)]) { a, _ in .number(try a.float("x").rounded(.towardZero)) })
        register(BuiltinSpec("tolist", family: "core", summary: "An array's elements as a (nested) list of numbers.",
                             example: "tolist(eye(2))", params: [Param("x", .array)]) { a, _ in
            func rows(_ v: Variable) throws -> Value {
                if v.rank == 0 { return .number(v.value[flat: 0]) }
                return .list(try (0..<v.shape[0]).map { try rows(v.index([.index($0)])) })
            }
            return try rows(Variable(try a.tensor("x")))
        })
        register(BuiltinSpec("append", family: "core", summary: "A new list with `item` added at the end (lists are values).",
                             example: "append([1, \"a\"], 4)", params: [Param("list", .list), Param("item", .any)]) { a, _ in
            .list(try a.list("list") + [a["item"]])
        })
        register(BuiltinSpec("keys", family: "core", summary: "A record's field names, in order.", example: "keys({a: 1, b: 2})",
                             params: [Param("record", .record)]) { a, _ in .list(try a.record("record").keys.map { .string($0) }) })
        register(BuiltinSpec("has", family: "core", summary: "Whether a record has a field.", example: "has({a: 1}, \"a\")",
                             params: [Param("record", .record), Param("field", .string)]) { a, _ in
            .bool(try a.record("record")[try a.string("field")] != nil)
        })
        register(BuiltinSpec("map", family: "core", summary: "f applied to each element of a list, range, or each row of an array.",
                             example: "map(fn(x) -> x ^ 2, [1, 2, 3])", params: [Param("f", .function), Param("items", .list)]) { a, interp in
            let f = try a.function("f")
            let items = try a.list("items")
            return .list(try items.map { try interp.call(f, CallArguments(positional: [$0], span: a.span)) })
        })
        register(BuiltinSpec("assert", family: "core", summary: "Raises an error with `message` unless `condition` holds.",
                             example: "assert(1 < 2, \"order\")", params: [Param("condition", .any), Param("message", .string, default: .string("assertion failed"))]) { a, interp in
            guard try interp.truth(a["condition"], at: a.spanOf("condition")) else {
                throw RuntimeError(try a.string("message"), at: a.span)
            }
            return .none
        })
        register(BuiltinSpec("error", family: "core", summary: "Raises an error with `message`.", example: "error(\"bad input\")",
                             params: [Param("message", .string)]) { a, _ in throw RuntimeError(try a.string("message"), at: a.span) })
        register(BuiltinSpec("set_print", family: "core", summary: "How arrays print: elements beyond `threshold` are summarised with `edge` items per end (threshold: inf prints everything).",
                             example: "set_print(threshold: 10000)",
                             params: [Param("threshold", .number, default: .number(1000)), Param("edge", .integer, default: .number(3))]) { a, interp in
            let t = try a.float("threshold")
            interp.formatter.threshold = t.isInfinite ? Int.max : Swift.max(0, Int(t))
            interp.formatter.edge = Swift.max(1, try a.int("edge"))
            return .none
        })
        register(BuiltinSpec("clock", family: "core", summary: "Seconds since an arbitrary start (for timing).", example: "t0 = clock()") { _, _ in
            .number(Float(ProcessInfo.processInfo.systemUptime.truncatingRemainder(dividingBy: 1e6)))
        })
        register(BuiltinSpec("set_threads", family: "core", summary: "Sets how many threads OpenBLAS uses for matrix products (default: all cores); returns the previous count.",
                             example: "set_threads(2)", params: [Param("n", .integer)]) { a, _ in
            let n = try a.int("n")
            guard n >= 1 && n <= 256 else { throw RuntimeError("bad argument 'n' to 'set_threads': must be between 1 and 256", at: a.spanOf("n")) }
            let previous = BLAS.threads
            BLAS.setThreads(n)
            return .number(Float(previous))
        })
        register(BuiltinSpec("check_finite", family: "core", summary: "Turns the NaN/Inf guard on or off: when on, the first op producing a NaN or infinity (forward or backward) raises an error naming it.",
                             example: "check_finite(true); check_finite(false)", params: [Param("on", .bool)]) { a, _ in
            GradMode.checkFinite = try a.bool("on")
            return .none
        })
    }
}
