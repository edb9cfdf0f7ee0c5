import GyreTensor
import GyreAutodiff

/// The SimCLR contrastive loss (NT-Xent), composed from differentiable primitives.
///
/// With s_ab = cos(z_a[i], z_b[j]) / τ, view-1 row i scores [s12[i, :], s11[i, :]] and
/// view-2 row i scores [s22[i, :], s21[i, :]], self-similarities excluded; the positive
/// of row i is its partner in the other view. The loss is the cross-entropy averaged over
/// the 2B rows (2B − 2 negatives each), as in the paper's code:
///
///     loss = ntXent(z1, z2, temperature: 0.5)
public func ntXent(_ z1: Variable, _ z2: Variable, temperature: Float = 0.5) throws -> Variable {
    guard z1.rank == 2, z1.shape == z2.shape else {
        throw TensorError("nt_xent", "z1 \(Shape.describe(z1.shape)) and z2 \(Shape.describe(z2.shape)) must be equal [batch, dim] matrices")
    }
    guard temperature > 0 else { throw TensorError("nt_xent", "temperature must be positive, got \(temperature)") }
    let b = z1.shape[0]
    guard b >= 2 else { throw TensorError("nt_xent", "needs a batch of at least 2 pairs, got \(b)") }
    let n1 = try z1.l2Normalized(axis: 1), n2 = try z2.l2Normalized(axis: 1)
    let inv = 1 / temperature
    let s12 = try Variable.matmul(n1, n2, transposeB: true).scaled(inv)
    let s11 = try Variable.matmul(n1, n1, transposeB: true).scaled(inv)
    let s22 = try Variable.matmul(n2, n2, transposeB: true).scaled(inv)
    // Self-similarity is excluded with a large negative score (exp underflows to 0 exactly,
    // and unlike -inf it keeps every intermediate finite for the NaN guard).
    let diag = try Tensor.eye(b)
    let excluded = Variable(Tensor(-1e9))
    let s11m = try Variable.where(diag, excluded, s11), s22m = try Variable.where(diag, excluded, s22)
    let top = try Variable.concat([s12, s11m], axis: 1)
    let bottom = try Variable.concat([s22m, s12.transpose()], axis: 1)
    let scores = try Variable.concat([top, bottom], axis: 0)
    return try Variable.crossEntropy(logits: scores, targets: Array(0..<(2 * b)))
}
