import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
import GyreTestSupport

final class GraphLifetimeTests: XCTestCase {
    /// The checker itself must catch a wrong derivative (here: a gradient cut by stopGradient).
    func testCheckerRejectsWrongDerivative() {
        XCTAssertThrowsError(try GradientChecker().check(order: 1, at: [Tensor([0.5, 1.5])]) { xs in
            try xs[0] * xs[0].stopGradient
        })
    }

    /// Resident memory stays flat over many steps of forward + double backward: the graph
    /// (nodes, closures, saved tensors) is freed once the step's variables go away.
    func testDoubleBackwardLoopDoesNotGrowMemory() throws {
        var rng = RandomStream(seed: 1)
        let w1 = Variable.leaf(rng.normal([4, 3, 3, 3], std: 0.3)), w2 = Variable.leaf(rng.normal([8, 4, 3, 3], std: 0.3))
        func step() throws {
            let x = Variable(rng.normal([4, 3, 8, 8]))
            let (_, g) = try Autodiff.valueAndGradient(of: { xs in
                let h = try Variable.conv2d(xs[0], w1, padding: (1, 1)).relu()
                let z = try Variable.conv2d(h, w2, stride: (2, 2), padding: (1, 1)).tanh()
                return try z.mean(axes: [2, 3]).square().sum()
            }, at: [x], argnums: [0])
            let penalty = try g[0].square().sum()
            let grads = try Autodiff.gradients(of: penalty, wrt: [w1, w2])
            XCTAssertEqual(grads[0].shape, w1.shape)
        }
        for _ in 0..<50 { try step() }
        let before = residentBytes()
        for _ in 0..<1000 { try step() }
        let after = residentBytes()
        let growth = Double(after - before) / 1_048_576
        print("resident memory over 1000 double-backward steps: \(before / 1_048_576) MiB → \(after / 1_048_576) MiB")
        XCTAssertLessThan(growth, 16, "resident memory grew by \(growth) MiB")
    }

    func residentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let parts = s.split(separator: " ")
        return parts.count > 1 ? (Int(parts[1]) ?? 0) * 4096 : 0
    }
}
