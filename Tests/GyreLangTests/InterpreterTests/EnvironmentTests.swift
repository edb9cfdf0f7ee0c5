import Testing
@testable import GyreLang

/// Interned names and the scope rules of `Environment` (docs/language.md §6, Scope).
@Suite struct EnvironmentTests {
    @Test func symbolsInternByName() {
        let a = Symbol("loss"), b = Symbol("loss"), c = Symbol("lose")
        #expect(a == b && a.id == b.id)
        #expect(a != c)
        #expect(a.name == "loss" && c.description == "lose")
        #expect([Symbol("b"), Symbol("a")].sorted().map(\.name) == ["a", "b"])
    }

    @Test func parserInternsNames() throws {
        let (program, diagnostics) = Parser.parse("fn f(x) { x }\ny = f(2)", name: "t.gy")
        #expect(diagnostics.isEmpty)
        guard case .function(let lit) = program.statements[0].kind,
              case .assign(let target, let value) = program.statements[1].kind,
              case .name(let y) = target.kind,
              case .call(let callee, _) = value.kind, case .name(let f) = callee.kind else {
            Issue.record("unexpected AST"); return
        }
        #expect(lit.name?.symbol == f && f == Symbol("f"))
        #expect(lit.parameters[0].name.symbol == Symbol("x"))
        #expect(y.name == "y")
    }

    @Test func identifierSymbolFollowsItsName() {
        var id = Identifier("a", span: .at(0))
        id.name = "b"
        #expect(id.symbol == Symbol("b"))
    }

    @Test func stringAPI() {
        let globals = Environment(parent: nil)
        globals.define("x", .number(1))
        globals.assign("y", .number(2))
        #expect(globals.values.keys.sorted() == ["x", "y"])
        #expect(globals.lookup("never-interned name ⁂") == nil)
        globals.remove("x")
        #expect(globals.lookup("x") == nil)
        #expect(globals.visibleNames == ["y"])
        globals.removeAll()
        #expect(globals.values.isEmpty)
    }

    @Test func functionScopesNeverAssignGlobals() {
        let builtins = Environment(parent: nil)
        builtins.define("sum", .number(0))
        let globals = Environment(parent: builtins, isGlobal: true)
        globals.define("w", .number(1))
        let outer = Environment(parent: globals)
        outer.define("count", .number(0))
        let inner = Environment(parent: outer)

        inner.assign("count", .number(5))   // an enclosing function's local: updated
        inner.assign("w", .number(2))       // a global: shadowed locally instead
        inner.assign("sum", .number(3))     // a builtin: shadowed locally
        #expect(number(outer.lookup("count")) == 5)
        #expect(inner.values.keys.sorted() == ["sum", "w"])
        #expect(number(globals.lookup("w")) == 1)
        #expect(number(builtins.lookup("sum")) == 0)

        globals.assign("sum", .number(9))   // top level: defines a global over the builtin
        #expect(number(globals.values["sum"]) == 9 && number(builtins.lookup("sum")) == 0)
        #expect(inner.visibleNames == ["sum", "w", "count", "sum", "w", "sum"])
    }

    @Test func functionScopeRedefinesInPlace() {
        let scope = Environment(parent: Environment(parent: nil))
        scope.define("a", .number(1))
        scope.define("b", .number(2))
        scope.define("a", .number(3))
        scope.remove("b")
        #expect(scope.values.count == 1 && number(scope.lookup("a")) == 3)
    }

    private func number(_ v: Value?) -> Float? {
        if case .number(let x)? = v { return x }
        return nil
    }
}
