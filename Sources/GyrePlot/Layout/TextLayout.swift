import Foundation

/// Text shrunk (down to `Theme.minimumTextSize`) and then cut with "…" so it fits a length.
struct FittedText {
    var text: String
    var style: TextStyle
    var size: TextSize

    static func fit(_ text: String, _ style: TextStyle, maxWidth: Double, _ m: TextMeasuring) -> FittedText {
        var current = style
        var size = m.measure(text, current)
        guard size.width > maxWidth, maxWidth > 0 else { return FittedText(text: text, style: style, size: size) }
        let shrunk = current.size * maxWidth / size.width
        current.size = max(Theme.minimumTextSize, shrunk.rounded(.down))
        size = m.measure(text, current)
        if size.width <= maxWidth { return FittedText(text: text, style: current, size: size) }
        let chars = Array(text)
        var lo = 0, hi = chars.count
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if m.measure(String(chars[0..<mid]) + "…", current).width <= maxWidth { lo = mid } else { hi = mid - 1 }
        }
        let cut = String(chars[0..<lo]) + "…"
        return FittedText(text: cut, style: current, size: m.measure(cut, current))
    }
}

/// A text run with its final position and the box it covers.
struct PlacedText {
    var text: String
    var style: TextStyle
    var origin: Point
    var anchor: TextAnchor
    var baseline: TextBaseline
    /// 0 (horizontal) or π/2 (reading bottom-to-top).
    var angle: Double
    var box: Rect

    init(_ fitted: FittedText, at origin: Point, anchor: TextAnchor, baseline: TextBaseline, angle: Double = 0) {
        self.text = fitted.text
        self.style = fitted.style
        self.origin = origin
        self.anchor = anchor
        self.baseline = baseline
        self.angle = angle
        self.box = PlacedText.box(fitted, origin, anchor, baseline, angle)
    }

    /// Mirrors `CairoCanvas.drawText`'s placement.
    private static func box(_ t: FittedText, _ o: Point, _ anchor: TextAnchor, _ baseline: TextBaseline,
                            _ angle: Double) -> Rect {
        let w = t.size.width
        let dx: Double
        switch anchor {
        case .start: dx = 0
        case .middle: dx = -w / 2
        case .end: dx = -w
        }
        let dy: Double
        switch baseline {
        case .top: dy = t.size.ascent
        case .middle: dy = 0.365 * t.style.size
        case .baseline: dy = 0
        case .bottom: dy = -t.size.descent
        }
        let top = dy - t.size.ascent
        if angle == 0 {
            return Rect(x: o.x + dx, y: o.y + top, width: w, height: t.size.height)
        }
        // Rotated by +π/2: local (lx, ly) lands at (o.x + ly, o.y - lx).
        return Rect(x: o.x + top, y: o.y - dx - w, width: t.size.height, height: w)
    }
}

extension Collection where Element == FittedText {
    var maxWidth: Double { map { $0.size.width }.max() ?? 0 }
}
