import Foundation
import GyreTensor
import GyrePlot
import GyreLang

/// Figures: every plotting builtin draws into a figure (a new one, or `fig:` at axes `ax:`)
/// and returns it; the figure is shown in notebook reports automatically.
extension BuiltinRegistry {
    func registerPlot() {
        family("figures", "plots, image grids and heatmaps rendered with Cairo (PNG, SVG, PDF)")
        let deco: [Param] = [
            Param("fig", .optional(.handle("figure")), default: Value.none, "draw into this figure (default: a new one)"),
            Param("ax", .integer, default: .number(0), "which axes of a figure with subplots (row-major)"),
            Param("title", .optional(.string), default: Value.none), Param("xlabel", .optional(.string), default: Value.none),
            Param("ylabel", .optional(.string), default: Value.none),
            Param("xlog", .bool, default: .bool(false)), Param("ylog", .bool, default: .bool(false)),
            Param("xlim", .optional(.list), default: Value.none, "[low, high]"), Param("ylim", .optional(.list), default: Value.none),
            Param("grid", .bool, default: .bool(false)),
            Param("legend", .string, default: .string("best"), "legend place: best, upper right, …, none"),
            Param("size", .optional(.list), default: Value.none, "[width, height] in inches for a new figure"),
        ]
        let style: [Param] = [Param("color", .optional(.string), default: Value.none, "a name (\"red\", \"C1\") or \"#rrggbb\""),
                              Param("label", .optional(.string), default: Value.none, "legend entry")]

        register(BuiltinSpec("figure", family: "figures", summary: "An empty figure with rows × cols subplots.",
                             example: "f = figure(rows: 1, cols: 2, size: [8, 3])",
                             params: [Param("rows", .integer, default: .number(1)), Param("cols", .integer, default: .number(1)),
                                      Param("size", .optional(.list), default: Value.none), Param("dpi", .number, default: .number(100)),
                                      Param("title", .optional(.string), default: Value.none)]) { a, interp in
            let (w, h) = try inches(a, rows: try a.int("rows"), cols: try a.int("cols"))
            let dpi = try a.float("dpi")
            guard dpi >= 10 && dpi <= 1200 else { throw RuntimeError("bad argument 'dpi' to 'figure': must be between 10 and 1200", at: a.spanOf("dpi")) }
            guard try a.int("rows") >= 1, try a.int("cols") >= 1, try a.int("rows") <= 16, try a.int("cols") <= 16 else {
                throw RuntimeError("figure: rows and cols must be between 1 and 16", at: a.span)
            }
            let f = Figure(width: w, height: h, dpi: Double(dpi), rows: try a.int("rows"), columns: try a.int("cols"))
            f.title = try a.optionalString("title")
            return emit(FigureHandle(f), interp)
        })
        register(BuiltinSpec("subplots", family: "figures", summary: "A figure with a grid of axes (same as figure(rows:, cols:)).",
                             example: "f = subplots(2, 2)",
                             params: [Param("rows", .integer), Param("cols", .integer), Param("size", .optional(.list), default: Value.none),
                                      Param("title", .optional(.string), default: Value.none)]) { a, interp in
            let r = try a.int("rows"), c = try a.int("cols")
            guard (1...16).contains(r), (1...16).contains(c) else { throw RuntimeError("subplots: rows and cols must be between 1 and 16", at: a.span) }
            let (w, h) = try inches(a, rows: r, cols: c)
            let f = Figure(width: w, height: h, rows: r, columns: c)
            f.title = try a.optionalString("title")
            return emit(FigureHandle(f), interp)
        })
        register(BuiltinSpec("plot", family: "figures", summary: "A line plot of y (against x if given).",
                             example: "plot(linspace(0, 6, 50), sin(linspace(0, 6, 50)), label: \"sin\", title: \"a wave\")",
                             params: [Param("x", .array), Param("y", .optional(.array), default: Value.none)] + style
                                + [Param("width", .number, default: .number(1.5)), Param("dash", .string, default: .string("-"), "-, --, : or -."),
                                   Param("marker", .string, default: .string("none"), "o s ^ D + x . or none")] + deco) { a, interp in
            let (xs, ys) = try xy(a)
            guard let dash = LineDash(name: try a.string("dash")) else { throw RuntimeError("bad argument 'dash' to 'plot': expected -, --, : or -.", at: a.spanOf("dash")) }
            let marker = try parseMarker(a)
            return try draw(a, interp) { ax in
                try ax.plot(x: xs, y: ys, color: try color(a), lineWidth: Double(try a.float("width")), dash: dash, marker: marker, label: try a.optionalString("label"))
            }
        })
        register(BuiltinSpec("scatter", family: "figures", summary: "Points at (x, y); `s` sets sizes, `c` colours points by value.",
                             example: "scatter(randn([50], seed: 0), randn([50], seed: 1), c: arange(50))",
                             params: [Param("x", .array), Param("y", .array), Param("s", .optional(.array), default: Value.none, "size(s) in points"),
                                      Param("c", .optional(.array), default: Value.none, "values mapped through cmap"),
                                      Param("cmap", .string, default: .string("viridis")), Param("marker", .string, default: .string("o")),
                                      Param("alpha", .number, default: .number(1))] + style + deco) { a, interp in
            let xs = try doubles(a, "x"), ys = try doubles(a, "y")
            var sizes: [Double]? = nil, size = 6.0
            if !a.isNone("s") { let s = try doubles(a, "s"); if s.count == 1 { size = s[0] } else { sizes = s } }
            let values = a.isNone("c") ? nil : try doubles(a, "c")
            let cmap = try colormap(a, "cmap")
            let marker = try parseMarker(a)
            return try draw(a, interp) { ax in
                try ax.scatter(x: xs, y: ys, sizes: sizes, size: size, values: values, colormap: cmap, color: try color(a),
                               marker: marker, alpha: Double(try a.float("alpha")), label: try a.optionalString("label"))
            }
        })
        register(BuiltinSpec("hist", family: "figures", summary: "A histogram of the values (density: true normalises the area to 1).",
                             example: "hist(randn([1000], seed: 0), bins: 30, density: true)",
                             params: [Param("values", .array), Param("bins", .integer, default: .number(10)),
                                      Param("range", .optional(.list), default: Value.none, "[low, high] of the bins (share edges between overlaid histograms)"),
                                      Param("density", .bool, default: .bool(false)), Param("alpha", .number, default: .number(1))] + style + deco) { a, interp in
            let v = try doubles(a, "values")
            var range: (Double, Double)? = nil
            if !a.isNone("range") {
                let r = try doubles(a, "range")
                guard r.count == 2, r[0] < r[1], r.allSatisfy(\.isFinite) else {
                    throw RuntimeError("bad argument 'range' to 'hist': expected [low, high] with low < high", at: a.spanOf("range"))
                }
                range = (r[0], r[1])
            }
            return try draw(a, interp) { ax in
                try ax.hist(v, bins: try a.int("bins"), range: range, density: try a.bool("density"), color: try color(a),
                            alpha: Double(try a.float("alpha")), label: try a.optionalString("label"))
            }
        })
        register(BuiltinSpec("bar", family: "figures", summary: "Bars of `heights` at x positions, or at category names (a list of strings).",
                             example: "bar([\"m\", \"b\", \"σ\", \"r\"], [0.1, 0.4, 0.2, 0.3])",
                             params: [Param("x", .any), Param("heights", .array), Param("width", .number, default: .number(0.8))] + style + deco) { a, interp in
            let h = try doubles(a, "heights")
            if case .list(let xs) = a["x"], xs.allSatisfy({ if case .string = $0 { return true }; return false }) {
                let names = xs.map { v -> String in if case .string(let s) = v { return s }; return "" }
                return try draw(a, interp) { ax in try ax.bar(categories: names, heights: h, width: Double(try a.float("width")), color: try color(a), label: try a.optionalString("label")) }
            }
            let xs = try doubles(a, "x")
            return try draw(a, interp) { ax in try ax.bar(x: xs, heights: h, width: Double(try a.float("width")), color: try color(a), label: try a.optionalString("label")) }
        })
        register(BuiltinSpec("errorbar", family: "figures", summary: "Points (x, y) with symmetric error bars yerr.",
                             example: "errorbar([1, 2, 3], [2, 3, 2.5], yerr: [0.2, 0.3, 0.1])",
                             params: [Param("x", .array), Param("y", .array), Param("yerr", .array)] + style + deco) { a, interp in
            let xs = try doubles(a, "x"), ys = try doubles(a, "y"), e = try doubles(a, "yerr")
            return try draw(a, interp) { ax in try ax.errorbar(x: xs, y: ys, yErrors: e, color: try color(a), label: try a.optionalString("label")) }
        })
        register(BuiltinSpec("band", family: "figures", summary: "A shaded band between lower and upper (fill_between).",
                             example: "band([0, 1, 2], [0, 1, 1], [1, 2, 3], alpha: 0.3)",
                             params: [Param("x", .array), Param("lower", .array), Param("upper", .array), Param("alpha", .number, default: .number(0.25))] + style + deco) { a, interp in
            let xs = try doubles(a, "x"), lo = try doubles(a, "lower"), hi = try doubles(a, "upper")
            return try draw(a, interp) { ax in try ax.fillBetween(x: xs, lower: lo, upper: hi, color: try color(a), alpha: Double(try a.float("alpha")), label: try a.optionalString("label")) }
        })
        register(BuiltinSpec("imshow", family: "figures", summary: "One image: [3, H, W] or [H, W, 3] RGB, or [H, W] greyscale (through cmap), values in [0, 1].",
                             example: "imshow(rand([8, 8], seed: 0), cmap: \"magma\", colorbar: true)",
                             params: [Param("image", .array), Param("cmap", .string, default: .string("gray")),
                                      Param("vmin", .number, default: .number(0)), Param("vmax", .number, default: .number(1)),
                                      Param("colorbar", .bool, default: .bool(false))] + deco) { a, interp in
            let img = try plotImage(try a.tensor("image"), name: "image", a)
            let cmap = try colormap(a, "cmap")
            return try draw(a, interp) { ax in
                ax.imshow(img, colormap: cmap, lower: Double(try a.float("vmin")), upper: Double(try a.float("vmax")), colorbar: try a.bool("colorbar"))
            }
        })
        register(BuiltinSpec("image_grid", family: "figures", summary: "A sheet of N images [N, 3, H, W] (or [N, H, W]) in a grid, with optional captions.",
                             example: "image_grid(rand([6, 3, 8, 8], seed: 0), cols: 3)",
                             params: [Param("images", .array), Param("cols", .optional(.integer), default: Value.none),
                                      Param("captions", .optional(.list), default: Value.none), Param("title", .optional(.string), default: Value.none),
                                      Param("cmap", .string, default: .string("gray")),
                                      Param("tile", .optional(.number), default: Value.none, "tile size in inches (default: from the image size)")]) { a, interp in
            let t = try a.tensor("images")
            guard t.rank == 4 || t.rank == 3, t.shape[0] >= 1 else {
                throw RuntimeError("bad argument 'images' to 'image_grid': expected [N, C, H, W] or [N, H, W], got \(Shape.describe(t.shape))", at: a.spanOf("images"))
            }
            guard t.shape[0] <= 1024 else { throw RuntimeError("image_grid: at most 1024 images, got \(t.shape[0])", at: a.spanOf("images")) }
            let images = try (0..<t.shape[0]).map { try plotImage(try t[[.index($0)]], name: "images", a) }
            let captions = try a.isNone("captions") ? nil : a.list("captions").map { v -> String in
                interp.printed(v)
            }
            var tile: Double? = nil
            if let t = try a.optionalFloat("tile") {
                guard t >= 0.2 && t <= 10 else { throw RuntimeError("bad argument 'tile' to 'image_grid': must be between 0.2 and 10 inches", at: a.spanOf("tile")) }
                tile = Double(t)
            }
            let f = try Figure.imageGrid(images, columns: try a.optionalInt("cols"), captions: captions, title: try a.optionalString("title"),
                                         tileInches: tile, colormap: try colormap(a, "cmap"))
            return emit(FigureHandle(f), interp)
        })
        register(BuiltinSpec("heatmap", family: "figures", summary: "A matrix as coloured cells with a colour bar (viridis by default).",
                             example: "heatmap(outer([1, 2, 3], [1, 2]), annotate: true)",
                             params: [Param("values", .array), Param("cmap", .string, default: .string("viridis")),
                                      Param("vmin", .optional(.number), default: Value.none), Param("vmax", .optional(.number), default: Value.none),
                                      Param("annotate", .bool, default: .bool(false)), Param("colorbar_label", .optional(.string), default: Value.none),
                                      Param("row_labels", .optional(.list), default: Value.none), Param("col_labels", .optional(.list), default: Value.none)] + deco) { a, interp in
            let t = try a.tensor("values")
            guard t.rank == 2 else { throw RuntimeError("bad argument 'values' to 'heatmap': expected a matrix, got shape \(Shape.describe(t.shape))", at: a.spanOf("values")) }
            let labels = { (n: String) throws -> [String]? in try a.isNone(n) ? nil : a.list(n).map { interp.printed($0) } }
            let cmap = try colormap(a, "cmap")
            return try draw(a, interp) { ax in
                try ax.heatmap(t.array.map(Double.init), rows: t.shape[0], columns: t.shape[1], colormap: cmap,
                               lower: try a.optionalFloat("vmin").map(Double.init), upper: try a.optionalFloat("vmax").map(Double.init),
                               colorbarLabel: try a.optionalString("colorbar_label"), rowLabels: try labels("row_labels"),
                               columnLabels: try labels("col_labels"), annotate: try a.bool("annotate"))
            }
        })
        register(BuiltinSpec("savefig", family: "figures", summary: "Writes a figure to a file; the extension picks PNG, SVG or PDF (written atomically).",
                             example: "savefig(plot([1, 3, 2]), \"/tmp/gyre-example.png\")",
                             params: [Param("fig", .handle("figure")), Param("path", .string)]) { a, _ in
            let f = try a.handle("fig", as: FigureHandle.self)
            let path = NSString(string: try a.string("path")).expandingTildeInPath
            do { try f.figure.save(to: path) } catch { throw RuntimeError("savefig: \(error)", at: a.spanOf("path")) }
            return .string(path)
        })
    }
}

// MARK: - Helpers

private func emit(_ h: FigureHandle, _ interp: Interpreter) -> Value {
    interp.emit(h)
    return .handle(h)
}

/// Adds to `fig:` (or a new figure), applies the decoration arguments, returns the figure.
private func draw(_ a: Arguments, _ interp: Interpreter, _ body: (Axes) throws -> Void) throws -> Value {
    let handle: FigureHandle
    if a.isNone("fig") {
        let (w, h) = try inches(a, rows: 1, cols: 1)
        handle = FigureHandle(Figure(width: w, height: h))
    } else {
        handle = try a.handle("fig", as: FigureHandle.self)
    }
    let k = try a.int("ax")
    guard k >= 0 && k < handle.figure.axes.count else {
        throw RuntimeError("bad argument 'ax' to '\(a.builtin)': the figure has \(handle.figure.axes.count) axes (0…\(handle.figure.axes.count - 1)), got \(k)", at: a.spanOf("ax"))
    }
    let ax = handle.figure.axes[k]
    do { try body(ax) } catch let e as PlotError { throw RuntimeError("\(a.builtin): \(e)", at: a.span) }
    if let t = try a.optionalString("title") { ax.title = t }
    if let t = try a.optionalString("xlabel") { ax.xLabel = t }
    if let t = try a.optionalString("ylabel") { ax.yLabel = t }
    if try a.bool("xlog") { ax.xScale = .log }
    if try a.bool("ylog") { ax.yScale = .log }
    if try a.bool("grid") { ax.grid = true }
    if let l = try limits(a, "xlim") { ax.xLimits = l }
    if let l = try limits(a, "ylim") { ax.yLimits = l }
    guard let loc = LegendLocation(name: try a.string("legend")) else {
        throw RuntimeError("bad argument 'legend' to '\(a.builtin)': expected best, upper right, upper left, lower left, lower right, none, …", at: a.spanOf("legend"))
    }
    ax.legend = loc
    return emit(handle, interp)
}

private func inches(_ a: Arguments, rows: Int, cols: Int) throws -> (Double, Double) {
    guard a.values["size"] != nil, !a.isNone("size") else {
        return (Double(Swift.min(16, 4.8 + 2.2 * Double(Swift.max(cols - 1, 0)) + (cols > 1 ? 0 : 1.6))), Double(Swift.min(12, 3.6 * Double(rows) + (rows > 1 ? 0 : 1.2))))
    }
    let s = try doubles(a, "size")
    guard s.count == 2, s.allSatisfy({ $0 >= 1 && $0 <= 40 }) else {
        throw RuntimeError("bad argument 'size' to '\(a.builtin)': expected [width, height] in inches, each between 1 and 40", at: a.spanOf("size"))
    }
    return (s[0], s[1])
}

private func limits(_ a: Arguments, _ name: String) throws -> AxisLimits? {
    guard !a.isNone(name) else { return nil }
    let v = try doubles(a, name)
    guard v.count == 2 else { throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': expected [low, high]", at: a.spanOf(name)) }
    do { return try AxisLimits(v[0], v[1]) } catch { throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': \(error)", at: a.spanOf(name)) }
}

/// A numeric argument flattened to Doubles.
func doubles(_ a: Arguments, _ name: String) throws -> [Double] {
    try a.tensor(name).array.map(Double.init)
}

private func xy(_ a: Arguments) throws -> ([Double]?, [Double]) {
    if a.isNone("y") { return (nil, try doubles(a, "x")) }
    return (try doubles(a, "x"), try doubles(a, "y"))
}

private func color(_ a: Arguments) throws -> Color? {
    guard let name = try a.optionalString("color") else { return nil }
    guard let c = Color(name: name) else {
        throw RuntimeError("bad argument 'color' to '\(a.builtin)': unknown colour \"\(name)\" (try a name like \"red\", \"C1\" or \"#1f77b4\")", at: a.spanOf("color"))
    }
    return c
}

private func colormap(_ a: Arguments, _ name: String) throws -> Colormap {
    let n = try a.string(name)
    guard let c = Colormap.named(n) else {
        throw RuntimeError("bad argument '\(name)' to '\(a.builtin)': unknown colour map \"\(n)\" (viridis, magma, plasma, inferno, coolwarm, gray, greys)", at: a.spanOf(name))
    }
    return c
}

private func parseMarker(_ a: Arguments) throws -> Marker {
    let n = try a.string("marker")
    guard let m = Marker(name: n) else {
        throw RuntimeError("bad argument 'marker' to '\(a.builtin)': unknown marker \"\(n)\" (o s ^ D + x . none)", at: a.spanOf("marker"))
    }
    return m
}

/// An image tensor as a PlotImage: [C, H, W] (C = 1, 3, 4), [H, W, C] or [H, W].
func plotImage(_ t: Tensor, name: String, _ a: Arguments) throws -> PlotImage {
    func bad() -> RuntimeError {
        RuntimeError("bad argument '\(name)' to '\(a.builtin)': expected an image [3, H, W], [H, W, 3] or [H, W], got \(Shape.describe(t.shape))", at: a.spanOf(name))
    }
    do {
        switch t.rank {
        case 2: return try PlotImage(width: t.shape[1], height: t.shape[0], channels: 1, pixels: t.array)
        case 3 where [1, 3, 4].contains(t.shape[0]):
            return try PlotImage(width: t.shape[2], height: t.shape[1], channels: t.shape[0], pixels: t.array, layout: .chw)
        case 3 where [1, 3, 4].contains(t.shape[2]):
            return try PlotImage(width: t.shape[1], height: t.shape[0], channels: t.shape[2], pixels: t.array, layout: .hwc)
        default: throw bad()
        }
    } catch let e as RuntimeError { throw e } catch { throw bad() }
}
