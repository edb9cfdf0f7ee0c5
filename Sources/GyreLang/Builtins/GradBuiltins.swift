import GyreTensor
import GyreAutodiff

/// `grad`, `value_and_grad` and `stopgrad`: differentiation as ordinary functions.
extension BuiltinRegistry {
    func registerGrad() {
        family("autodiff", "derivatives as functions; they nest (grad of grad)")
        let argnums = Param("argnums", .axes, default: .number(0), "which positional argument(s) to differentiate")
        register(BuiltinSpec("grad", family: "autodiff",
                             summary: "The gradient function of a scalar-valued f with respect to argument(s) `argnums`.",
                             doc: "grad(f) returns a function taking the same arguments as f and returning ∂f/∂x for the first argument (a list of gradients when `argnums` is a list). It nests: grad(grad(f)) is the second derivative, and differentiating through an inner grad is exact (no perturbation confusion).",
                             example: "g = grad(fn(w) -> sum(tanh(w) ^ 2)); g([0.5, 1])",
                             params: [Param("f", .function), argnums]) { a, _ in
            let f = try a.function("f"), nums = try a.ints("argnums") ?? [0]
            let many = isList(a["argnums"])
            return .function(Function(name: "grad(\(f.name))", parameters: f.parameters.map { ($0.name, $0.hasDefault) }) { args, interp in
                let (_, grads) = try differentiate(f, args, argnums: nums, interp)
                return many ? .list(grads.map(Value.wrap)) : .wrap(grads[0])
            })
        })
        register(BuiltinSpec("value_and_grad", family: "autodiff", summary: "Like grad, but the function returns [value, gradient].",
                             example: "value_and_grad(fn(x) -> x ^ 3)(2)", params: [Param("f", .function), argnums]) { a, _ in
            let f = try a.function("f"), nums = try a.ints("argnums") ?? [0]
            let many = isList(a["argnums"])
            return .function(Function(name: "value_and_grad(\(f.name))", parameters: f.parameters.map { ($0.name, $0.hasDefault) }) { args, interp in
                let (value, grads) = try differentiate(f, args, argnums: nums, interp)
                return .list([.wrap(value), many ? .list(grads.map(Value.wrap)) : .wrap(grads[0])])
            })
        })
        register(BuiltinSpec("stopgrad", family: "autodiff", summary: "The same value with no gradient flowing through it.",
                             example: "grad(fn(x) -> x * stopgrad(x))(3)", params: [Param("x", .array)]) { a, _ in
            .wrap(try a.array("x").stopGradient)
        })
    }
}

/// Calls `f` with the arguments at `argnums` as fresh differentiation inputs.
func differentiate(_ f: Function, _ args: CallArguments, argnums: [Int], _ interp: Interpreter) throws -> (Variable, [Variable]) {
    var inputs: [Variable] = []
    for i in argnums {
        guard i >= 0 && i < args.positional.count else {
            throw RuntimeError("grad: argument \(i) to differentiate was not given (the call has \(args.positional.count) positional arguments)", at: args.span)
        }
        guard let v = args.positional[i].variable else {
            throw RuntimeError("grad: argument \(i) must be a number or array to differentiate, got \(args.positional[i].typeName)", at: args.positionalSpans[i])
        }
        inputs.append(v)
    }
    let (value, grads) = try Autodiff.valueAndGradient(of: { vars in
        var call = args
        for (k, i) in argnums.enumerated() { call.positional[i] = .array(vars[k]) }
        let out = try interp.call(f, call)
        guard let y = out.variable else {
            throw RuntimeError("grad: the function must return a number, got \(out.typeName)", at: args.span)
        }
        return y
    }, at: inputs, argnums: Array(inputs.indices))
    return (value, grads)
}

/// Whether an `argnums` argument was written as a list (`[0, 1]`, also a 1-d array).
private func isList(_ v: Value) -> Bool {
    switch v {
    case .list: return true
    case .array(let x): return x.rank == 1
    default: return false
    }
}
