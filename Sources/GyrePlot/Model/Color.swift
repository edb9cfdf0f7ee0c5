/// An sRGB colour with straight (non-premultiplied) alpha, each component in [0, 1].
public struct Color: Sendable, Equatable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = Color.clamp(red)
        self.green = Color.clamp(green)
        self.blue = Color.clamp(blue)
        self.alpha = Color.clamp(alpha)
    }

    public init(gray: Double, alpha: Double = 1) {
        self.init(red: gray, green: gray, blue: gray, alpha: alpha)
    }

    /// `#rgb`, `#rrggbb` or `#rrggbbaa` (the `#` is optional).
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard let value = UInt32(digits, radix: 16) else { return nil }
        switch digits.count {
        case 3:
            let r = Double((value >> 8) & 0xF), g = Double((value >> 4) & 0xF), b = Double(value & 0xF)
            self.init(red: r / 15, green: g / 15, blue: b / 15)
        case 6:
            self.init(red: Double((value >> 16) & 0xFF) / 255, green: Double((value >> 8) & 0xFF) / 255,
                      blue: Double(value & 0xFF) / 255)
        case 8:
            self.init(red: Double((value >> 24) & 0xFF) / 255, green: Double((value >> 16) & 0xFF) / 255,
                      blue: Double((value >> 8) & 0xFF) / 255, alpha: Double(value & 0xFF) / 255)
        default:
            return nil
        }
    }

    /// A colour from a name as a plotting user would write it: CSS names (`"red"`,
    /// `"orange"`), matplotlib letters (`"r"`, `"k"`), cycle entries (`"C0"`…`"C9"`),
    /// Tableau names (`"tab:blue"`) or hex (`"#1f77b4"`). Case-insensitive.
    public init?(name: String) {
        let key = name.lowercased().trimmingCharacters(in: .whitespaces)
        if key.hasPrefix("#") {
            self.init(hex: key)
            return
        }
        if key.count == 2, key.hasPrefix("c"), let i = Int(key.dropFirst()) {
            self = Color.cycle[i % Color.cycle.count]
            return
        }
        guard let hex = Color.namedHex[key] else { return nil }
        self.init(hex: hex)
    }

    public func withAlpha(_ a: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: a)
    }

    /// Mixes toward `other`; `t = 0` is self, `t = 1` is other.
    public func blended(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// Relative luminance (Rec. 709 weights on the gamma-encoded values; good enough to
    /// pick black or white text on top of a colour).
    public var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    /// Premultiplied ARGB32 as Cairo stores it in native byte order.
    var argb32: UInt32 {
        // The stored properties are public vars, so clamp again here.
        let a = Color.clamp(alpha)
        let r = UInt32((Color.clamp(red) * a * 255).rounded()), g = UInt32((Color.clamp(green) * a * 255).rounded())
        let b = UInt32((Color.clamp(blue) * a * 255).rounded()), a8 = UInt32((a * 255).rounded())
        return (a8 << 24) | (r << 16) | (g << 8) | b
    }

    private static func clamp(_ v: Double) -> Double {
        v.isNaN ? 0 : min(1, max(0, v))
    }

    public static let black = Color(gray: 0)
    public static let white = Color(gray: 1)
    public static let red = Color(red: 1, green: 0, blue: 0)
    public static let green = Color(red: 0, green: 0.5, blue: 0)
    public static let blue = Color(red: 0, green: 0, blue: 1)
    public static let clear = Color(gray: 0, alpha: 0)

    /// The default colour cycle (matplotlib's "tab10").
    public static let cycle: [Color] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].compactMap { Color(hex: $0) }

    private static let namedHex: [String: String] = [
        "r": "#ff0000", "g": "#008000", "b": "#0000ff", "c": "#00bfbf", "m": "#bf00bf",
        "y": "#bfbf00", "k": "#000000", "w": "#ffffff",
        "red": "#ff0000", "green": "#008000", "blue": "#0000ff", "black": "#000000",
        "white": "#ffffff", "gray": "#808080", "grey": "#808080", "lightgray": "#d3d3d3",
        "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9",
        "orange": "#ffa500", "purple": "#800080", "brown": "#a52a2a", "pink": "#ffc0cb",
        "cyan": "#00ffff", "magenta": "#ff00ff", "yellow": "#ffff00", "olive": "#808000",
        "navy": "#000080", "teal": "#008080", "maroon": "#800000", "lime": "#00ff00",
        "gold": "#ffd700", "crimson": "#dc143c", "indigo": "#4b0082", "violet": "#ee82ee",
        "darkblue": "#00008b", "darkred": "#8b0000", "darkgreen": "#006400",
        "lightblue": "#add8e6", "skyblue": "#87ceeb", "salmon": "#fa8072", "tomato": "#ff6347",
        "steelblue": "#4682b4", "seagreen": "#2e8b57", "darkorange": "#ff8c00",
        "tab:blue": "#1f77b4", "tab:orange": "#ff7f0e", "tab:green": "#2ca02c",
        "tab:red": "#d62728", "tab:purple": "#9467bd", "tab:brown": "#8c564b",
        "tab:pink": "#e377c2", "tab:gray": "#7f7f7f", "tab:grey": "#7f7f7f",
        "tab:olive": "#bcbd22", "tab:cyan": "#17becf",
    ]
}
