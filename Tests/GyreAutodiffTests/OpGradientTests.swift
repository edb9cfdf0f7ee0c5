import XCTest
import GyreTensor
import GyreAutodiff
import GyreTestSupport

/// Every differentiable op, checked against finite differences to second order.
final class OpGradientTests: XCTestCase {
    /// An input domain for a case.
    enum Domain { case any, positive, awayFromZero }

    struct Case {
        let name: String
        let shapes: [[Int]]
        let domain: Domain
        let f: ([Variable]) throws -> Variable
        init(_ name: String, _ shapes: [[Int]], _ domain: Domain = .any, _ f: @escaping ([Variable]) throws -> Variable) {
            self.name = name; self.shapes = shapes; self.domain = domain; self.f = f
        }
    }

    static let cases: [Case] = [
        Case("add broadcast", [[3, 1], [4]]) { try $0[0] + $0[1] },
        Case("sub broadcast", [[2, 3], [3]]) { try $0[0] - $0[1] },
        Case("mul broadcast", [[2, 1, 3], [4, 1]]) { try $0[0] * $0[1] },
        Case("div", [[3, 4], [3, 4]], .positive) { try $0[0] / $0[1] },
        Case("same input twice", [[5]]) { try $0[0] * $0[0] + $0[0] },
        Case("neg", [[4]]) { try $0[0].neg() },
        Case("scale", [[4]]) { try $0[0] * 3 - 1 },
        Case("exp", [[3, 2]]) { try $0[0].exp() },
        Case("log", [[3, 2]], .positive) { try $0[0].log() },
        Case("sqrt", [[5]], .positive) { try $0[0].sqrt() },
        Case("sin", [[5]]) { try $0[0].sin() },
        Case("cos", [[5]]) { try $0[0].cos() },
        Case("tanh", [[5]]) { try $0[0].tanh() },
        Case("sigmoid", [[5]]) { try $0[0].sigmoid() },
        Case("relu", [[6]], .awayFromZero) { try $0[0].relu() * $0[0] },
        Case("relu_grad", [[6]]) { try $0[0].reluGrad(at: Tensor([0.5, -1, 2, -0.25, 1, -3])) * $0[0].exp() },
        Case("batch_norm", [[4, 3, 5], [3], [3]]) {
            try Variable.batchNorm($0[0], weight: $0[1], bias: $0[2], eps: 1e-5).y.tanh()
        },
        Case("batch_norm no affine [N, C, 1]", [[6, 2, 1]]) {
            try Variable.batchNorm($0[0], weight: nil, bias: nil, eps: 1e-3).y.square() * $0[0]
        },
        Case("abs", [[6]], .awayFromZero) { try $0[0].abs() * $0[0] },
        Case("pow const", [[4]], .positive) { try $0[0].pow(2.5) },
        Case("pow var", [[4], [4]], .positive) { try $0[0].pow($0[1]) },
        Case("minimum", [[6], [6]]) { try $0[0].minimum($0[1]) * $0[0] },
        Case("maximum", [[2, 3], [3]]) { try $0[0].maximum($0[1]) * $0[1] },
        Case("clamp", [[8]]) { try $0[0].clamp(min: -0.5, max: 0.5) * $0[0] },
        Case("where", [[2, 3], [3]]) { try Variable.where(Tensor([1, 0, 1], shape: [3]), $0[0] * $0[0], $0[1].exp()) },
        Case("sum axes", [[2, 3, 4]]) { try ($0[0] * $0[0]).sum(axes: [0, 2]) },
        Case("sum keepdims", [[2, 3]]) { try $0[0].sum(axes: [1], keepdims: true) * $0[0] },
        Case("sum all", [[2, 3]]) { try ($0[0] * $0[0]).sum() },
        Case("max axis", [[3, 4]]) { try $0[0].max(axes: [1]) * $0[0].sum(axes: [1]) },
        Case("min all", [[5]]) { try $0[0].min() * $0[0] },
        Case("mean", [[3, 4]]) { try ($0[0] * $0[0]).mean(axes: [0]) },
        Case("variance", [[3, 4]]) { try $0[0].variance(axes: [1], ddof: 1) },
        Case("norm", [[3, 4]]) { try $0[0].norm(axes: [1]) },
        Case("logsumexp", [[3, 4]]) { try $0[0].logsumexp(axes: [1]) },
        Case("softmax", [[3, 4]]) { try $0[0].softmax(axis: 1) },
        Case("log_softmax", [[3, 4]]) { try $0[0].logSoftmax(axis: 0) },
        Case("reshape", [[2, 6]]) { try $0[0].reshape([3, 4]) * $0[0].reshape([3, 4]) },
        Case("permute", [[2, 3, 4]]) { try $0[0].permute([2, 0, 1]).exp() },
        Case("transpose", [[2, 3]]) { try Variable.matmul($0[0].transpose(), $0[0]) },
        Case("expand", [[3, 1]]) { try $0[0].expand([2, 3, 4]) * $0[0].expand([2, 3, 4]) },
        Case("index negative step", [[5, 4]]) {
            try $0[0].index([.slice(start: nil, stop: nil, step: -2), .index(-1)]).exp()
        },
        Case("index newaxis", [[3, 4]]) { try $0[0].index([.newAxis, .slice(start: 1, stop: 3, step: 1)]).square() },
        Case("gather repeats", [[4, 3]]) { try $0[0].indexSelect(axis: 0, indices: [3, 0, 3, -1]).square() },
        Case("scatter_add", [[4, 2]]) { try $0[0].scatterAdd(axis: 0, indices: [1, 1, 0, 2], size: 3).square() },
        Case("masked", [[2, 3]]) { try $0[0].masked(Tensor([1, 0, 1, 1, 0, 0], shape: [2, 3])).exp() },
        Case("concat", [[2, 3], [1, 3]]) { try Variable.concat([$0[0], $0[1], $0[0]], axis: 0).square() },
        Case("stack", [[3], [3]]) { try Variable.stack([$0[0], $0[1]], axis: 1).exp() },
        Case("pad", [[2, 3]]) { try $0[0].pad([(1, 0), (2, 1)], value: 0.5).square() },
        Case("matmul", [[3, 4], [4, 2]]) { try Variable.matmul($0[0], $0[1]) },
        Case("matmul tA", [[4, 3], [4, 2]]) { try Variable.matmul($0[0], $0[1], transposeA: true) },
        Case("matmul tB", [[3, 4], [2, 4]]) { try Variable.matmul($0[0], $0[1], transposeB: true) },
        Case("matmul tAtB", [[4, 3], [2, 4]]) { try Variable.matmul($0[0], $0[1], transposeA: true, transposeB: true) },
        Case("matmul batched broadcast", [[2, 3, 4], [4, 2]]) { try Variable.matmul($0[0], $0[1]).tanh() },
        Case("matmul batch both", [[2, 1, 3, 4], [3, 4, 2]]) { try Variable.matmul($0[0], $0[1]) },
        Case("matvec", [[3, 4], [4]]) { try Variable.matmul($0[0], $0[1]).square() },
        Case("vecmat", [[3], [3, 4]]) { try Variable.matmul($0[0], $0[1]).square() },
        Case("conv2d", [[2, 2, 5, 5], [3, 2, 3, 3]]) { try Variable.conv2d($0[0], $0[1], stride: (2, 2), padding: (1, 1)).scaled(0.2).tanh() },
        Case("conv2d rect", [[1, 3, 6, 5], [2, 3, 2, 3]]) { try Variable.conv2d($0[0], $0[1], stride: (1, 2), padding: (0, 1)).square() },
        Case("conv2d_input_grad", [[2, 3, 3, 3], [3, 2, 3, 3]]) {
            try Variable.conv2dInputGrad($0[0], $0[1], inputShape: [2, 2, 5, 5], stride: (2, 2), padding: (1, 1)).square()
        },
        Case("conv2d_weight_grad", [[2, 2, 5, 5], [2, 3, 3, 3]]) {
            try Variable.conv2dWeightGrad($0[0], $0[1], weightShape: [3, 2, 3, 3], stride: (2, 2), padding: (1, 1)).square()
        },
        Case("avg_pool2d", [[2, 2, 4, 4]]) { try $0[0].avgPool2d(kernel: (2, 2)).square() },
        Case("max_pool2d", [[1, 2, 4, 4]]) { try $0[0].maxPool2d(kernel: (2, 2), stride: (2, 2)).square() },
        Case("l2 normalize", [[3, 4]]) { try $0[0].l2Normalized(axis: 1) },
        Case("cosine similarity", [[3, 4], [2, 4]]) { try Variable.cosineSimilarity($0[0], $0[1]) },
        Case("cross entropy", [[3, 4]]) { try Variable.crossEntropy(logits: $0[0], targets: [0, 3, 1]) },
    ]

    func input(_ shape: [Int], _ domain: Domain, seed: UInt64) -> Tensor {
        var rng = RandomStream(seed: seed)
        switch domain {
        case .any: return rng.normal(shape)
        case .positive: return rng.uniform(shape, low: 0.5, high: 2)
        case .awayFromZero:
            // Distinct magnitudes in [0.3, 1.3] with random signs: no kinks within eps.
            let m = rng.uniform(shape, low: 0.3, high: 1.3), s = rng.bernoulli(shape, p: 0.5)
            return (try? m * (s * 2 - 1)) ?? m
        }
    }

    func testEveryOpFirstAndSecondOrder() throws {
        let checker = GradientChecker()
        var failures: [String] = []
        for (k, c) in Self.cases.enumerated() {
            let xs = c.shapes.enumerated().map { input($1, c.domain, seed: UInt64(100 * k + $0)) }
            do { try checker.check(order: 2, at: xs, c.f) } catch { failures.append("\(c.name): \(error)") }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    func testTableCoversEveryPrimitive() {
        let names = Set(Self.cases.map(\.name))
        for op in ["conv2d", "conv2d_input_grad", "conv2d_weight_grad", "max_pool2d", "avg_pool2d", "gather repeats",
                   "scatter_add", "concat", "stack", "pad", "where", "clamp", "maximum", "matmul", "relu_grad", "batch_norm"] {
            XCTAssert(names.contains(op), "missing gradient case for \(op)")
        }
    }
}
