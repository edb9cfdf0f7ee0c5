import GyreTensor

/// The ten factors of the Spirograph process (Foster et al. 2021, METHOD.md), in Gyre's
/// canonical order: the paper's generative factors, then its nuisance factors.
///
///     SpiroFactor.allCases.map(\.name)  // ["m", "b", "sigma", "rfore", "h", ...]
public enum SpiroFactor: Int, CaseIterable, Sendable, CustomStringConvertible {
    case m, b, sigma, rfore, h, rback, gfore, gback, bfore, bback

    /// The short name used in builtins and descriptions.
    public var name: String {
        switch self {
        case .m: return "m"
        case .b: return "b"
        case .sigma: return "sigma"
        case .rfore: return "rfore"
        case .h: return "h"
        case .rback: return "rback"
        case .gfore: return "gfore"
        case .gback: return "gback"
        case .bfore: return "bfore"
        case .bback: return "bback"
        }
    }

    public var description: String { name }

    /// The factor with this name (case-insensitive; "σ" is accepted for sigma).
    public init?(name: String) {
        let key = name.lowercased()
        if key == "σ" { self = .sigma; return }
        guard let f = SpiroFactor.allCases.first(where: { $0.name == key }) else { return nil }
        self = f
    }

    /// The published uniform range (METHOD.md).
    public var defaultBounds: ClosedRange<Float> {
        switch self {
        case .m: return 2...5
        case .b: return 0.1...1.1
        case .sigma: return 0.25...1
        case .rfore, .gfore, .bfore: return 0.4...1
        case .h: return 0.5...2.5
        case .rback, .gback, .bback: return 0...0.6
        }
    }

    /// Factors that change the curve's intensity map (the rest only colour it).
    public var shapesCurve: Bool { self == .m || self == .b || self == .sigma || self == .h }
}

/// Which factors are generative (kept by a good representation) and which are nuisance
/// (the transformation parameters α). Together they list every factor exactly once.
///
///     let paper = SpiroSplit.paper                  // 4 generative, 6 nuisance
///     let wider = try SpiroSplit(nuisance: [.h, .sigma, .rback, .gback, .bback])
public struct SpiroSplit: Equatable, Sendable, CustomStringConvertible {
    public let generative: [SpiroFactor]
    public let nuisance: [SpiroFactor]

    /// The paper's split: (m, b, σ, r_fore) generative, (h, r_back, g_fore, g_back, b_fore, b_back) nuisance.
    public static let paper = SpiroSplit(checkedGenerative: [.m, .b, .sigma, .rfore],
                                         nuisance: [.h, .rback, .gfore, .gback, .bfore, .bback])

    private init(checkedGenerative g: [SpiroFactor], nuisance n: [SpiroFactor]) {
        generative = g
        nuisance = n
    }

    /// A split with the given nuisance factors (in that order); the rest are generative, in canonical order.
    public init(nuisance: [SpiroFactor]) throws {
        let rest = SpiroFactor.allCases.filter { !nuisance.contains($0) }
        try self.init(generative: rest, nuisance: nuisance)
    }

    /// A split listing both groups explicitly (each factor exactly once overall).
    public init(generative: [SpiroFactor], nuisance: [SpiroFactor]) throws {
        let all = generative + nuisance
        guard Set(all).count == all.count else {
            throw DataError("spirograph", "a factor is listed twice in the split \(Self.describe(generative, nuisance))")
        }
        let missing = SpiroFactor.allCases.filter { !all.contains($0) }
        guard missing.isEmpty else {
            throw DataError("spirograph", "the split leaves out \(missing.map(\.name).joined(separator: ", ")); every factor must be generative or nuisance")
        }
        self.init(checkedGenerative: generative, nuisance: nuisance)
    }

    public var description: String { Self.describe(generative, nuisance) }

    static func describe(_ g: [SpiroFactor], _ n: [SpiroFactor]) -> String {
        "generative (\(g.map(\.name).joined(separator: ", "))), nuisance (\(n.map(\.name).joined(separator: ", ")))"
    }

    /// Column positions of each canonical factor in `[generative | nuisance]`.
    var canonicalColumns: [Int] {
        let order = generative + nuisance
        return SpiroFactor.allCases.map { f in order.firstIndex(of: f) ?? 0 }
    }

    /// Canonical factors [B, 10] from generative [B, G] and nuisance [B, N] tensors.
    public func combine(generative g: Tensor, nuisance n: Tensor) throws -> Tensor {
        try checkShapes(g.shape, n.shape)
        return try Tensor.concat([g, n], axis: 1).indexSelect(axis: 1, indices: canonicalColumns)
    }

    /// Splits canonical factors [B, 10] into (generative [B, G], nuisance [B, N]).
    public func separate(_ factors: Tensor) throws -> (generative: Tensor, nuisance: Tensor) {
        guard factors.rank == 2, factors.shape[1] == SpiroFactor.allCases.count else {
            throw DataError("spirograph", "factors must be [B, 10], got \(Shape.describe(factors.shape))")
        }
        return (try factors.indexSelect(axis: 1, indices: generative.map(\.rawValue)),
                try factors.indexSelect(axis: 1, indices: nuisance.map(\.rawValue)))
    }

    func checkShapes(_ g: [Int], _ n: [Int]) throws {
        guard g.count == 2, n.count == 2, g[0] == n[0], g[1] == generative.count, n[1] == nuisance.count else {
            throw DataError("spirograph", "generative \(Shape.describe(g)) and nuisance \(Shape.describe(n)) do not fit the split "
                            + "(expected [B, \(generative.count)] and [B, \(nuisance.count)])")
        }
    }
}
