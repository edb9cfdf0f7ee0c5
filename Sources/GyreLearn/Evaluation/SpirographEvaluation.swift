import GyreTensor
import GyreAutodiff
import GyreNN
import GyreData

/// Downstream evaluation on Spirograph as in the paper: ridge regression from the frozen
/// (feature-averaged) representation to the 4 generative factors, on transformed images.
public struct SpirographEvaluation {
    public let model: SimCLRModel
    public let data: SpirographDataset
    /// Examples of each part used (nil: all).
    public var trainCount: Int? = nil
    public var testCount: Int? = nil
    /// Fraction of the training examples whose labels the probe sees (semi-supervised settings).
    public var labelFraction: Double = 1
    public var lambda: Float = 1e-8
    public var seed: UInt64 = 0
    /// The nuisance prior for evaluation draws (the dataset's prior unless shifted/widened).
    public var prior: SpiroPrior

    public init(model: SimCLRModel, data: SpirographDataset) {
        self.model = model
        self.data = data
        prior = data.prior
    }

    /// Test MSE per generative factor and overall, for each number of passes M.
    public struct Result {
        public let passes: [Int]
        public let perFactor: [[Float]]      // [M index][factor]
        public let mean: [Float]             // [M index]
        public let factorNames: [String]
    }

    /// Feature averaging: h̄(x) = (1/M) Σ_m f(t(x, α_m)), a running mean over passes,
    /// evaluated at each M in `passes` (ascending). One pass renders and encodes each image once.
    public func run(passes: [Int] = [1], progress: (Int, Int) -> Void = { _, _ in }) throws -> Result {
        let ms = Array(Set(passes)).sorted()
        guard let maxM = ms.last, ms.first ?? 0 >= 1 else { throw LearnError("linear_eval", "passes must be positive integers") }
        let nTrain = Swift.min(trainCount ?? data.count(.train), data.count(.train))
        let nTest = Swift.min(testCount ?? data.count(.test), data.count(.test))
        guard nTrain >= 2, nTest >= 1 else { throw LearnError("linear_eval", "needs at least 2 training and 1 test examples") }
        let labelled = Swift.max(2, Int((Double(nTrain) * labelFraction).rounded()))
        var rng = RandomStream(seed: seed, counter: 11 << 56)
        let trainIdx = Array(0..<nTrain), testIdx = Array(0..<nTest)
        let gTrain = try data.generative(.train, indices: Array(trainIdx.prefix(labelled)))
        let gTest = try data.generative(.test, indices: testIdx)
        var sumTrain: Tensor? = nil, sumTest: Tensor? = nil
        var perFactor: [[Float]] = [], means: [Float] = []
        for m in 1...maxM {
            let fTrain = try features(.train, Array(trainIdx.prefix(labelled)), rng: &rng)
            let fTest = try features(.test, testIdx, rng: &rng)
            sumTrain = try sumTrain.map { try $0 + fTrain } ?? fTrain
            sumTest = try sumTest.map { try $0 + fTest } ?? fTest
            progress(m, maxM)
            try Interrupt.check()
            guard ms.contains(m), let st = sumTrain, let se = sumTest else { continue }
            let scale = 1 / Float(m)
            let ridge = try RidgeRegression(features: st * scale, targets: gTrain, lambda: lambda)
            let (per, mean) = try ridge.mse(features: se * scale, targets: gTest)
            perFactor.append(per)
            means.append(mean)
        }
        return Result(passes: ms, perFactor: perFactor, mean: means, factorNames: data.generativeNames)
    }

    /// Representations of one transformed draw of each example.
    func features(_ part: SpirographDataset.Part, _ indices: [Int], rng: inout RandomStream) throws -> Tensor {
        var out: [Tensor] = []
        var start = 0
        while start < indices.count {
            let idx = Array(indices[start..<Swift.min(indices.count, start + 1024)])
            let alpha = prior.sampleNuisance(idx.count, split: data.split, rng: &rng)
            out.append(try model.encode(try data.images(part, indices: idx, nuisance: alpha)))
            start += idx.count
        }
        return try Tensor.concat(out, axis: 0)
    }

    /// Representations [draws, N, d] of the first `count` test examples under `draws`
    /// independent nuisance draws each (for conditional variance).
    public func drawRepresentations(count: Int, draws: Int) throws -> Tensor {
        let n = Swift.min(count, data.count(.test))
        guard n >= 1, draws >= 2 else { throw LearnError("conditional_variance", "needs at least 1 input and 2 draws") }
        var rng = RandomStream(seed: seed, counter: 13 << 56)
        let reps = try (0..<draws).map { _ -> Tensor in
            try Interrupt.check()
            return try features(.test, Array(0..<n), rng: &rng)
        }
        return try Tensor.stack(reps, axis: 0)
    }

    /// ‖∂(h/‖h‖)/∂α_j‖ per nuisance factor, averaged over the first `count` test inputs
    /// (Rademacher estimate with `probes` projections; encoder in evaluation mode).
    public func sensitivity(count: Int, probes: Int = 8) throws -> [Float] {
        let n = Swift.min(count, data.count(.test))
        guard n >= 1 else { throw LearnError("sensitivity", "needs at least one test example") }
        var rng = RandomStream(seed: seed, counter: 17 << 56)
        let g = try data.generative(.test, indices: Array(0..<n))
        let alpha = Variable.leaf(prior.sampleNuisance(n, split: data.split, rng: &rng))
        let wasTraining = model.encoder.isTraining
        model.encoder.eval()
        defer { model.encoder.train(wasTraining) }
        model.encoder.setRequiresGrad(false)
        defer { model.encoder.setRequiresGrad(true) }
        var r = data.renderer
        r.differentiation = .firstOrder
        let h = try model.encoder(r.draw(generative: Variable(g), nuisance: alpha))
        let hn = try h / h.norm(axes: [1], keepdims: true)
        var sq = Tensor.zeros(alpha.shape)
        for _ in 0..<probes {
            let eps = rademacher(hn.shape, rng: &rng)
            let grad = try Autodiff.gradients(of: (hn * Variable(eps)).sum(), wrt: [alpha])[0].value
            sq = try sq + grad.square()
        }
        return try (sq / Float(probes)).mean(axes: [0]).sqrt().array
    }
}

extension SpirographEvaluation {
    /// h̄ of the first `count` examples of `part`, averaged over `passes` draws (running mean).
    public func averagedFeatures(_ part: SpirographDataset.Part, count: Int, passes: Int) throws -> Tensor {
        var rng = RandomStream(seed: seed, counter: 19 << 56)
        var sum: Tensor? = nil
        for _ in 0..<passes {
            let f = try features(part, Array(0..<count), rng: &rng)
            sum = try sum.map { try $0 + f } ?? f
            try Interrupt.check()
        }
        return (sum ?? Tensor.zeros([0])) * (1 / Float(Swift.max(passes, 1)))
    }
}
