import XCTest
import GyreTensor
import GyreAutodiff
@testable import GyreNN

/// Helpers shared by the GyreNN tests.
enum NNTest {
    static func normal(seed: UInt64, _ shape: [Int]) -> Tensor {
        var rng = RandomStream(seed: seed)
        return rng.normal(shape)
    }

    static func tensor(_ values: [Float], _ shape: [Int]) -> Tensor { try! Tensor(values, shape: shape) }

    static func assertClose(_ a: Tensor, _ b: Tensor, tol: Float = 1e-5, _ message: String = "",
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.shape, b.shape, "shape " + message, file: file, line: line)
        guard a.shape == b.shape else { return }
        for i in 0..<a.count where Swift.abs(a[flat: i] - b[flat: i]) > tol * Swift.max(1, Swift.abs(b[flat: i])) {
            XCTFail("element \(i): \(a[flat: i]) vs \(b[flat: i]) \(message)", file: file, line: line)
            return
        }
    }

    /// Compares ⟨∂loss/∂p, v⟩ with a central difference of `loss` along a random v, for each
    /// parameter. `loss` must read the parameters' current leaves each time it is called.
    static func checkParameterGradients(_ params: [NamedParameter], eps: Float = 1e-3, rtol: Float = 2e-2, atol: Float = 1e-3,
                                        seed: UInt64 = 11, file: StaticString = #filePath, line: UInt = #line,
                                        _ loss: () throws -> Variable) throws {
        var rng = RandomStream(seed: seed)
        let grads = try Autodiff.gradients(of: loss(), wrt: params.map(\.parameter.variable))
        for ((name, p), g) in zip(params, grads) {
            let v = rng.normal(p.shape)
            let analytic = Double(try (g.value * v).sum().scalarValue!)
            let original = p.value
            p.value = try original + v * eps
            let plus = Double(try loss().value.scalarValue!)
            p.value = try original - v * eps
            let minus = Double(try loss().value.scalarValue!)
            p.value = original
            let numeric = (plus - minus) / (2 * Double(eps))
            let ok = Swift.abs(analytic - numeric) <= Double(atol) + Double(rtol) * Swift.max(Swift.abs(analytic), Swift.abs(numeric))
            XCTAssertTrue(ok, "\(name): analytic \(analytic) vs finite difference \(numeric)", file: file, line: line)
        }
    }
}
