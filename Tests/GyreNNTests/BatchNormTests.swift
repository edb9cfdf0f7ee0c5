import XCTest
import GyreTensor
import GyreAutodiff
import GyreTestSupport
@testable import GyreNN

final class BatchNormTests: XCTestCase {
    /// BatchNorm1d on [4, 2]: column 0 = 1, 2, 3, 4 (mean 2.5, biased var 1.25), column 1 = 0, 0, 0, 8
    /// (mean 2, biased var 12).
    let x = NNTest.tensor([1, 0, 2, 0, 3, 0, 4, 8], [4, 2])

    func testTrainingUsesBatchStatisticsByHand() throws {
        let bn = BatchNorm(.oneD, 2, eps: 0)
        bn.weight!.value = NNTest.tensor([2, 1], [2])
        bn.bias!.value = NNTest.tensor([1, -1], [2])
        let y = try bn(Variable(x)).value
        let s0 = 1 / Float(1.25).squareRoot(), s1 = 1 / Float(12).squareRoot()
        let expected: [Float] = [
            (1 - 2.5) * s0 * 2 + 1, (0 - 2) * s1 - 1,
            (2 - 2.5) * s0 * 2 + 1, (0 - 2) * s1 - 1,
            (3 - 2.5) * s0 * 2 + 1, (0 - 2) * s1 - 1,
            (4 - 2.5) * s0 * 2 + 1, (8 - 2) * s1 - 1,
        ]
        NNTest.assertClose(y, NNTest.tensor(expected, [4, 2]))
        // Running statistics: 0.9·init + 0.1·batch, the variance unbiased (×4/3).
        NNTest.assertClose(bn.runningMean.value, NNTest.tensor([0.25, 0.2], [2]))
        NNTest.assertClose(bn.runningVar.value, NNTest.tensor([0.9 + 0.1 * 1.25 * 4 / 3, 0.9 + 0.1 * 12 * 4 / 3], [2]))
    }

    func testEvalUsesRunningStatisticsByHand() throws {
        let bn = BatchNorm(.oneD, 2, eps: 1e-5)
        bn.runningMean.value = NNTest.tensor([1, -1], [2])
        bn.runningVar.value = NNTest.tensor([4, 0.25], [2])
        bn.weight!.value = NNTest.tensor([3, 1], [2])
        bn.bias!.value = NNTest.tensor([0, 2], [2])
        bn.eval()
        let y = try bn(Variable(x)).value
        let s0 = 3 / Float(4 + 1e-5).squareRoot(), s1 = 1 / Float(0.25 + 1e-5).squareRoot()
        var expected: [Float] = []
        for r in 0..<4 { expected += [(x[flat: 2 * r] - 1) * s0, (x[flat: 2 * r + 1] + 1) * s1 + 2] }
        NNTest.assertClose(y, NNTest.tensor(expected, [4, 2]))
        // Evaluation leaves the running statistics alone.
        XCTAssertEqual(bn.runningMean.value.array, [1, -1])
    }

    func testBatchNorm2dStatisticsPerChannelOverNHW() throws {
        // Channel 0 holds 0…7, channel 1 holds 8…15 (times 2) across N = 2, H = 2, W = 1.
        var values = [Float](repeating: 0, count: 8)
        for n in 0..<2 { for c in 0..<2 { for h in 0..<2 { values[((n * 2 + c) * 2) + h] = Float(c == 0 ? n * 2 + h : 2 * (8 + n * 2 + h)) } } }
        let bn = BatchNorm(.twoD, 2, eps: 0, affine: false)
        XCTAssertTrue(bn.namedParameters().isEmpty)
        let y = try bn(Variable(NNTest.tensor(values, [2, 2, 2, 1]))).value
        // Channel 0 values 0,1,2,3 → mean 1.5, var 1.25; channel 1 is 2× a shifted copy: same normalised values.
        let s = 1 / Float(1.25).squareRoot()
        let norm = [0, 1, 2, 3].map { (Float($0) - 1.5) * s }
        let expected: [Float] = [norm[0], norm[1], norm[0], norm[1], norm[2], norm[3], norm[2], norm[3]]
        NNTest.assertClose(y, NNTest.tensor(expected, [2, 2, 2, 1]))
        XCTAssertEqual(bn.runningMean.value.array[0], 0.15, accuracy: 1e-6)
        XCTAssertEqual(bn.runningMean.value.array[1], 0.1 * 2 * 9.5, accuracy: 1e-5)
    }

    func testTrainingNeedsMoreThanOneValuePerChannel() {
        XCTAssertThrowsError(try BatchNorm(.oneD, 3)(Variable(Tensor.zeros([1, 3]))))
        XCTAssertThrowsError(try BatchNorm(.twoD, 3)(Variable(Tensor.zeros([2, 3]))))
    }

    func testGradientsIncludeCrossSampleTerms() throws {
        var rng = RandomStream(seed: 2)
        let input = rng.normal([5, 3])
        let bn = BatchNorm(.oneD, 3)
        bn.weight!.value = rng.normal([3])
        bn.bias!.value = rng.normal([3])
        let w = Variable(rng.normal([5, 3]))
        try NNTest.checkParameterGradients(bn.namedParameters()) { try (bn(Variable(input)) * w).sum() }
        // Input gradient of the training-mode transform, to second order (the regulariser's case).
        try GradientChecker(eps: 1e-2, rtol: 3e-2, atol: 3e-3).check(order: 2, at: [input]) { try bn($0[0]) }
        bn.eval()
        try GradientChecker(eps: 1e-2).check(order: 2, at: [input]) { try bn($0[0]) }
    }

    /// The regulariser's pattern: differentiate a random projection of the encoder's output
    /// w.r.t. the input (keeping the graph), square it, and check the gradient of that with
    /// respect to every parameter against finite differences.
    static func penaltyCheck(_ net: Module, eps: Float, seed: UInt64) throws {
        var rng = RandomStream(seed: seed)
        for (_, p) in net.namedParameters() where p.role.isBiasOrNorm { p.value = try p.value + rng.normal(p.shape) * 0.3 }
        let x0 = rng.normal([3, 2, 4, 4]), signs = Variable(rng.normal([3, 4]).sign())
        let penalty: () throws -> Variable = {
            let x = Variable.leaf(x0)
            let projection = try (net(x) * signs).sum()
            let g = try Autodiff.gradients(of: projection, wrt: [x], createGraph: true)[0]
            return try (g * g).sum()
        }
        try NNTest.checkParameterGradients(net.namedParameters(), eps: eps, rtol: 5e-2, atol: 2e-3, penalty)
        try GradientChecker(eps: 1e-3, rtol: 5e-2, atol: 5e-3).check(order: 2, at: [x0]) { try net($0[0]) }
    }

    /// Conv → BN → ReLU → conv (stride 2) → BN → ReLU → pool. The penalty jumps wherever a ReLU
    /// flips, so the finite-difference step is kept small enough (2e-4) not to cross a kink.
    func testSecondOrderThroughConvBatchNormReLUStack() throws {
        var rng = RandomStream(seed: 9)
        let net = Sequential([Conv2d(2, 3, kernelSize: 3, padding: 1, bias: false, rng: &rng), BatchNorm(.twoD, 3), ReLU(),
                              Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1, rng: &rng), BatchNorm(.twoD, 4), ReLU(),
                              GlobalAvgPool2d()])
        try Self.penaltyCheck(net, eps: 2e-4, seed: 9)
    }

    /// The same stack with a smooth activation, where a larger step is safe and every
    /// second-derivative term (BN's included) is non-zero.
    func testSecondOrderThroughConvBatchNormTanhStack() throws {
        var rng = RandomStream(seed: 4)
        let net = Sequential([Conv2d(2, 3, kernelSize: 3, padding: 1, rng: &rng), BatchNorm(.twoD, 3), Tanh(),
                              Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1, rng: &rng), BatchNorm(.twoD, 4), Tanh(),
                              GlobalAvgPool2d()])
        try Self.penaltyCheck(net, eps: 2e-3, seed: 4)
    }
}
