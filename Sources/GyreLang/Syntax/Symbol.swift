import Foundation

/// An interned identifier: a small integer that stands for a name string.
///
/// The parser interns every identifier once, so the interpreter finds variables by
/// array index instead of hashing strings (a global is `slots[symbol.id]`). Two symbols
/// are equal exactly when their names are equal, in every run of the process.
///
///     let s = Symbol("loss")
///     s.name                 // "loss"
///     s == Symbol("loss")    // true (same id)
public struct Symbol: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Dense, starting at 0, in order of first use in the process.
    public let id: Int

    public init(_ name: String) { id = SymbolTable.shared.intern(name) }
    public init(stringLiteral name: String) { self.init(name) }
    /// A symbol already in the table.
    init(id: Int) { self.id = id }

    /// The name as written in source.
    public var name: String { SymbolTable.shared.name(of: id) }
    public var description: String { name }

    /// Orders by name, so sorted symbols read alphabetically.
    public static func < (a: Symbol, b: Symbol) -> Bool { a.name < b.name }
}

/// The process-wide intern table behind `Symbol`: append-only, so an id never changes
/// meaning, and locked, so parsers on different threads may intern at once. Only
/// parsing and error paths touch it; evaluation uses the ids alone.
final class SymbolTable: @unchecked Sendable {
    static let shared = SymbolTable()

    private let lock = NSLock()
    private var ids: [String: Int] = [:]
    private var names: [String] = []

    func intern(_ name: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[name] { return id }
        names.append(name)
        ids[name] = names.count - 1
        return names.count - 1
    }

    func name(of id: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[id]
    }

    /// The id of `name` if it was ever interned (a name never interned is bound nowhere).
    func existingID(_ name: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return ids[name]
    }
}
