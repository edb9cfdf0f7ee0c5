import Foundation
import Testing
@testable import GyrePlot

@Suite("Odd data never crashes")
struct RobustnessTests {
    private func renders(_ build: (Figure) throws -> Void) throws {
        let fig = Figure(width: 3, height: 2, dpi: 80)
        try build(fig)
        let r = try fig.render()
        #expect(r.width == 240 && r.height == 160)
        _ = try fig.data(format: .svg)
    }

    @Test func emptyFigureAndEmptySeries() throws {
        try renders { _ in }
        try renders { try $0.axes[0].plot(y: []) }
        try renders { try $0.axes[0].scatter(x: [], y: []) }
        try renders { try $0.axes[0].hist([]) }
        try renders { try $0.axes[0].heatmap([], rows: 0, columns: 0) }
        try renders { try $0.axes[0].imageGrid([]) }
        try renders { try $0.axes[0].bar(categories: [], heights: []) }
    }

    @Test func nanAndInfinityAreSkipped() throws {
        try renders { try $0.axes[0].plot(y: [1, .nan, 3, .infinity, -.infinity, 2]) }
        try renders { try $0.axes[0].plot(y: [.nan, .nan]) }
        try renders { try $0.axes[0].scatter(x: [.nan, 1], y: [2, .nan], values: [.nan, .nan]) }
        try renders { try $0.axes[0].hist([.nan, .infinity, 1, 2]) }
        try renders { try $0.axes[0].heatmap([.nan, 1, .nan, .nan], rows: 2, columns: 2) }
        try renders { try $0.axes[0].fillBetween(x: [0, 1, 2, 3], lower: [0, .nan, 0, 0], upper: [1, 1, .nan, 1]) }
        try renders { try $0.axes[0].errorbar(x: [0, 1], y: [1, .nan], yErrors: [.nan, 1]) }
        try renders { fig in
            fig.axes[0].imshow(try PlotImage(width: 2, height: 2, channels: 1, pixels: [.nan, 1, 0, .infinity]))
        }
    }

    @Test func degenerateRanges() throws {
        try renders { try $0.axes[0].plot(y: [5, 5, 5]) }
        try renders { try $0.axes[0].plot(y: [0, 0]) }
        try renders { try $0.axes[0].scatter(x: [1], y: [1]) }
        try renders { try $0.axes[0].hist([3, 3, 3], bins: 5) }
        try renders { try $0.axes[0].heatmap([2, 2, 2, 2], rows: 2, columns: 2) }
        try renders { try $0.axes[0].plot(y: [1e300, -1e300, 1e-300]) }
        try renders { try $0.axes[0].plot(x: [1e15, 1e15 + 1], y: [0, 1]) }
    }

    @Test func zeroSizeImages() throws {
        let empty = try PlotImage(width: 0, height: 0, channels: 3, pixels: [])
        try renders { $0.axes[0].imshow(empty) }
        try renders { try $0.axes[0].imageGrid([empty, try TestSupport.solidImage(1, 0, 0)]) }
        #expect(throws: PlotError.self) { try PlotImage(width: 2, height: 2, channels: 3, pixels: [1]) }
        #expect(throws: PlotError.self) { try PlotImage(width: 2, height: 2, channels: 2, pixels: [1, 1, 1, 1, 1, 1, 1, 1]) }
        #expect(throws: PlotError.self) { try PlotImage(width: -1, height: 2, channels: 1, pixels: []) }
    }

    @Test func logAxesSkipNonPositive() throws {
        try renders { fig in
            try fig.axes[0].plot(x: [-1, 0, 1, 10, 100], y: [0, -5, 1, 100, 1e4])
            fig.axes[0].xScale = .log
            fig.axes[0].yScale = .log
        }
        try renders { fig in
            try fig.axes[0].plot(y: [-1, -2])
            fig.axes[0].yScale = .log
        }
        try renders { fig in
            try fig.axes[0].plot(y: [2, 3, 5])
            fig.axes[0].yScale = .log
            fig.axes[0].yLimits = try AxisLimits(-1, 10)
        }
    }

    @Test func explicitLimitsFarFromData() throws {
        try renders { fig in
            try fig.axes[0].plot(x: [0, 1e12], y: [0, 1e12])
            try fig.axes[0].fillBetween(x: [0, 1e12], lower: [-1e12, 0], upper: [1e12, 1e13])
            fig.axes[0].xLimits = try AxisLimits(0, 1)
            fig.axes[0].yLimits = try AxisLimits(1, 0)
        }
        #expect(throws: PlotError.self) { try AxisLimits(1, 1) }
        #expect(throws: PlotError.self) { try AxisLimits(.nan, 1) }
    }

    @Test func extremeValues() throws {
        let big = Double.greatestFiniteMagnitude
        try renders { try $0.axes[0].hist([-big, big, 0], bins: 4) }
        try renders { try $0.axes[0].scatter(x: [0, 1], y: [0, 1], sizes: [1e300, -1]) }
        try renders { try $0.axes[0].plot(x: [0, 1], y: [0, 1], lineWidth: 1e300, markerSize: .infinity) }
        try renders { fig in
            try fig.axes[0].plot(x: [-1e300, 0.5, 1e300], y: [1e300, 0.5, -1e300], marker: .circle)
            fig.axes[0].xLimits = try AxisLimits(0, 1)
            fig.axes[0].yLimits = try AxisLimits(0, 1)
        }
        try renders { fig in
            var c = Color.red
            c.red = .nan
            c.alpha = 7
            try fig.axes[0].heatmap([-big, big], rows: 1, columns: 2)
            try fig.axes[0].scatter(x: [0.5], y: [0.5], colors: [c])
        }
        #expect(Figure(width: .nan, height: 1e300).pixelSize.width == -1)
    }

    @Test func mismatchedLengthsThrowReadableErrors() throws {
        let ax = Figure().axes[0]
        let e = #expect(throws: PlotError.self) { try ax.plot(x: [1, 2], y: [1, 2, 3]) }
        #expect(e?.description == "plot: x has 2 values but y has 3")
        #expect(throws: PlotError.self) { try ax.scatter(x: [1], y: [1], sizes: [1, 2]) }
        #expect(throws: PlotError.self) { try ax.heatmap([1, 2, 3], rows: 2, columns: 2) }
        #expect(throws: PlotError.self) { try ax.hist([1], bins: 0) }
        #expect(throws: PlotError.self) { try ax.imageGrid([], columns: 0) }
        #expect(throws: PlotError.self) { try ax.fillBetween(x: [1], lower: [], upper: [1]) }
        #expect(ax.series.isEmpty)
    }

    @Test func tinyFiguresAndLongTexts() throws {
        let fig = Figure(width: 0.3, height: 0.2, dpi: 100, rows: 3, columns: 3)
        fig.title = String(repeating: "very long title ", count: 20)
        for ax in fig.axes {
            try ax.plot(y: [1, 2])
            ax.title = "α β γ"
            ax.xLabel = String(repeating: "x", count: 500)
        }
        _ = try fig.render()
        _ = try fig.data(format: .pdf)
    }

    @Test func summaries() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, rows: 1, columns: 2)
        try fig.axes[0].plot(y: [1, 2])
        try fig.axes[0].plot(y: [2, 1])
        fig.axes[1].imshow(try TestSupport.solidImage(1, 0, 0))
        fig.title = "Results"
        #expect(fig.summary == "Figure 6.4×4.8 in @ 100 dpi (640×480 px), 1×2 axes: 2 lines | 1 image — \"Results\"")
    }

    @Test func namesParse() {
        #expect(Color(name: "red") == .red)
        #expect(Color(name: "C1") == Color(hex: "#ff7f0e"))
        #expect(Color(name: "tab:green") == Color(hex: "2ca02c"))
        #expect(Color(name: "#abc") != nil && Color(name: "nonsense") == nil)
        #expect(Colormap.named("Viridis") == .viridis && Colormap.named("grey") == .gray)
        #expect(LineDash(name: "--") == .dashed && Marker(name: "o") == .circle)
        #expect(LegendLocation(name: "upper left") == .upperLeft && LegendLocation(name: "none") == .hidden)
    }
}
