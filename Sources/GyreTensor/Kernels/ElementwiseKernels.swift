import Foundation

/// Kernel types for the hot elementwise ops (see `UnaryKernel` in Map.swift for why
/// these are types and not closures).
enum Kernel {
    struct Add: BinaryKernel { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b } }
    struct Sub: BinaryKernel { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b } }
    struct Mul: BinaryKernel { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b } }
    struct Div: BinaryKernel { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b } }
    struct Minimum: BinaryKernel { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { Swift.min(a, b) } }
    /// The ReLU backward: the cotangent `g` where the input `x` is positive, else 0.
    struct ReluGrad: BinaryKernel { @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : 0 } }
    struct Maximum: BinaryKernel { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { Swift.max(a, b) } }

    struct AddScalar: UnaryKernel { let s: Float; @inline(__always) func callAsFunction(_ x: Float) -> Float { x + s } }
    struct SubScalar: UnaryKernel { let s: Float; @inline(__always) func callAsFunction(_ x: Float) -> Float { x - s } }
    struct ScalarSub: UnaryKernel { let s: Float; @inline(__always) func callAsFunction(_ x: Float) -> Float { s - x } }
    struct MulScalar: UnaryKernel { let s: Float; @inline(__always) func callAsFunction(_ x: Float) -> Float { x * s } }
    struct DivScalar: UnaryKernel { let s: Float; @inline(__always) func callAsFunction(_ x: Float) -> Float { x / s } }

    struct Neg: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { -x } }
    struct Abs: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.abs(x) } }
    struct Square: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { x * x } }
    struct Sqrt: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() } }
    struct Relu: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : 0 } }
    struct Exp: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.exp(x) } }
    struct Log: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.log(x) } }
    struct Tanh: UnaryKernel { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.tanh(x) } }
}
