import Foundation
import Testing
@testable import GyrePlot

/// Writes a gallery of figures to `$GYREPLOT_GALLERY` (when set) for a human to look at.
/// Without the variable the figures are still built and rendered in memory.
@Suite("Gallery")
struct GalleryTests {
    static let folder = ProcessInfo.processInfo.environment["GYREPLOT_GALLERY"]

    private func output(_ fig: Figure, _ name: String) throws {
        if let folder = GalleryTests.folder {
            try fig.save(to: folder + "/" + name + ".png")
            try fig.save(to: folder + "/" + name + ".svg")
        } else {
            _ = try fig.render()
        }
    }

    @Test func lineWithLegend() throws {
        let fig = Figure()
        let ax = fig.axes[0]
        let x = (0...200).map { Double($0) / 20 }
        try ax.plot(x: x, y: x.map { sin($0) }, label: "sin x")
        try ax.plot(x: x, y: x.map { cos($0) }, dash: .dashed, label: "cos x")
        try ax.plot(x: x.filter { Int($0 * 20) % 10 == 0 }, y: x.filter { Int($0 * 20) % 10 == 0 }.map { sin($0) * cos($0) },
                    dash: .dotted, marker: .circle, markerSize: 5, label: "sin x · cos x")
        ax.title = "Trigonometric functions"
        ax.xLabel = "x (radians)"
        ax.yLabel = "f(x)"
        ax.grid = true
        try output(fig, "line")
    }

    @Test func scatterAndHistogram() throws {
        var rng = SplitMix(seed: 7)
        let xs = (0..<300).map { _ in rng.nextGaussian() }
        let ys = xs.map { 0.6 * $0 + 0.8 * rng.nextGaussian() }
        let fig = Figure(width: 9, height: 4, dpi: 100, rows: 1, columns: 2)
        try fig.axes[0].scatter(x: xs, y: ys, sizes: xs.map { 4 + 3 * abs($0) }, values: ys, alpha: 0.8, label: "samples")
        fig.axes[0].title = "Scatter (colour = y)"
        fig.axes[0].xLabel = "α"
        fig.axes[0].yLabel = "β"
        try fig.axes[1].hist(xs, bins: 25, density: true, alpha: 0.7, label: "x")
        try fig.axes[1].hist(ys, bins: 25, density: true, alpha: 0.5, label: "y")
        let grid = stride(from: -4.0, through: 4.0, by: 0.05).map { $0 }
        let norm = 1 / (2 * Double.pi).squareRoot()
        let pdf: [Double] = grid.map { (v: Double) -> Double in norm * exp(-v * v / 2) }
        try fig.axes[1].plot(x: grid, y: pdf, color: .black,
                             lineWidth: 1, label: "N(0, 1)")
        fig.axes[1].title = "Histogram (density)"
        fig.axes[1].xLabel = "value"
        fig.axes[1].yLabel = "density"
        fig.title = "Samples from a correlated Gaussian"
        try output(fig, "scatter_hist")
    }

    @Test func heatmap() throws {
        let names = ["rotation", "scale", "shift", "hue", "width"]
        var values: [Double] = []
        for i in 0..<5 { for j in 0..<5 { values.append(i == j ? 1 : cos(Double(i * 7 + j * 3)) * 0.6) } }
        let fig = Figure(width: 5.5, height: 4.5)
        try fig.axes[0].heatmap(values, rows: 5, columns: 5, colormap: .coolwarm, lower: -1, upper: 1,
                                colorbarLabel: "correlation ρ", rowLabels: names, columnLabels: names, annotate: true)
        fig.axes[0].title = "Correlation of nuisance factors"
        try output(fig, "heatmap")
        let big = Figure()
        let field: [Double] = (0..<(40 * 60)).map { (i: Int) -> Double in
            sin(Double(i % 60) / 8) * cos(Double(i / 60) / 5)
        }
        try big.axes[0].heatmap(field, rows: 40, columns: 60, colormap: .magma)
        big.axes[0].title = "Magma heatmap 40×60"
        try output(big, "heatmap_big")
    }

    @Test func imageGrid() throws {
        var images: [PlotImage] = []
        for k in 0..<16 {
            var px = [Float](repeating: 0, count: 3 * 32 * 32)
            for y in 0..<32 {
                for x in 0..<32 {
                    let t = Double(k) / 16 * 2 * .pi
                    let dx = Double(x) - 16 - 8 * cos(t), dy = Double(y) - 16 - 8 * sin(t)
                    let v = Float(exp(-(dx * dx + dy * dy) / 30))
                    px[y * 32 + x] = v
                    px[1024 + y * 32 + x] = v * Float(k) / 16
                    px[2048 + y * 32 + x] = 0.2 + 0.6 * v
                }
            }
            images.append(try PlotImage(width: 32, height: 32, channels: 3, pixels: px))
        }
        let fig = try Figure.imageGrid(images, columns: 8, captions: (0..<16).map { "α=\($0 * 22)°" },
                                       title: "Spirograph samples")
        try output(fig, "image_grid")
    }

    @Test func subplots2x2() throws {
        let fig = Figure(width: 8, height: 6, rows: 2, columns: 2)
        fig.title = "Training runs: λ ∈ {0, 10⁻²}"
        let epochs = (1...50).map(Double.init)
        let a = try #require(fig.axes(row: 0, column: 0))
        try a.plot(x: epochs, y: epochs.map { 5 * exp(-$0 / 10) + 0.5 }, label: "λ = 0")
        try a.plot(x: epochs, y: epochs.map { 5 * exp(-$0 / 8) + 0.3 }, label: "λ = 10⁻²")
        try a.fillBetween(x: epochs, lower: epochs.map { 5 * exp(-$0 / 8) + 0.1 },
                          upper: epochs.map { 5 * exp(-$0 / 8) + 0.5 }, color: Color.cycle[1])
        a.title = "Loss"
        a.xLabel = "epoch"
        a.yLabel = "NT-Xent loss"
        let b = try #require(fig.axes(row: 0, column: 1))
        try b.plot(x: epochs, y: epochs.map { 1e3 * exp(-$0 / 5) + 0.01 }, marker: .square, markerSize: 3, label: "‖∇α‖²")
        b.yScale = .log
        b.title = "Gradient penalty (log scale)"
        b.xLabel = "epoch"
        b.grid = true
        let c = try #require(fig.axes(row: 1, column: 0))
        try c.bar(categories: ["CNN", "ResNet-18", "CNN+avg", "ResNet+avg"], heights: [71.2, 78.5, 74.9, 81.3])
        try c.errorbar(x: [0, 1, 2, 3], y: [71.2, 78.5, 74.9, 81.3], yErrors: [1.2, 0.8, 1.1, 0.6], color: .black,
                       marker: .none, connect: false)
        c.yLimits = try AxisLimits(60, 85)
        c.title = "Linear evaluation accuracy"
        c.yLabel = "accuracy (%)"
        let d = try #require(fig.axes(row: 1, column: 1))
        try d.errorbar(x: [1, 2, 4, 8, 16], y: [0.9, 0.6, 0.45, 0.33, 0.3], yErrors: [0.1, 0.08, 0.05, 0.04, 0.03],
                       label: "conditional variance")
        d.xScale = .log
        d.title = "Feature averaging"
        d.xLabel = "passes"
        d.yLabel = "variance σ²"
        try output(fig, "subplots")
    }

    @Test func imshowWithColorbar() throws {
        var px: [Float] = []
        for y in 0..<28 { for x in 0..<28 { px.append(Float(sin(Double(x) / 4) * cos(Double(y) / 5) * 0.5 + 0.5)) } }
        let fig = Figure(width: 4, height: 3.5)
        fig.axes[0].imshow(try PlotImage(width: 28, height: 28, channels: 1, pixels: px), colormap: .viridis,
                           colorbar: true)
        fig.axes[0].title = "Feature map"
        try output(fig, "imshow")
    }

    @Test func edgeCases() throws {
        let fig = Figure(width: 7, height: 3, dpi: 100, rows: 1, columns: 2)
        let a = fig.axes[0]
        try a.plot(y: [120_000, 340_000, 260_000, 410_000], marker: .diamond)
        a.yLabel = "a very long y label: mean squared reconstruction error α·σ² per pixel"
        a.xLabel = "step"
        a.title = "Long labels shrink instead of being clipped"
        let b = fig.axes[1]
        let names = ["rotation", "translation", "scale", "hue shift", "line width", "background", "foreground"]
        try b.bar(categories: names, heights: [3, 5, 2, 4, 6, 1, 2], color: Color(name: "tab:green"))
        b.title = "Crowded categories"
        try output(fig, "edge_cases")
    }
}
