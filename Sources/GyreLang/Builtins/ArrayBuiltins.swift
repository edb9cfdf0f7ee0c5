import GyreTensor
import GyreAutodiff

/// Array creation and shape manipulation.
extension BuiltinRegistry {
    func registerArrays() {
        family("arrays", "creating arrays and changing their shape")
        let x = Param("x", .array, "the input array")
        register(BuiltinSpec("array", family: "arrays", summary: "An array from a number, list or nested list.",
                             example: "array([[1, 2], [3, 4]])", params: [Param("values", .array)]) { a, _ in
            .wrap(try a.array("values"))
        })
        register(BuiltinSpec("zeros", family: "arrays", summary: "An array of zeros.", example: "zeros([2, 3])",
                             params: [Param("shape", .shape)]) { a, _ in .wrap(Tensor.zeros(try shape(a))) })
        register(BuiltinSpec("ones", family: "arrays", summary: "An array of ones.", example: "ones([2, 3])",
                             params: [Param("shape", .shape)]) { a, _ in .wrap(Tensor.ones(try shape(a))) })
        register(BuiltinSpec("full", family: "arrays", summary: "An array filled with one value.", example: "full([2, 2], 7)",
                             params: [Param("shape", .shape), Param("value", .number)]) { a, _ in
            .wrap(Tensor.full(try shape(a), try a.float("value")))
        })
        register(BuiltinSpec("arange", family: "arrays", summary: "Evenly spaced values in [start, stop) (one argument: [0, n)).",
                             example: "arange(0, 1, 0.25)",
                             params: [Param("start", .number), Param("stop", .optional(.number), default: Value.none), Param("step", .number, default: .number(1))]) { a, _ in
            let s = try a.float("start")
            guard let stop = try a.optionalFloat("stop") else { return .wrap(try Tensor.arange(0, s, step: try a.float("step"))) }
            return .wrap(try Tensor.arange(s, stop, step: try a.float("step")))
        })
        register(BuiltinSpec("linspace", family: "arrays", summary: "`count` evenly spaced values from start to stop inclusive.",
                             example: "linspace(0, 1, 5)",
                             params: [Param("start", .number), Param("stop", .number), Param("count", .integer, default: .number(50))]) { a, _ in
            .wrap(try Tensor.linspace(try a.float("start"), try a.float("stop"), count: try a.int("count")))
        })
        register(BuiltinSpec("eye", family: "arrays", summary: "The n×n identity matrix.", example: "eye(3)",
                             params: [Param("n", .integer)]) { a, _ in .wrap(try Tensor.eye(try a.int("n"))) })
        register(BuiltinSpec("shape", family: "arrays", summary: "The shape of an array, as a list.", example: "shape(zeros([2, 3]))",
                             params: [x]) { a, _ in .list(try a.array("x").shape.map { .number(Float($0)) }) })
        register(BuiltinSpec("size", family: "arrays", summary: "The number of elements of an array.", example: "size(zeros([2, 3]))",
                             params: [x]) { a, _ in .number(Float(try a.array("x").count)) })
        register(BuiltinSpec("reshape", family: "arrays", summary: "The same elements in a new shape (one dimension may be -1).",
                             example: "reshape(arange(6), [2, -1])", params: [x, Param("shape", .shape)]) { a, _ in
            let v = try a.array("x")
            let target = try v.value.reshaped(try a.ints("shape") ?? []).shape
            return .wrap(try v.reshape(target))
        })
        register(BuiltinSpec("flatten", family: "arrays", summary: "The elements as a 1-d array.", example: "flatten(eye(2))",
                             params: [x]) { a, _ in let v = try a.array("x"); return .wrap(try v.reshape([v.count])) })
        register(BuiltinSpec("transpose", family: "arrays", summary: "Axes reversed, or permuted by `axes`.",
                             example: "transpose(zeros([2, 3]))", params: [x, Param("axes", .optional(.axes), default: Value.none)]) { a, _ in
            let v = try a.array("x")
            guard let axes = try a.ints("axes") else { return .wrap(try v.transpose()) }
            return .wrap(try v.permute(axes))
        })
        register(BuiltinSpec("swapaxes", family: "arrays", summary: "Two axes exchanged.", example: "swapaxes(zeros([2, 3, 4]), 0, 2)",
                             params: [x, Param("a", .integer), Param("b", .integer)]) { a, _ in
            .wrap(try a.array("x").transpose(try a.int("a"), try a.int("b")))
        })
        register(BuiltinSpec("squeeze", family: "arrays", summary: "Size-1 axes removed (all, or those in `axis`).",
                             example: "squeeze(zeros([1, 3, 1]))", params: [x, Param("axis", .optional(.axes), default: Value.none)]) { a, _ in
            .wrap(try a.array("x").squeeze(axes: try a.ints("axis")))
        })
        register(BuiltinSpec("unsqueeze", family: "arrays", summary: "A size-1 axis inserted at `axis`.",
                             example: "unsqueeze(arange(3), 0)", params: [x, Param("axis", .integer)]) { a, _ in
            .wrap(try a.array("x").unsqueeze(try a.int("axis")))
        })
        register(BuiltinSpec("broadcast_to", family: "arrays", summary: "The array broadcast to `shape` (NumPy rules).",
                             example: "broadcast_to([1, 2], [3, 2])", params: [x, Param("shape", .shape)]) { a, _ in
            .wrap(try a.array("x").expand(try shape(a)))
        })
        register(BuiltinSpec("concat", family: "arrays", summary: "Arrays joined along an existing axis.",
                             example: "concat([ones([1, 2]), zeros([2, 2])], axis: 0)",
                             params: [Param("arrays", .list), Param("axis", .integer, default: .number(0))]) { a, _ in
            .wrap(try Variable.concat(try arrays(a, "arrays"), axis: try a.int("axis")))
        })
        register(BuiltinSpec("stack", family: "arrays", summary: "Arrays of one shape joined along a new axis.",
                             example: "stack([arange(3), arange(3)], axis: 1)",
                             params: [Param("arrays", .list), Param("axis", .integer, default: .number(0))]) { a, _ in
            .wrap(try Variable.stack(try arrays(a, "arrays"), axis: try a.int("axis")))
        })
        register(BuiltinSpec("pad", family: "arrays", summary: "Constant padding; `widths` is [[before, after], …] per leading axis.",
                             example: "pad(ones([2, 2]), [[1, 1], [0, 2]])",
                             params: [x, Param("widths", .list), Param("value", .number, default: .number(0))]) { a, _ in
            let widths = try a.list("widths").map { w -> (Int, Int) in
                var nums: [Float] = []
                if case .list(let pair) = w { nums = pair.compactMap { $0.variable?.value.scalarValue } }
                else if let v = w.variable { nums = v.value.array }
                guard nums.count == 2, nums.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }) else {
                    throw RuntimeError("bad argument 'widths' to 'pad': expected a list of [before, after] pairs of non-negative integers", at: a.spanOf("widths"))
                }
                return (Int(nums[0]), Int(nums[1]))
            }
            return .wrap(try a.array("x").pad(widths, value: try a.float("value")))
        })
        register(BuiltinSpec("where", family: "arrays", summary: "Elements of `a` where `condition` holds, else of `b`.",
                             example: "where(arange(4) > 1, 1, -1)",
                             params: [Param("condition", .array), Param("a", .array), Param("b", .array)]) { a, _ in
            .wrap(try Variable.where(try a.tensor("condition"), try a.array("a"), try a.array("b")))
        })
        register(BuiltinSpec("flip", family: "arrays", summary: "Elements reversed along `axis`.", example: "flip(arange(4), 0)",
                             params: [x, Param("axis", .integer, default: .number(0))]) { a, _ in
            let v = try a.array("x")
            let ax = try Shape.axis(try a.int("axis"), rank: v.rank, op: "flip")
            var items = [TensorIndex](repeating: .all, count: v.rank)
            items[ax] = .slice(start: nil, stop: nil, step: -1)
            return .wrap(try v.index(items))
        })
    }
}

/// A shape argument (list of non-negative integers) named "shape".
func shape(_ a: Arguments, _ name: String = "shape") throws -> [Int] {
    let s = try a.ints(name) ?? []
    guard s.allSatisfy({ $0 >= 0 }) else {
        throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': dimensions must be non-negative, got \(Shape.describe(s))", at: a.spanOf(name))
    }
    return s
}

/// A list-of-arrays argument.
func arrays(_ a: Arguments, _ name: String) throws -> [Variable] {
    let xs = try a.list(name)
    guard !xs.isEmpty else { throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': the list is empty", at: a.spanOf(name)) }
    return try xs.enumerated().map { i, v in
        guard let x = v.variable else {
            throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': element \(i) is \(v.typeName), not an array", at: a.spanOf(name))
        }
        return x
    }
}
