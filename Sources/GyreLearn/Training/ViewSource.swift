import GyreTensor
import GyreAutodiff
import GyreData

/// Where SimCLR's two views come from: the one thing that differs between the Spirograph
/// and the image recipes. `SimCLRTrainer` owns the loop, the loss, the regulariser, the
/// optimiser and checkpoints; a view source owns the data, the batching and the
/// transformation t(x, α) with its prior p(α).
///
/// Randomness comes only from the `rng` the trainer passes in (plus the source's own
/// seeded per-epoch shuffle), so runs are reproducible and resumable bit for bit.
public protocol SimCLRViewSource: AnyObject {
    /// Training examples available (an epoch is at most `trainCount / batchSize` steps).
    var trainCount: Int { get }
    /// What the views are made of, for messages ("Spirograph", "images").
    var kind: String { get }
    /// The training batches of `epoch`: a seeded shuffle, incomplete last batch dropped.
    func batches(batchSize: Int, epoch: Int) throws -> [[Int]]
    /// Two views of the examples at `indices`. With `differentiable`, view 1 must be
    /// computed (with the graph recorded) from `alpha`, a leaf holding the α₁ the
    /// regulariser differentiates; otherwise no graph is needed for either view.
    func views(indices: [Int], differentiable: Bool, rng: inout RandomStream) throws -> SimCLRViews
    /// α′ [samples, batch, dα]: fresh draws from the prior of α, for the regulariser.
    func extraAlpha(samples: Int, batch: Int, rng: inout RandomStream) throws -> Tensor
}

/// The two views of a batch and the differentiable transformation parameters of view 1.
public struct SimCLRViews {
    public let view1: Variable
    public let view2: Variable
    /// α₁ [B, dα]; a leaf that `view1` depends on when the views were made differentiable.
    public let alpha: Variable
    public init(view1: Variable, view2: Variable, alpha: Variable) {
        self.view1 = view1; self.view2 = view2; self.alpha = alpha
    }
}

/// Spirograph views: shared generative factors, two independent nuisance draws α₁, α₂
/// (α is all 6 nuisance factors), rendered on the fly; view 1 is drawn through the
/// differentiable renderer when the regulariser is on.
public final class SpirographViews: SimCLRViewSource {
    public let data: SpirographDataset
    /// The renderer used for the differentiable view 1 (first-order or exact derivatives).
    public let gpRenderer: SpirographRenderer

    public init(data: SpirographDataset, differentiation: SpirographRenderer.Differentiation = .firstOrder) {
        self.data = data
        var r = data.renderer
        r.differentiation = differentiation
        gpRenderer = r
    }

    public var trainCount: Int { data.count(.train) }
    public var kind: String { "Spirograph" }

    public func batches(batchSize: Int, epoch: Int) throws -> [[Int]] {
        try data.batches(.train, batchSize: batchSize, epoch: epoch, dropLast: true)
    }

    public func views(indices: [Int], differentiable: Bool, rng: inout RandomStream) throws -> SimCLRViews {
        let b = indices.count
        let g = try data.generative(.train, indices: indices)
        let a1 = data.sampleNuisance(b, rng: &rng), a2 = data.sampleNuisance(b, rng: &rng)
        let alpha = Variable.leaf(a1, name: "alpha")
        let x1 = differentiable ? try gpRenderer.draw(generative: Variable(g), nuisance: alpha)
                                : Variable(try data.renderer.render(generative: g, nuisance: a1))
        let x2 = Variable(try data.renderer.render(generative: g, nuisance: a2))
        return SimCLRViews(view1: x1, view2: x2, alpha: alpha)
    }

    public func extraAlpha(samples: Int, batch: Int, rng: inout RandomStream) throws -> Tensor {
        let a = data.sampleNuisance(samples * batch, rng: &rng)
        return try a.reshaped([samples, batch, a.shape[1]])
    }
}
