import Foundation

/// Draws a laid-out figure onto a canvas whose user space is in points.
///
/// Order per axes: grid lines, data (clipped to the data area), pictures, frame and
/// ticks, texts, colour bar, legend — so decorations are never hidden by data.
enum FigureRenderer {
    static func draw(_ figure: FigureGeometry, scale: Double, on canvas: CairoCanvas) {
        canvas.paint(Theme.background)
        let decorations = DecorationPainter(canvas: canvas, scale: scale)
        decorations.draw(figure.title)
        for g in figure.axes { drawAxes(g, scale: scale, canvas, decorations) }
    }

    private static func drawAxes(_ g: AxesGeometry, scale: Double, _ canvas: CairoCanvas,
                                 _ decorations: DecorationPainter) {
        let axisPainter = AxisPainter(canvas: canvas, geometry: g, scale: scale)
        if g.axes.grid && g.axes.showAxes { axisPainter.drawGrid() }
        canvas.save()
        canvas.clip(to: g.plot)
        let raster = RasterPainter(canvas: canvas, geometry: g)
        let series = SeriesPainter(canvas: canvas, x: g.x, y: g.y, bounds: g.plot.insetBy(-20))
        for s in g.axes.series {
            switch s {
            case let .image(i): raster.drawImage(i)
            case let .heatmap(h): raster.drawHeatmap(h)
            case .imageGrid: break
            default: series.draw(s)
            }
        }
        canvas.restore()
        for case let .imageGrid(grid) in g.axes.series { raster.drawGrid(grid) }
        if g.axes.showAxes { axisPainter.drawFrameAndTicks() }
        decorations.draw(g.title)
        decorations.draw(g.xLabel)
        decorations.draw(g.yLabel)
        if let c = g.colorbar { decorations.drawColorbar(c) }
        if let l = g.legend { decorations.drawLegend(l) }
    }
}
