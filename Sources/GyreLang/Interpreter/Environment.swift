/// A scope of variables. Functions get a new scope whose parent is the scope they were
/// defined in; blocks (`if`, `for`, `while`) do not create scopes.
///
/// Assignment rule: `x = …` updates the nearest enclosing scope that already has `x`,
/// stopping before the global scope when inside a function (functions read globals but
/// cannot clobber them by accident); otherwise it defines `x` in the current scope.
public final class Environment {
    public private(set) var values: [String: Value] = [:]
    public let parent: Environment?
    public let isGlobal: Bool

    public init(parent: Environment?) {
        self.parent = parent
        self.isGlobal = parent == nil
    }

    public func lookup(_ name: String) -> Value? {
        var env: Environment? = self
        while let e = env {
            if let v = e.values[name] { return v }
            env = e.parent
        }
        return nil
    }

    public func define(_ name: String, _ value: Value) { values[name] = value }

    public func assign(_ name: String, _ value: Value) {
        var env: Environment? = self
        while let e = env, !e.isGlobal || self.isGlobal {
            if e.values[name] != nil { e.values[name] = value; return }
            env = e.parent
        }
        values[name] = value
    }

    public func remove(_ name: String) { values[name] = nil }
    public func removeAll() { values.removeAll() }

    /// Every visible name (innermost first), for completion and "did you mean".
    public var visibleNames: [String] {
        var names: [String] = [], env: Environment? = self
        while let e = env { names += e.values.keys.sorted(); env = e.parent }
        return names
    }
}
