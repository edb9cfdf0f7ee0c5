import Foundation

/// How ticks are chosen for an axis.
enum TickMode {
    /// Nice numbers (1-2-5, or decades on log axes).
    case numeric
    /// Pixel/cell indices `0…count-1`, each at the centre of its unit (images, heatmaps).
    case index(Int)
    /// Ticks given by the user or by category names.
    case custom([Tick])
}

/// Final limits, scale and tick mode of one axis.
struct ResolvedAxis {
    var lower: Double
    var upper: Double
    var scale: AxisScale
    var mode: TickMode
}

/// The data range seen on one axis while fitting limits.
private struct Extent {
    var lo = Double.infinity
    var hi = -Double.infinity
    /// Values the 5 % margin must not cross (a bar's baseline).
    var sticky: [Double] = []
    let log: Bool

    mutating func add(_ v: Double) {
        guard v.isFinite, !log || v > 0 else { return }
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
    }

    mutating func add(_ values: [Double]) {
        for v in values { add(v) }
    }

    var isEmpty: Bool { lo > hi }
}

/// Fits axis limits to the data: 5 % margins for points and lines, none past a bar's
/// baseline, exact edges for images and heatmaps; degenerate ranges are widened.
enum Autoscale {
    static func resolve(_ axes: Axes) -> (x: ResolvedAxis, y: ResolvedAxis) {
        if let raster = rasterSize(axes) {
            let x = ResolvedAxis(lower: 0, upper: raster.width, scale: .linear, mode: .index(Int(raster.width)))
            let y = ResolvedAxis(lower: raster.height, upper: 0, scale: .linear, mode: .index(Int(raster.height)))
            return (apply(axes.xLimits, axes.xTicks, to: x), apply(axes.yLimits, axes.yTicks, to: y))
        }
        var xs = Extent(log: axes.xScale == .log), ys = Extent(log: axes.yScale == .log)
        for s in axes.series { accumulate(s, &xs, &ys) }
        let x = fit(xs, axes.xScale), y = fit(ys, axes.yScale)
        return (apply(axes.xLimits, axes.xTicks, to: x), apply(axes.yLimits, axes.yTicks, to: y))
    }

    /// Width × height in data units of the pictures on these axes, if any.
    private static func rasterSize(_ axes: Axes) -> (width: Double, height: Double)? {
        var size: (width: Double, height: Double)?
        for s in axes.series {
            let next: (Double, Double)
            switch s {
            case let .image(i): next = (Double(i.image.width), Double(i.image.height))
            case let .heatmap(h): next = (Double(h.columns), Double(h.rows))
            case .imageGrid: next = (1, 1)
            default: continue
            }
            size = (Swift.max(size?.width ?? 0, next.0), Swift.max(size?.height ?? 0, next.1))
        }
        guard let found = size else { return nil }
        return (Swift.max(found.width, 1), Swift.max(found.height, 1))
    }

    private static func accumulate(_ s: Series, _ xs: inout Extent, _ ys: inout Extent) {
        switch s {
        case let .line(l):
            xs.add(l.x); ys.add(l.y)
        case let .scatter(p):
            xs.add(p.x); ys.add(p.y)
        case let .bars(b):
            for i in b.lefts.indices where b.heights[i].isFinite && b.lefts[i].isFinite {
                xs.add(b.lefts[i]); xs.add(b.lefts[i] + b.widths[i])
                ys.add(b.bottoms[i]); ys.add(b.bottoms[i] + b.heights[i])
                ys.sticky.append(b.bottoms[i])
            }
        case let .errorBars(e):
            for i in e.x.indices where e.x[i].isFinite && e.y[i].isFinite {
                xs.add(e.x[i]); ys.add(e.y[i])
                if let lo = e.yLower?[i], lo.isFinite { ys.add(e.y[i] - abs(lo)) }
                if let hi = e.yUpper?[i], hi.isFinite { ys.add(e.y[i] + abs(hi)) }
                if let xe = e.xErrors?[i], xe.isFinite { xs.add(e.x[i] - abs(xe)); xs.add(e.x[i] + abs(xe)) }
            }
        case let .band(b):
            xs.add(b.x); ys.add(b.lower); ys.add(b.upper)
        case .image, .imageGrid, .heatmap:
            break
        }
    }

    private static func fit(_ e: Extent, _ scale: AxisScale) -> ResolvedAxis {
        let log = scale == .log
        guard !e.isEmpty else {
            return ResolvedAxis(lower: log ? 1 : 0, upper: log ? 10 : 1, scale: scale, mode: .numeric)
        }
        var (lo, hi) = log ? (log10(e.lo), log10(e.hi)) : (e.lo, e.hi)
        if lo == hi {
            let d = log ? 0.5 : (lo == 0 ? 0.5 : abs(lo) * 0.05)
            (lo, hi) = (lo - d, hi + d)
        } else {
            let pad = 0.05 * (hi - lo)
            var (plo, phi) = (lo - pad, hi + pad)
            for s in e.sticky where s.isFinite && (!log || s > 0) {
                let v = log ? log10(s) : s
                if v <= lo && v > plo { plo = v }
                if v >= hi && v < phi { phi = v }
            }
            (lo, hi) = (plo, phi)
        }
        if !(hi - lo).isFinite || hi - lo <= 0 { (lo, hi) = (e.lo - 1, e.lo + 1) }
        return ResolvedAxis(lower: log ? pow(10, lo) : lo, upper: log ? pow(10, hi) : hi, scale: scale, mode: .numeric)
    }

    private static func apply(_ limits: AxisLimits?, _ ticks: [Tick]?, to axis: ResolvedAxis) -> ResolvedAxis {
        var out = axis
        if let limits, axis.scale == .linear || (limits.lower > 0 && limits.upper > 0) {
            out.lower = limits.lower
            out.upper = limits.upper
        }
        if let ticks { out.mode = .custom(ticks) }
        return out
    }
}
