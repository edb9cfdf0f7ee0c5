import XCTest
import GyreTensor
import GyreAutodiff

final class NestedGradientTests: XCTestCase {
    func scalar(_ v: Float) -> Variable { Variable(Tensor(v)) }

    func grad(_ f: @escaping (Variable) throws -> Variable) -> (Variable) throws -> Variable {
        { x in try Autodiff.valueAndGradient(of: { try f($0[0]) }, at: [x], argnums: [0]).gradients[0] }
    }

    /// d/dx [x · d/dy (x·y)] at x = 1 is 2 (perturbation confusion would give 1 or 3).
    func testNoPerturbationConfusion() throws {
        let outer = grad { x in try x * self.grad { y in try x * y }(self.scalar(1)) }
        XCTAssertEqual(try outer(scalar(1)).value.scalarValue, 2)
    }

    func testGradOfGrad() throws {
        // f = x³ → f' = 3x², f'' = 6x, f''' = 6.
        let f: (Variable) throws -> Variable = { try $0 * $0 * $0 }
        XCTAssertEqual(try grad(f)(scalar(2)).value.scalarValue, 12)
        XCTAssertEqual(try grad(grad(f))(scalar(2)).value.scalarValue, 12)
        XCTAssertEqual(try grad(grad(grad(f)))(scalar(2)).value.scalarValue, 6)
        // sin: f'''' = sin.
        let s: (Variable) throws -> Variable = { try $0.sin() }
        let v = try grad(grad(grad(grad(s))))(scalar(0.7)).value.scalarValue ?? 0
        XCTAssertEqual(v, Foundation.sin(0.7), accuracy: 1e-5)
    }

    /// Hessian-vector product of ½ xᵀAx is ½(A + Aᵀ)v.
    func testHessianVectorProductQuadratic() throws {
        var rng = RandomStream(seed: 3)
        let A = rng.normal([5, 5]), x = rng.normal([5]), v = rng.normal([5])
        let hv = try hvp(at: x, v: v) { x in try Variable.matmul(x, Variable.matmul(Variable(A), x)).scaled(0.5) }
        let expected = try Tensor.matmul(try (A + A.transposed()) * 0.5, v)
        for i in 0..<5 { XCTAssertEqual(hv[flat: i], expected[flat: i], accuracy: 1e-4) }
    }

    /// Logistic loss Σ log(1 + exp(−yᵢ xᵢᵀw)) has Hessian Xᵀ diag(σ(1−σ)) X with σ = σ(yᵢ xᵢᵀw).
    func testHessianVectorProductLogistic() throws {
        var rng = RandomStream(seed: 4)
        let X = rng.normal([8, 3]), w = rng.normal([3]), v = rng.normal([3])
        let y = try rng.bernoulli([8], p: 0.5) * 2 - 1
        let hv = try hvp(at: w, v: v) { w in
            let margins = try Variable.matmul(Variable(X), w) * Variable(y)
            return try ((margins.neg().exp()) + 1).log().sum()
        }
        let s = try (Tensor.matmul(X, w) * y).sigmoid()
        let d = try s * (1 - s)
        let Xv = try Tensor.matmul(X, v)
        let expected = try Tensor.matmul(X.transposed(), d * Xv)
        for i in 0..<3 { XCTAssertEqual(hv[flat: i], expected[flat: i], accuracy: 1e-4) }
    }

    func hvp(at x: Tensor, v: Tensor, _ f: @escaping (Variable) throws -> Variable) throws -> Tensor {
        let directional: (Variable) throws -> Variable = { x in
            let g = try Autodiff.valueAndGradient(of: { try f($0[0]) }, at: [x], argnums: [0]).gradients[0]
            return try (g * Variable(v)).sum()
        }
        return try grad(directional)(Variable(x)).value
    }

    func testMultipleArgumentsAndUnusedInput() throws {
        let (value, gs) = try Autodiff.valueAndGradient(of: { xs in try (xs[0] * xs[1]).sum() },
                                                        at: [Variable(Tensor([1, 2])), Variable(Tensor([3, 4])), Variable(Tensor([9]))],
                                                        argnums: [0, 1, 2])
        XCTAssertEqual(value.value.scalarValue, 11)
        XCTAssertEqual(gs[0].value.array, [3, 4])
        XCTAssertEqual(gs[1].value.array, [1, 2])
        XCTAssertEqual(gs[2].value.array, [0])
    }

    func testStopGradientAndNoGrad() throws {
        let g = try grad { x in try x * x.stopGradient }(scalar(3))
        XCTAssertEqual(g.value.scalarValue, 3)
        let p = Variable.leaf(Tensor(2))
        let y = try GradMode.withoutGrad { try p * p }
        XCTAssertFalse(y.isTracked)
        XCTAssertTrue(try (p * p).isTracked)
    }

    func testBroadcastGradientsSumBack() throws {
        let a = Variable.leaf(Tensor.ones([3, 1])), b = Variable.leaf(Tensor.ones([4]))
        let y = try (a * b).sum()
        let gs = try Autodiff.gradients(of: y, wrt: [a, b])
        XCTAssertEqual(gs[0].shape, [3, 1]); XCTAssertEqual(gs[0].value.array, [4, 4, 4])
        XCTAssertEqual(gs[1].shape, [4]); XCTAssertEqual(gs[1].value.array, [3, 3, 3, 3])
    }

    func testNonScalarGradError() {
        XCTAssertThrowsError(try grad { $0 }(Variable(Tensor([1, 2])))) { e in
            XCTAssert("\(e)".contains("scalar"), "\(e)")
        }
    }

    func testVectorJacobianProduct() throws {
        let x = Variable(Tensor([1, 2, 3])), u = Variable(Tensor([1, 0, 2]))
        let (_, vjp) = try Autodiff.vjp(of: { try $0 * $0 }, at: x, cotangent: u)
        XCTAssertEqual(vjp.value.array, [2, 0, 12])
    }

    func testNonFiniteGuardNamesTheOp() throws {
        GradMode.checkFinite = true
        defer { GradMode.checkFinite = false }
        XCTAssertThrowsError(try Variable(Tensor([-1])).log()) { XCTAssert("\($0)".contains("'log'"), "\($0)") }
        let x = Variable.leaf(Tensor([0]))
        let y = try x.pow(0.5).sum()
        XCTAssertThrowsError(try Autodiff.gradients(of: y, wrt: [x])) { XCTAssert("\($0)".contains("backward rule of 'pow'"), "\($0)") }
    }
}
import Foundation
