import XCTest
import GyreTensor
import GyreAutodiff
@testable import GyreNN

final class ModelTests: XCTestCase {
    /// ResNet-18 with the CIFAR stem and no fc, counted by hand from the architecture:
    /// a k×k conv i→o without bias has i·o·k² weights, a BatchNorm over c channels 2c.
    func testResNet18ParameterCountByFormula() {
        func conv(_ i: Int, _ o: Int, _ k: Int) -> Int { i * o * k * k }
        func bn(_ c: Int) -> Int { 2 * c }
        func block(_ i: Int, _ o: Int) -> Int {
            conv(i, o, 3) + bn(o) + conv(o, o, 3) + bn(o) + (i != o ? conv(i, o, 1) + bn(o) : 0)
        }
        let stem = conv(3, 64, 3) + bn(64)
        let widths = [64, 128, 256, 512]
        var total = stem, inPlanes = 64
        for w in widths { total += block(inPlanes, w) + block(w, w); inPlanes = w }
        XCTAssertEqual(total, 11_168_832)
        // torchvision's resnet18: 11,689,512 with the 7×7 stem and the 512→1000 fc.
        XCTAssertEqual(total - conv(3, 64, 3) + conv(3, 64, 7) + 512 * 1000 + 1000, 11_689_512)
        let net = ResNet.resnet18(seed: 0)
        XCTAssertEqual(net.parameterCount, 11_168_832)
        XCTAssertEqual(net.outputDim, 512)
    }

    func testResNet18NamesFollowThePaperCode() {
        let names = ResNet.resnet18().namedParameters().map(\.name)
        XCTAssertEqual(names.first, "stem.conv1.weight")
        for n in ["layer1.0.conv1.weight", "layer1.1.bn2.bias", "layer2.0.downsample.0.weight", "layer2.0.downsample.1.weight",
                  "layer4.1.conv2.weight"] {
            XCTAssertTrue(names.contains(n), n)
        }
        XCTAssertFalse(names.contains("layer1.0.downsample.0.weight"))
        XCTAssertEqual(names.count, 20 + 2 * 20)   // 20 conv weights (1 stem + 16 in blocks + 3 downsample), 20 BNs × (γ, β)
        let buffers = ResNet.resnet18().namedBuffers().map(\.name)
        XCTAssertTrue(buffers.contains("layer3.0.downsample.1.running_var"))
    }

    func testResNetForwardOnTinyInput() throws {
        let net = ResNet(blocks: [1, 1, 1, 1], widths: [4, 8, 8, 16], seed: 1)
        let x = NNTest.normal(seed: 2, [2, 3, 8, 8])
        XCTAssertEqual(try net(Variable(x)).shape, [2, 16])
        net.eval()
        let y = try GradMode.withoutGrad { try net(Variable(x)) }
        XCTAssertEqual(y.shape, [2, 16])
        XCTAssertFalse(y.isTracked)
    }

    func testSmallCNNShapesAndCount() throws {
        let cnn = SmallCNN(seed: 0)
        XCTAssertEqual(cnn.outputDim, 128)
        XCTAssertEqual(cnn.namedParameters().map(\.name),
                       ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight", "conv3.bias"])
        XCTAssertEqual(cnn.parameterCount, (3 * 32 * 9 + 32) + (32 * 64 * 9 + 64) + (64 * 128 * 9 + 128))
        let x = NNTest.normal(seed: 1, [2, 3, 32, 32])
        XCTAssertEqual(try cnn(Variable(x)).shape, [2, 128])
        // Intermediate shapes: 32×32 (stride 1), 16×16, 8×8.
        let h1 = try cnn.children[0].module(Variable(x))
        XCTAssertEqual(h1.shape, [2, 32, 32, 32])
        let h2 = try cnn.children[1].module(h1)
        XCTAssertEqual(h2.shape, [2, 64, 16, 16])
        XCTAssertEqual(try cnn.children[2].module(h2).shape, [2, 128, 8, 8])
        // Same seed, same model; different seed, different model.
        XCTAssertEqual(SmallCNN(seed: 0).parameters[0].value.array, cnn.parameters[0].value.array)
        XCTAssertNotEqual(SmallCNN(seed: 1).parameters[0].value.array, cnn.parameters[0].value.array)
        let bn = SmallCNN(batchNorm: true)
        XCTAssertEqual(bn.namedParameters().map(\.name).prefix(3), ["conv1.weight", "bn1.weight", "bn1.bias"])
        XCTAssertTrue(bn.summary().contains("BatchNorm2d"))
    }

    func testProjectionHeadAndScores() throws {
        let head = ProjectionHead(inputDim: 6, projectionDim: 4, seed: 0)
        XCTAssertEqual(head.namedParameters().map(\.name), ["w1.weight", "bn1.weight", "bn1.bias", "w2.weight"])
        XCTAssertEqual(head.parameterCount, 36 + 12 + 24)
        var rng = RandomStream(seed: 3)
        let h1 = Variable(rng.normal([3, 6])), h2 = Variable(rng.normal([3, 6]))
        let z = try head(h1)
        XCTAssertEqual(z.shape, [3, 4])
        // BN₂ without affine: each projected feature has batch mean 0 and variance ≈ 1.
        let mean = try z.value.mean(axes: [0])
        XCTAssertTrue(mean.array.allSatisfy { Swift.abs($0) < 1e-5 })
        let s = try head.scores(h1, h2, temperature: 0.5).value
        XCTAssertEqual(s.shape, [6, 6])
        // Row 0: [sim12[0, :], sim11[0, :]] with sim11[0, 0] = −∞; row 3: [sim22[0, :] (−∞ at 0), sim21[0, :]].
        XCTAssertEqual(s[flat: 3], -.infinity)
        XCTAssertEqual(s[flat: 3 * 6 + 0], -.infinity)
        XCTAssertEqual(s[flat: 1 * 6 + 4], -.infinity)
        let z1 = try head(h1).value.array, z2 = try head(h2).value.array
        func cos(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
            zip(a, b).map(*).reduce(0, +) / (a.map { $0 * $0 }.reduce(0, +).squareRoot() * b.map { $0 * $0 }.reduce(0, +).squareRoot())
        }
        XCTAssertEqual(s[flat: 1], cos(z1[0..<4], z2[4..<8]) / 0.5, accuracy: 1e-4)       // sim12[0, 1]
        XCTAssertEqual(s[flat: 3 * 6 + 4], cos(z2[0..<4], z1[4..<8]) / 0.5, accuracy: 1e-4) // sim21[0, 1]
        XCTAssertEqual(s[flat: 2 * 6 + 4], cos(z1[8..<12], z1[4..<8]) / 0.5, accuracy: 1e-4) // sim11[2, 1]
    }

    func testFrozenParametersRecordNothing() throws {
        let cnn = SmallCNN(widths: [2, 2, 2])
        cnn.setRequiresGrad(false)
        XCTAssertFalse(try cnn(Variable(Tensor.zeros([1, 3, 4, 4]))).isTracked)
        XCTAssertTrue(cnn.trainableVariables.isEmpty)
    }
}
