import Testing
@testable import GyreLang

/// The host-facing interpreter API used by the REPL, notebooks and completion.
@Suite struct SessionTests {
    private func session() -> (Interpreter, () -> String) {
        let interp = Interpreter(registry: .core())
        var out = ""
        interp.output = { out += $0 }
        return (interp, { defer { out = "" }; return out })
    }

    @Test func namesPersistAcrossRuns() {
        let (interp, output) = session()
        #expect(interp.run("a = 2\nfn twice(x) { x * a }").ok)
        #expect(interp.run("twice(21)").ok)
        #expect(output() == "42\n")
        #expect(interp.globals.values.keys.sorted() == ["a", "twice"])
        #expect(interp.visibleNames.prefix(2) == ["a", "twice"])
        #expect(interp.visibleNames.contains("sum"))
        if case .function(let f)? = interp.globals.lookup("twice") { #expect(f.name == "twice") }
        else { Issue.record("twice is not a function") }
    }

    @Test func errorsKeepVariables() {
        let (interp, output) = session()
        _ = interp.run("k = 1\nk = k + 1\nnope + 1")
        #expect(interp.run("k").ok)
        #expect(output() == "2\n")
    }

    @Test func resetForgetsGlobalsButNotBuiltins() {
        let (interp, output) = session()
        _ = interp.run("pi = 3\nq = 1")
        interp.reset()
        #expect(interp.globals.lookup("q") == nil)
        #expect(!interp.run("q").ok)
        #expect(interp.run("pi > 3.14").ok)
        #expect(output() == "true\n")
    }

    @Test func hostDefinedGlobalsAreVisible() {
        let (interp, output) = session()
        interp.globals.define("from_host", .number(7))
        #expect(interp.run("from_host * 2").ok)
        #expect(output() == "14\n")
        interp.globals.remove("from_host")
        #expect(!interp.run("from_host").ok)
    }

    @Test func scalarLoopMatchesClosedForm() {
        let (interp, _) = session()
        #expect(interp.run("s = 0\nfor i in 0..1000 { s = s + i }", display: false).ok)
        if case .number(let s)? = interp.globals.lookup("s") { #expect(s == 499_500) }
        else { Issue.record("s is not a number") }
    }
}
