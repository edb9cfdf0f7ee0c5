import Foundation
import GyreTensor
import GyreData
import GyrePlot

/// `gyre-bench figures`: a 1,000-point line plot and a 64-image Spirograph sample sheet,
/// each rendered and encoded to PNG (issue 6's target: each under 50 ms).
let plotSection = BenchSection(name: "figures", summary: "GyrePlot: a 1,000-point line plot and a 64-image grid to PNG") { options in
    var table = Table("figures rendered to PNG bytes (Cairo)", columns: ["figure", "ms", "target"])
    let xs = (0..<1000).map { Double($0) / 100 }, ys = xs.map { sin($0) + 0.1 * cos(7 * $0) }
    let line = Measure.median(reps: options.reps) {
        let fig = Figure()
        try? fig.axes[0].plot(x: xs, y: ys, label: "signal")
        fig.axes[0].title = "1,000 points"
        blackHole(try? fig.pngData())
    }
    table.add("line plot, 1,000 points, 640×480", fmt(line * 1000, 1), "< 50")
    var rng = RandomStream(seed: 0)
    let factors = SpiroPrior().sample(64, rng: &rng)
    let images = (try? SpirographRenderer().render(factors: factors)) ?? Tensor.zeros([64, 3, 32, 32])
    let plotImages = (0..<64).compactMap { i -> PlotImage? in
        guard let img = try? images[[.index(i)]] else { return nil }
        return try? PlotImage(width: 32, height: 32, channels: 3, pixels: img.array)
    }
    let grid = Measure.median(reps: options.reps) {
        blackHole(try? Figure.imageGrid(plotImages, columns: 8, title: "Spirograph").pngData())
    }
    table.add("image grid, 64 Spirograph images", fmt(grid * 1000, 1), "< 50")
    print(table.render())
}
