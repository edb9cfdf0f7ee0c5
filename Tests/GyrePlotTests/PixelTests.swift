import Foundation
import Testing
@testable import GyrePlot

@Suite("Pixels land where the data says")
struct PixelTests {
    @Test("a red line between two points crosses the expected pixels")
    func redLine() throws {
        let fig = Figure(width: 4, height: 3, dpi: 100)
        try fig.axes[0].plot(x: [0, 10], y: [0, 5], color: .red, lineWidth: 2)
        let r = try fig.render()
        let ax = r.layout.axes[0]
        for t in stride(from: 0.05, through: 0.95, by: 0.05) {
            let p = try #require(ax.pixel(x: 10 * t, y: 5 * t))
            #expect(TestSupport.isReddish(r.pixel(at: p)), "t = \(t) at \(p): \(String(describing: r.pixel(at: p)))")
        }
        // Well off the line it is background.
        let off = try #require(ax.pixel(x: 8, y: 1))
        #expect((r.pixel(at: off)?.brightness ?? 0) > 250)
    }

    @Test("a scatter point lands at its data coordinates")
    func scatterPoint() throws {
        let fig = Figure(width: 4, height: 3, dpi: 120)
        try fig.axes[0].scatter(x: [1, 2, 3], y: [30, 10, 20], size: 10, color: Color(red: 0, green: 0, blue: 1))
        let r = try fig.render()
        let ax = r.layout.axes[0]
        for (x, y) in [(1.0, 30.0), (2, 10), (3, 20)] {
            let p = try #require(ax.pixel(x: x, y: y))
            let c = try #require(r.pixel(at: p))
            #expect(c.blue > 200 && c.red < 60 && c.green < 60, "\(x), \(y): \(c)")
            #expect(ax.plotRect.contains(p))
        }
        let empty = try #require(ax.pixel(x: 1, y: 10))
        #expect((r.pixel(at: empty)?.brightness ?? 0) > 250)
    }

    @Test("image k of an image grid lands in tile k with its colours")
    func imageGridTiles() throws {
        let colours: [(Float, Float, Float)] = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (0, 1, 1)]
        let images = try colours.map { try TestSupport.solidImage($0.0, $0.1, $0.2) }
        let fig = try Figure.imageGrid(images, columns: 3, captions: ["r", "g", "b", "y", "c"], title: "Samples")
        let r = try fig.render()
        let tiles = r.layout.axes[0].tiles
        #expect(tiles.count == 5)
        // Row-major: tile 1 is right of tile 0, tile 3 is below tile 0.
        #expect(tiles[1].minX > tiles[0].maxX && abs(tiles[1].minY - tiles[0].minY) < 0.5)
        #expect(tiles[3].minY > tiles[0].maxY && abs(tiles[3].minX - tiles[0].minX) < 0.5)
        for (k, tile) in tiles.enumerated() {
            let c = try #require(r.pixel(at: tile.center))
            let expected = colours[k].0 > 0.5 ? 255 : 0
            #expect(abs(Int(c.red) - expected) < 3, "tile \(k): \(c)")
            #expect(abs(Int(c.green) - (colours[k].1 > 0.5 ? 255 : 0)) < 3, "tile \(k): \(c)")
            #expect(abs(Int(c.blue) - (colours[k].2 > 0.5 ? 255 : 0)) < 3, "tile \(k): \(c)")
            // Corners of the tile too (no blurring at the edges).
            let inner = Point(x: tile.minX + 1.5, y: tile.minY + 1.5)
            #expect(r.pixel(at: inner) == c)
        }
    }

    @Test("greyscale images go through the colour map; HWC equals CHW")
    func imageLayouts() throws {
        let chw = try PlotImage(width: 2, height: 1, channels: 3, pixels: [1, 0, 0, 1, 0, 0])
        let hwc = try PlotImage(width: 2, height: 1, channels: 3, pixels: [1, 0, 0, 0, 1, 0], layout: .hwc)
        #expect(chw.argbPixels(colormap: .gray, lower: 0, upper: 1) == hwc.argbPixels(colormap: .gray, lower: 0, upper: 1))
        let grey = try PlotImage(width: 2, height: 1, channels: 1, pixels: [0, 1])
        #expect(grey.argbPixels(colormap: .gray, lower: 0, upper: 1) == [0xFF00_0000, 0xFFFF_FFFF])
        let fig = Figure(width: 3, height: 3, dpi: 100)
        fig.axes[0].imshow(grey)
        let r = try fig.render()
        let ax = r.layout.axes[0]
        #expect(r.pixel(at: try #require(ax.pixel(x: 0.5, y: 0.5)))?.brightness == 0)
        #expect(r.pixel(at: try #require(ax.pixel(x: 1.5, y: 0.5)))?.brightness == 255)
    }

    @Test("the title area has dark text pixels")
    func titleText() throws {
        let fig = Figure(width: 4, height: 3, dpi: 100)
        try fig.axes[0].plot(y: [1, 3, 2])
        fig.axes[0].title = "Training loss (λ = 0.1)"
        let r = try fig.render()
        let rect = try #require(r.layout.axes[0].titleRect)
        #expect(rect.minY >= 0 && rect.maxY <= r.layout.axes[0].plotRect.minY)
        #expect(TestSupport.darkPixels(r, in: rect) > 40)
    }

    @Test("a long y label stays fully inside the canvas", arguments: [1, 2])
    func longYLabel(rows: Int) throws {
        let fig = Figure(width: 3, height: 2, dpi: 100, rows: rows, columns: 1)
        for ax in fig.axes {
            try ax.plot(y: [1e5, 3e5, 2e5])
            ax.yLabel = "a very long y label: mean squared reconstruction error α·σ² per pixel"
            ax.xLabel = "epoch"
        }
        let r = try fig.render()
        let canvas = Rect(x: 0, y: 0, width: Double(r.width), height: Double(r.height))
        for ax in r.layout.axes {
            let label = try #require(ax.yLabelRect)
            #expect(canvas.contains(label), "\(label) not inside \(canvas)")
            #expect(label.maxX <= ax.plotRect.minX)
            #expect(TestSupport.darkPixels(r, in: label) > 20)
        }
        // Nothing dark touches the edges of the image.
        let edges = [Rect(x: 0, y: 0, width: 1, height: canvas.height),
                     Rect(x: canvas.width - 1, y: 0, width: 1, height: canvas.height),
                     Rect(x: 0, y: 0, width: canvas.width, height: 1),
                     Rect(x: 0, y: canvas.height - 1, width: canvas.width, height: 1)]
        for e in edges { #expect(TestSupport.darkPixels(r, in: e, threshold: 200) == 0) }
    }

    @Test("dpi changes resolution, not layout")
    func dpiScalesOnly() throws {
        func layout(_ dpi: Double) throws -> FigureLayout {
            let fig = Figure(width: 4, height: 3, dpi: dpi)
            try fig.axes[0].plot(y: [0, 1, 4, 9])
            fig.axes[0].yLabel = "value"
            return try fig.layout()
        }
        let a = try layout(72), b = try layout(216)
        #expect(b.width == 3 * a.width && b.height == 3 * a.height)
        let ra = a.axes[0].plotRect, rb = b.axes[0].plotRect
        #expect(abs(rb.minX - 3 * ra.minX) < 0.01 && abs(rb.width - 3 * ra.width) < 0.01)
    }

    @Test("the legend goes to the emptiest corner")
    func legendPlacement() throws {
        let fig = Figure(width: 4, height: 3, dpi: 100)
        // Data crowd the upper right; the lower left is empty.
        try fig.axes[0].plot(x: [0, 5, 10], y: [5, 9, 10], label: "rising")
        try fig.axes[0].scatter(x: [8, 9, 10], y: [8, 9, 10], label: "points")
        try fig.axes[0].plot(x: [0, 10], y: [0, 0.5], label: nil)
        let r = try fig.render()
        let ax = r.layout.axes[0]
        let legend = try #require(ax.legendRect)
        #expect(ax.plotRect.contains(legend))
        #expect(legend.midY < ax.plotRect.midY || legend.midX > ax.plotRect.midX,
                "legend \(legend) in \(ax.plotRect)")
        #expect(legend.midX < ax.plotRect.midX || legend.midY > ax.plotRect.midY)
    }

    @Test("a heatmap's colour bar runs from the low colour at the bottom to the high colour at the top")
    func heatmapColorbar() throws {
        let fig = Figure(width: 4, height: 3, dpi: 100)
        try fig.axes[0].heatmap([0, 1, 2, 3], rows: 2, columns: 2)
        let r = try fig.render()
        let bar = try #require(r.layout.axes[0].colorbarRect)
        let top = try #require(r.pixel(at: Point(x: bar.midX, y: bar.minY + 2)))
        let bottom = try #require(r.pixel(at: Point(x: bar.midX, y: bar.maxY - 2)))
        #expect(top.red > 200 && top.green > 200 && top.blue < 100)  // viridis yellow
        #expect(bottom.red < 100 && bottom.blue > 60)  // viridis purple
        // Cell (row 0, column 0) holds the smallest value and sits at the top left.
        let cell = try #require(r.layout.axes[0].pixel(x: 0.5, y: 0.5))
        let c = try #require(r.pixel(at: cell))
        #expect(TestSupport.distance(c, bottom) < 8)
    }
}
