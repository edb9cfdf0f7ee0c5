import XCTest
import GyreTensor
import GyreAutodiff
import GyreTestSupport
@testable import GyreNN

final class LayerTests: XCTestCase {
    func testLinearForwardByHand() throws {
        var rng = RandomStream(seed: 0)
        let lin = Linear(3, 2, rng: &rng)
        lin.weight.value = NNTest.tensor([1, 2, 3, -1, 0, 1], [2, 3])
        lin.bias!.value = NNTest.tensor([0.5, -0.5], [2])
        let y = try lin(Variable(NNTest.tensor([1, 1, 1, 2, 0, -1], [2, 3])))
        // Row 1: (1+2+3)+0.5, (−1+0+1)−0.5; row 2: (2+0−3)+0.5, (−2+0−1)−0.5.
        NNTest.assertClose(y.value, NNTest.tensor([6.5, -0.5, -0.5, -3.5], [2, 2]))
        let noBias = Linear(3, 2, bias: false, rng: &rng)
        XCTAssertEqual(noBias.namedParameters().map(\.name), ["weight"])
        XCTAssertThrowsError(try lin(Variable(Tensor.zeros([2, 4]))))
    }

    func testPyTorchDefaultInitBounds() {
        var rng = RandomStream(seed: 1)
        let conv = Conv2d(4, 8, kernelSize: 3, rng: &rng)
        let bound = 1 / Float(4 * 9).squareRoot()
        XCTAssertTrue(conv.weight.value.array.allSatisfy { Swift.abs($0) <= bound })
        XCTAssertTrue(conv.bias!.value.array.allSatisfy { Swift.abs($0) <= bound })
        // The spread should fill the interval: variance of U(−b, b) is b²/3.
        let w = conv.weight.value.array
        let variance = w.map { $0 * $0 }.reduce(0, +) / Float(w.count)
        XCTAssertEqual(variance, bound * bound / 3, accuracy: bound * bound / 3 * 0.2)
        // Same seed, same weights.
        var rng2 = RandomStream(seed: 1)
        XCTAssertEqual(Conv2d(4, 8, kernelSize: 3, rng: &rng2).weight.value.array, w)
    }

    func testConv2dForwardByHand() throws {
        var rng = RandomStream(seed: 0)
        let conv = Conv2d(1, 1, kernelSize: 2, stride: 1, padding: 0, rng: &rng)
        conv.weight.value = NNTest.tensor([1, 0, 0, -1], [1, 1, 2, 2])
        conv.bias!.value = NNTest.tensor([10], [1])
        let x = NNTest.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3])
        // Each output is x[i][j] − x[i+1][j+1] + 10 = −4 + 10.
        NNTest.assertClose(try conv(Variable(x)).value, NNTest.tensor([6, 6, 6, 6], [1, 1, 2, 2]))
        // Stride 2, padding 1, no bias: windows over the zero-padded 5×5 image.
        let c2 = Conv2d(1, 1, kernelSize: 2, stride: 2, padding: 1, bias: false, rng: &rng)
        c2.weight.value = NNTest.tensor([1, 0, 0, -1], [1, 1, 2, 2])
        // Windows start at padded (0,0),(0,2),(2,0),(2,2): top-left tap is padding or x, bottom-right is x[2i][2j].
        // (0,0): 0 − x00 = −1; (0,2): 0 − x02... window rows −1..0, cols 1..2 → 0 − x[0][2] = −3;
        // (2,0): 0 − x[2][0] = −7; (2,2): x[1][1] − x[2][2] = 5 − 9 = −4.
        NNTest.assertClose(try c2(Variable(x)).value, NNTest.tensor([-1, -3, -7, -4], [1, 1, 2, 2]))
        XCTAssertEqual(c2.namedParameters().map(\.name), ["weight"])
    }

    func testPoolingFlattenReLU() throws {
        let x = NNTest.tensor(Array(0..<16).map(Float.init), [2, 2, 2, 2])
        NNTest.assertClose(try GlobalAvgPool2d()(Variable(x)).value, NNTest.tensor([1.5, 5.5, 9.5, 13.5], [2, 2]))
        XCTAssertEqual(try Flatten()(Variable(x)).shape, [2, 8])
        NNTest.assertClose(try ReLU()(Variable(NNTest.tensor([-1, 0, 2], [3]))).value, NNTest.tensor([0, 0, 2], [3]))
    }

    func testSequentialNamesAndCount() {
        var rng = RandomStream(seed: 0)
        let net = Sequential([Linear(4, 8, rng: &rng), ReLU(), Linear(8, 2, bias: false, rng: &rng)])
        XCTAssertEqual(net.namedParameters().map(\.name), ["0.weight", "0.bias", "2.weight"])
        XCTAssertEqual(net.parameterCount, 4 * 8 + 8 + 16)
        XCTAssertTrue(net.summary().contains("total parameters: 56"))
    }

    func testLayerGradientsAgainstFiniteDifferences() throws {
        var rng = RandomStream(seed: 5)
        let x = rng.normal([2, 3, 5, 5])
        let conv = Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1, rng: &rng)
        let lin = Linear(4, 3, rng: &rng)
        let w = Variable(rng.normal([2, 3]))
        let net = Sequential([conv, ReLU(), GlobalAvgPool2d(), lin])
        try NNTest.checkParameterGradients(net.namedParameters()) { try (net(Variable(x)) * w).sum() }
        // With respect to the input (the net is piecewise linear, so order 1 is the meaningful check).
        try GradientChecker(eps: 1e-3).check(order: 1, at: [x]) { try net($0[0]) }
    }

    func testModeSwitchReachesChildren() {
        let net = Sequential([BatchNorm(.oneD, 3), Sequential([BatchNorm(.oneD, 3)])])
        net.eval()
        XCTAssertTrue(net.namedModules().allSatisfy { !$0.module.isTraining })
        net.train()
        XCTAssertTrue(net.namedModules().allSatisfy { $0.module.isTraining })
    }
}
