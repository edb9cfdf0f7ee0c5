/// An error from a data source or transformation: what failed, and why in terms the
/// user can act on (which file, what was expected).
///
/// Example message: `cifar10: '/data/test_batch.bin' is truncated: 30730 bytes is not a
/// whole number of 3073-byte records (1 label byte + 3072 pixel bytes)`.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
    public let op: String
    public let message: String

    public init(_ op: String, _ message: String) {
        self.op = op
        self.message = message
    }

    public var description: String { "\(op): \(message)" }
}
