/// A point in drawing space (points while laying out, device pixels in public layouts).
public struct Point: Sendable, Equatable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x), \(y))" }
}

/// An axis-aligned rectangle; `y` grows downwards as on every Cairo surface.
public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
    public var center: Point { Point(x: midX, y: midY) }
    public var area: Double { max(0, width) * max(0, height) }

    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// True when `other` lies entirely inside this rectangle.
    public func contains(_ other: Rect) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// Shrinks by the given amounts on each side; never produces a negative size.
    public func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
        Rect(x: x + left, y: y + top,
             width: max(1, width - left - right), height: max(1, height - top - bottom))
    }

    public func insetBy(_ d: Double) -> Rect {
        inset(left: d, top: d, right: d, bottom: d)
    }

    public func intersection(_ other: Rect) -> Rect? {
        let x0 = max(minX, other.minX), y0 = max(minY, other.minY)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        guard x1 > x0, y1 > y0 else { return nil }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    public func scaled(by s: Double) -> Rect {
        Rect(x: x * s, y: y * s, width: width * s, height: height * s)
    }

    /// The same rectangle with its edges moved to whole device pixels (for crisp images).
    func snapped(scale s: Double) -> Rect {
        let x0 = (minX * s).rounded() / s, y0 = (minY * s).rounded() / s
        let x1 = (maxX * s).rounded() / s, y1 = (maxY * s).rounded() / s
        return Rect(x: x0, y: y0, width: max(x1 - x0, 1 / s), height: max(y1 - y0, 1 / s))
    }

    public var description: String { "Rect(x: \(x), y: \(y), w: \(width), h: \(height))" }
}
