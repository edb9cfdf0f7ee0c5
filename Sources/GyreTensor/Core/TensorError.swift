/// An error from a tensor operation: which op failed and why, with every shape involved.
///
/// Example message: `add: shapes [2, 3] and [4] cannot be broadcast together`.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    public let op: String
    public let message: String

    public init(_ op: String, _ message: String) {
        self.op = op
        self.message = message
    }

    public var description: String { "\(op): \(message)" }

    static func shapes(_ op: String, _ shapes: [Int]..., why: String) -> TensorError {
        let list = shapes.map(Shape.describe).joined(separator: " and ")
        return TensorError(op, "shapes \(list) \(why)")
    }
}
