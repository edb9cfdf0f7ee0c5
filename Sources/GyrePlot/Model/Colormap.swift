/// A colour map from [0, 1] to colours, linearly interpolated between evenly spaced stops.
///
/// The perceptual maps (viridis, magma, plasma, inferno) use ten samples of matplotlib's
/// tables, which is visually indistinguishable from the 256-entry originals at plot sizes.
/// A 256-entry premultiplied ARGB32 table is built once for fast image mapping.
public struct Colormap: Sendable, Equatable {
    public let name: String
    let stops: [Color]
    let table: [UInt32]

    public init(name: String, stops: [Color]) {
        self.name = name
        self.stops = stops.isEmpty ? [.black, .white] : stops
        let built = self.stops
        self.table = (0..<256).map { Colormap.interpolate(built, Double($0) / 255).argb32 }
    }

    /// The colour at `t`, clamped to [0, 1]; NaN gives a transparent colour.
    public func color(at t: Double) -> Color {
        guard !t.isNaN else { return .clear }
        return Colormap.interpolate(stops, t)
    }

    /// Premultiplied ARGB32 for `value` scaled from [lower, upper]; NaN is transparent.
    func argb(_ value: Double, lower: Double, upper: Double) -> UInt32 {
        guard !value.isNaN else { return 0 }
        let span = upper - lower
        let t = span != 0 && span.isFinite ? (value - lower) / span : 0.5
        let index = Int((min(1, max(0, t)) * 255).rounded())
        return table[index]
    }

    private static func interpolate(_ stops: [Color], _ t: Double) -> Color {
        let clamped = min(1, max(0, t))
        guard stops.count > 1 else { return stops.first ?? .black }
        let position = clamped * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        return stops[i].blended(with: stops[i + 1], position - Double(i))
    }

    private static func hexStops(_ hex: [String]) -> [Color] {
        hex.compactMap { Color(hex: $0) }
    }

    public static let viridis = Colormap(name: "viridis", stops: hexStops([
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e",
        "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"]))
    public static let magma = Colormap(name: "magma", stops: hexStops([
        "#000004", "#180f3d", "#440f76", "#721f81", "#9e2f7f",
        "#cd4071", "#f1605d", "#fd9668", "#feca8d", "#fcfdbf"]))
    public static let plasma = Colormap(name: "plasma", stops: hexStops([
        "#0d0887", "#47039f", "#7301a8", "#9c179e", "#bd3786",
        "#d8576b", "#ed7953", "#fb9f3a", "#fdca26", "#f0f921"]))
    public static let inferno = Colormap(name: "inferno", stops: hexStops([
        "#000004", "#1b0c41", "#4a0c6b", "#781c6d", "#a52c60",
        "#cf4446", "#ed6925", "#fb9b06", "#f7d13d", "#fcffa4"]))
    public static let coolwarm = Colormap(name: "coolwarm", stops: hexStops([
        "#3b4cc0", "#6788ee", "#9abbff", "#c9d7f0", "#edd1c2", "#f7a889", "#e26952", "#b40426"]))
    /// Black (0) to white (1): the default for greyscale images.
    public static let gray = Colormap(name: "gray", stops: [.black, .white])
    /// White (0) to black (1), as matplotlib's "Greys".
    public static let greys = Colormap(name: "greys", stops: [.white, .black])

    public static let all: [Colormap] = [viridis, magma, plasma, inferno, coolwarm, gray, greys]

    /// Looks a map up by name (case-insensitive; `"grey"` is accepted for `"gray"`).
    public static func named(_ name: String) -> Colormap? {
        let key = name.lowercased() == "grey" ? "gray" : name.lowercased()
        return all.first { $0.name == key }
    }

    public static func == (lhs: Colormap, rhs: Colormap) -> Bool {
        lhs.name == rhs.name && lhs.stops == rhs.stops
    }
}
