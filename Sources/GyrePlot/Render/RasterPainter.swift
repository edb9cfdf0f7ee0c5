import Foundation

/// Draws pictures: `imshow` images, heatmaps (with optional cell values) and image grids.
struct RasterPainter {
    let canvas: CairoCanvas
    let geometry: AxesGeometry

    /// The rectangle covering data `0…w × 0…h` (row 0 at the top when y is flipped).
    private func dataRect(width: Double, height: Double) -> Rect? {
        guard let x0 = geometry.x.position(0), let x1 = geometry.x.position(width),
              let y0 = geometry.y.position(0), let y1 = geometry.y.position(height) else { return nil }
        return Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
    }

    func drawImage(_ s: ImageSeries) {
        let img = s.image
        guard img.width > 0, img.height > 0,
              let rect = dataRect(width: Double(img.width), height: Double(img.height)) else { return }
        let pixels = img.argbPixels(colormap: s.colormap, lower: s.lower, upper: s.upper)
        canvas.drawImage(pixels, width: img.width, height: img.height, in: rect, smooth: false)
    }

    func drawHeatmap(_ h: HeatmapSeries) {
        guard h.rows > 0, h.columns > 0,
              let rect = dataRect(width: Double(h.columns), height: Double(h.rows)) else { return }
        let pixels = h.values.map { h.colormap.argb($0, lower: h.lower, upper: h.upper) }
        canvas.drawImage(pixels, width: h.columns, height: h.rows, in: rect, smooth: false)
        if h.annotate { annotate(h, in: rect) }
    }

    /// Writes each cell's value in black or white, whichever reads better on its colour.
    private func annotate(_ h: HeatmapSeries, in rect: Rect) {
        let cellW = rect.width / Double(h.columns), cellH = rect.height / Double(h.rows)
        let size = min(Theme.annotation.size, cellH * 0.45, cellW * 0.3)
        guard size >= Theme.minimumTextSize else { return }
        let style = TextStyle(size: size)
        let decimals = (h.values.filter { $0.isFinite }.map(abs).max() ?? 0) < 10 ? 2 : 0
        for r in 0..<h.rows {
            for c in 0..<h.columns {
                let v = h.values[r * h.columns + c]
                guard v.isFinite else { continue }
                let span = h.upper - h.lower
                let cell = h.colormap.color(at: span != 0 ? (v - h.lower) / span : 0.5)
                var text = String(format: "%.\(decimals)f", v)
                if text.hasPrefix("-") { text = "−" + text.dropFirst() }
                guard canvas.measure(text, style).width <= cellW * 0.95 else { continue }
                let centre = Point(x: rect.minX + (Double(c) + 0.5) * cellW, y: rect.minY + (Double(r) + 0.5) * cellH)
                canvas.drawText(text, at: centre, style: style, color: cell.luminance > 0.5 ? Theme.textColor : .white,
                                anchor: .middle, baseline: .middle)
            }
        }
    }

    func drawGrid(_ g: ImageGridSeries) {
        for (image, tile) in zip(g.images, geometry.tiles) {
            guard image.width > 0, image.height > 0 else { continue }
            let fitted = fit(image, in: tile)
            let pixels = image.argbPixels(colormap: g.colormap, lower: 0, upper: 1)
            canvas.drawImage(pixels, width: image.width, height: image.height, in: fitted, smooth: false)
        }
        for caption in geometry.captions {
            canvas.drawText(caption.text, at: caption.origin, style: caption.style, color: Theme.textColor,
                            anchor: caption.anchor, baseline: caption.baseline)
        }
    }

    /// The largest rectangle with the image's aspect ratio centred in `tile`.
    private func fit(_ image: PlotImage, in tile: Rect) -> Rect {
        let aspect = Double(image.height) / Double(image.width)
        if tile.height / tile.width > aspect {
            let h = tile.width * aspect
            return Rect(x: tile.minX, y: tile.midY - h / 2, width: tile.width, height: h)
        }
        let w = tile.height / aspect
        return Rect(x: tile.midX - w / 2, y: tile.minY, width: w, height: tile.height)
    }
}
