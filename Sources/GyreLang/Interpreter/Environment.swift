/// A scope of variables. Functions get a new scope whose parent is the scope they were
/// defined in; blocks (`if`, `for`, `while`) do not create scopes.
///
/// Assignment rule: `x = …` updates the nearest enclosing scope that already has `x`,
/// stopping before the global scope when inside a function (functions read globals but
/// cannot clobber them by accident); otherwise it defines `x` in the current scope.
///
/// Variables are keyed by interned `Symbol`s. A global scope (the session's globals and
/// the builtins above them, `isGlobal`) keeps one slot per symbol id, so a global lookup
/// is an array index; a function scope keeps its few variables in a short list searched
/// linearly. The `String` methods are for hosts (completion, `:help`); the interpreter
/// uses the `Symbol` ones.
public final class Environment {
    public let parent: Environment?
    /// True for the session-level scopes (globals, builtins); false for function scopes.
    public let isGlobal: Bool

    /// Global scopes: the value of symbol `id` at `slots[id]`, nil if unbound.
    @exclusivity(unchecked) private var slots: [Value?] = []
    /// Function scopes: `ids[i]` is bound to `locals[i]`.
    @exclusivity(unchecked) private var ids: [Int] = []
    @exclusivity(unchecked) private var locals: [Value] = []

    /// A scope below `parent`: a function scope, or the outermost (global) scope when
    /// `parent` is nil.
    public convenience init(parent: Environment?) {
        self.init(parent: parent, isGlobal: parent == nil)
    }

    /// A scope below `parent`; `isGlobal: true` makes a session-level scope that
    /// functions read but never assign into (the interpreter's globals).
    public init(parent: Environment?, isGlobal: Bool) {
        self.parent = parent
        self.isGlobal = isGlobal
    }

    // MARK: - By symbol (the evaluator's path)

    /// The value bound to `symbol` here or in the nearest enclosing scope.
    @inline(__always)
    public func lookup(_ symbol: Symbol) -> Value? {
        var env = self
        while true {
            if let v = env.local(symbol.id) { return v }
            guard let p = env.parent else { return nil }
            env = p
        }
    }

    /// Binds `symbol` in this scope (replacing any binding here).
    public func define(_ symbol: Symbol, _ value: Value) {
        let id = symbol.id
        if isGlobal {
            if id >= slots.count { slots += repeatElement(nil, count: id + 1 - slots.count) }
            slots[id] = value
        } else if let i = ids.firstIndex(of: id) {
            locals[i] = value
        } else {
            ids.append(id)
            locals.append(value)
        }
    }

    /// `symbol = value` with the assignment rule above.
    @inline(__always)
    public func assign(_ symbol: Symbol, _ value: Value) {
        if !isGlobal {
            var env = self
            while true {
                if env.update(symbol.id, value) { return }
                guard let p = env.parent, !p.isGlobal else { break }
                env = p
            }
        }
        define(symbol, value)
    }

    /// Removes `symbol`'s binding from this scope only.
    public func remove(_ symbol: Symbol) {
        let id = symbol.id
        if isGlobal {
            if id < slots.count { slots[id] = nil }
        } else if let i = ids.firstIndex(of: id) {
            ids.remove(at: i)
            locals.remove(at: i)
        }
    }

    @inline(__always)
    private func local(_ id: Int) -> Value? {
        if isGlobal { return id < slots.count ? slots[id] : nil }
        for i in ids.indices where ids[i] == id { return locals[i] }
        return nil
    }

    /// Replaces an existing binding of `id` in this scope; false if there is none.
    @inline(__always)
    private func update(_ id: Int, _ value: Value) -> Bool {
        if isGlobal {
            guard id < slots.count, slots[id] != nil else { return false }
            slots[id] = value
            return true
        }
        for i in ids.indices where ids[i] == id {
            locals[i] = value
            return true
        }
        return false
    }

    // MARK: - By name (hosts)

    /// This scope's own bindings (not its parents').
    public var values: [String: Value] {
        var out: [String: Value] = [:]
        for (symbol, value) in bindings { out[symbol.name] = value }
        return out
    }

    public func lookup(_ name: String) -> Value? {
        // A name never interned is bound nowhere.
        guard let id = SymbolTable.shared.existingID(name) else { return nil }
        return lookup(Symbol(id: id))
    }

    public func define(_ name: String, _ value: Value) { define(Symbol(name), value) }
    public func assign(_ name: String, _ value: Value) { assign(Symbol(name), value) }

    public func remove(_ name: String) {
        if let id = SymbolTable.shared.existingID(name) { remove(Symbol(id: id)) }
    }

    public func removeAll() {
        slots.removeAll()
        ids.removeAll()
        locals.removeAll()
    }

    /// Every visible name (innermost first), for completion and "did you mean".
    public var visibleNames: [String] {
        var names: [String] = [], env: Environment? = self
        while let e = env { names += e.bindings.map(\.symbol.name).sorted(); env = e.parent }
        return names
    }

    private var bindings: [(symbol: Symbol, value: Value)] {
        if isGlobal {
            return slots.indices.compactMap { i in slots[i].map { (Symbol(id: i), $0) } }
        }
        return zip(ids, locals).map { (Symbol(id: $0), $1) }
    }
}
