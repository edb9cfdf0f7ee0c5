import GyreTensor

// Temporary entry point until the language and REPL land: version + a tensor demo.
print("gyre 0.1.0")
do {
    var rng = RandomStream(seed: 0)
    let a = rng.normal([3, 4])
    let b = try Tensor.matmul(a, a, transposeB: true)
    print("A = randn([3, 4], seed: 0) =\n\(a)")
    print("A @ transpose(A) =\n\(b)")
    print("sum(A^2, axis: 1) = \(try a.square().sum(axes: [1]))")
} catch {
    print("error: \(error)")
}
