import GyreTensor

/// The Spirograph dataset: seeded generative factors for a train and a test part, with
/// images rendered on demand from fresh nuisance draws (the paper: 100,000 / 20,000, two
/// views sharing the generative factors). Only the factors are stored (4 floats an image);
/// `cacheImages` keeps the images of the fixed evaluation draw once rendered.
///
///     let data = try SpirographDataset(trainSize: 1000, testSize: 200, seed: 0)
///     var rng = RandomStream(seed: 1)
///     for idx in try data.batches(.train, batchSize: 256, epoch: 0) {
///         let b = try data.batch(.train, indices: idx, rng: &rng)   // b.images [256, 3, 32, 32]
///     }
public final class SpirographDataset: CustomStringConvertible {
    public enum Part: String, CaseIterable, Sendable { case train, test }

    /// One batch: its generative factors, the nuisance draw α and the rendered images.
    public struct Batch {
        public let indices: [Int]
        public let generative: Tensor
        public let nuisance: Tensor
        public let images: Tensor
    }

    public let renderer: SpirographRenderer
    public let prior: SpiroPrior
    public let seed: UInt64
    public let cacheImages: Bool
    private let factors: [Part: Tensor]
    private var fixed: [Part: (nuisance: Tensor, images: Tensor?)] = [:]

    /// Streams at disjoint Philox counter ranges, so each use of the seed is independent.
    private enum Stream: UInt64 { case factors = 0, fixedTrain = 1, fixedTest = 2, shuffle = 3 }
    private func stream(_ s: Stream, _ sub: UInt64 = 0) -> RandomStream {
        RandomStream(seed: seed, counter: (s.rawValue << 48) &+ (sub << 26))
    }

    public init(trainSize: Int = 100_000, testSize: Int = 20_000, seed: UInt64 = 0, prior: SpiroPrior = SpiroPrior(),
                renderer: SpirographRenderer = SpirographRenderer(), cacheImages: Bool = false) throws {
        guard trainSize >= 0, testSize >= 0 else {
            throw DataError("spirograph", "train and test sizes must be non-negative, got \(trainSize) and \(testSize)")
        }
        self.renderer = renderer
        self.prior = prior
        self.seed = seed
        self.cacheImages = cacheImages
        var rng = RandomStream(seed: seed, counter: Stream.factors.rawValue << 48)
        let all = prior.sampleGenerative(trainSize + testSize, split: renderer.split, rng: &rng)
        let g = renderer.split.generative.count
        factors = [
            .train: try all.reshaped([trainSize + testSize, g])[[.slice(start: 0, stop: trainSize, step: 1)]],
            .test: try all[[.slice(start: trainSize, stop: trainSize + testSize, step: 1)]],
        ]
    }

    public var split: SpiroSplit { renderer.split }
    public var factorNames: [String] { SpiroFactor.allCases.map(\.name) }
    public var generativeNames: [String] { split.generative.map(\.name) }
    public var nuisanceNames: [String] { split.nuisance.map(\.name) }

    public func count(_ part: Part) -> Int { factors[part]?.shape[0] ?? 0 }

    /// One line: sizes, the split, normalisation, seed and caching.
    public var description: String {
        "Spirograph dataset: \(count(.train)) train / \(count(.test)) test, \(split), "
            + "\(renderer.normalization.rawValue) normalisation, seed \(seed)\(cacheImages ? ", evaluation images cached" : "")"
    }

    /// All generative factors of a part [N, G].
    public func generative(_ part: Part) -> Tensor { factors[part] ?? Tensor.zeros([0, split.generative.count]) }

    /// Generative factors of the examples at `indices` [k, G].
    public func generative(_ part: Part, indices: [Int]) throws -> Tensor {
        let n = count(part)
        if let bad = indices.first(where: { $0 < 0 || $0 >= n }) {
            throw DataError("spirograph", "index \(bad) is out of range for the \(part.rawValue) part of \(n) examples")
        }
        return try generative(part).indexSelect(axis: 0, indices: indices)
    }

    /// Index batches covering the part once, shuffled by (seed, epoch) unless `shuffle` is false.
    public func batches(_ part: Part, batchSize: Int, epoch: Int = 0, shuffle: Bool = true,
                        dropLast: Bool = false) throws -> [[Int]] {
        guard batchSize > 0 else { throw DataError("spirograph", "batch size must be positive, got \(batchSize)") }
        let n = count(part)
        var rng = stream(.shuffle, UInt64(truncatingIfNeeded: epoch) &* 2 &+ (part == .train ? 0 : 1))
        let order = shuffle ? rng.permutation(n) : Array(0..<n)
        var out: [[Int]] = []
        var start = 0
        while start < n {
            let end = Swift.min(n, start + batchSize)
            if end - start < batchSize && dropLast { break }
            out.append(Array(order[start..<end]))
            start = end
        }
        return out
    }

    /// Fresh nuisance draws α [count, N] from the dataset's prior.
    public func sampleNuisance(_ count: Int, rng: inout RandomStream) -> Tensor {
        prior.sampleNuisance(count, split: split, rng: &rng)
    }

    /// Images of the examples at `indices` under the given nuisance [k, N] (no-grad fast path).
    public func images(_ part: Part, indices: [Int], nuisance: Tensor) throws -> Tensor {
        try renderer.render(generative: generative(part, indices: indices), nuisance: nuisance)
    }

    /// A batch with a fresh nuisance draw from `rng`.
    public func batch(_ part: Part, indices: [Int], rng: inout RandomStream) throws -> Batch {
        let g = try generative(part, indices: indices)
        let a = sampleNuisance(indices.count, rng: &rng)
        return Batch(indices: indices, generative: g, nuisance: a, images: try renderer.render(generative: g, nuisance: a))
    }

    /// The fixed evaluation draw of α for a part [N, N_α] (seeded, the same every call).
    public func fixedNuisance(_ part: Part) -> Tensor {
        if let f = fixed[part] { return f.nuisance }
        var rng = stream(part == .train ? .fixedTrain : .fixedTest)
        let a = sampleNuisance(count(part), rng: &rng)
        fixed[part] = (a, nil)
        return a
    }

    /// Images of `indices` under the fixed evaluation draw; cached for the whole part when `cacheImages`.
    public func fixedImages(_ part: Part, indices: [Int]) throws -> Tensor {
        _ = try generative(part, indices: indices)                // range check with a clear message
        let a = fixedNuisance(part)
        if cacheImages {
            let all: Tensor
            if let cached = fixed[part]?.images { all = cached } else {
                all = try renderer.render(generative: generative(part), nuisance: a)
                fixed[part] = (a, all)
            }
            return try all.indexSelect(axis: 0, indices: indices)
        }
        return try images(part, indices: indices, nuisance: a.indexSelect(axis: 0, indices: indices))
    }

    /// Whether the fixed-draw images of `part` are held in memory.
    public func isCached(_ part: Part) -> Bool { fixed[part]?.images != nil }
}
