import Foundation
import GyrePlot
import GyreLang

/// A figure as a language value: prints a one-line summary, renders to PNG for reports.
public final class FigureHandle: Handle, FigureRendering {
    public let figure: Figure
    public var typeName: String { "figure" }
    public var summary: String { "<\(figure.summary)>" }
    public var figureName: String? { figure.title ?? figure.axes.first?.title }

    public init(_ figure: Figure) { self.figure = figure }

    public func pngData() throws -> Data { try figure.pngData() }

    public func field(_ name: String) -> Value? {
        switch name {
        case "rows": return .number(Float(figure.rows))
        case "cols": return .number(Float(figure.columns))
        case "title": return figure.title.map { .string($0) } ?? Value.none
        case "size": return .list([.number(Float(figure.width)), .number(Float(figure.height))])
        case "dpi": return .number(Float(figure.dpi))
        default: return nil
        }
    }
    public var fieldNames: [String] { ["rows", "cols", "title", "size", "dpi"] }
}
