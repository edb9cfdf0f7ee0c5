import Testing
@testable import GyreLang

@Suite struct ParserConstructTests {
    @Test(arguments: [
        // Literals and names
        ("42", "42"),
        ("1e-3", "0.001"),
        (#""a\tb""#, #""a\tb""#),
        ("true; false; none", "(silent true)\n(silent false)\nnone"),
        ("α + λ", "(+ α λ)"),
        // Arrays and records
        ("[1, 2, 3]", "(array 1 2 3)"),
        ("[[1, 2], [3, 4]]", "(array (array 1 2) (array 3 4))"),
        ("[]", "(array)"),
        ("[1, 2,]", "(array 1 2)"),
        ("[\n 1,\n 2\n]", "(array 1 2)"),
        ("{a: 1, b: \"x\"}", #"(record a:1 b:"x")"#),
        ("{}", "(record)"),
        ("{\n  epochs: 5,\n  lambda_gp: 1e-2,\n}", "(record epochs:5 lambda_gp:0.01)"),
        ("{\"a b\": 1}", "(record a b:1)"),
        ("cfg.epochs", "(. cfg epochs)"),
        // Blocks as expressions
        ("x = { a = 1; a + 1 }", "(= x (block (silent (= a 1)) (+ a 1)))"),
        ("{ x }", "(block x)"),
        // Calls
        ("f()", "(call f)"),
        ("f(1, axis: 0)", "(call f 1 axis:0)"),
        ("randn([3, 4], seed: 0)", "(call randn (array 3 4) seed:0)"),
        ("f(\n  1,\n  k: 2,\n)", "(call f 1 k:2)"),
        // Indexing
        ("A[0, 1:3]", "(index A 0 (slice 1 3 _))"),
        ("A[:, -1]", "(index A (slice _ _ _) -1)"),
        ("x[::-1]", "(index x (slice _ _ -1))"),
        ("x[1:]", "(index x (slice 1 _ _))"),
        ("x[:3]", "(index x (slice _ 3 _))"),
        ("x[a:b:s]", "(index x (slice a b s))"),
        ("x[::2]", "(index x (slice _ _ 2))"),
        ("x[1::2]", "(index x (slice 1 _ 2))"),
        ("x[:, newaxis]", "(index x (slice _ _ _) newaxis)"),
        ("x[..., 0]", "(index x ... 0)"),
        ("x[x < 0]", "(index x (< x 0))"),
        ("x[[0, 2]]", "(index x (array 0 2))"),
        ("x[i + 1, n - 1:]", "(index x (+ i 1) (slice (- n 1) _ _))"),
        ("x[0,]", "(index x 0)"),
        ("x[0][1]", "(index (index x 0) 1)"),
        // Assignment
        ("x = 1", "(= x 1)"),
        ("x[0, 1:3] = 0", "(= (index x 0 (slice 1 3 _)) 0)"),
        ("x[x < 0] = 0", "(= (index x (< x 0)) 0)"),
        ("r.a = 2", "(= (. r a) 2)"),
        ("r.a[0].b = 2", "(= (. (index (. r a) 0) b) 2)"),
        ("x += 1", "(+= x 1)"),
        ("x -= 1; x *= 2; x /= 3", "(silent (-= x 1))\n(silent (*= x 2))\n(/= x 3)"),
        ("w[0] -= lr * g", "(-= (index w 0) (* lr g))"),
        ("x =\n  5", "(= x 5)"),
        // Functions
        ("f = fn(w) -> sum(tanh(w) ^ 2)", "(= f (fn (w) (call sum (^ (call tanh w) 2))))"),
        ("fn(x, y=2) -> x + y", "(fn (x y=2) (+ x y))"),
        ("fn() -> 1", "(fn () 1)"),
        ("fn(x) { x + 1 }", "(fn (x) (block (+ x 1)))"),
        ("fn loss(w, x=1) { h = tanh(x @ w); mean(h ^ 2) }",
         "(fn loss (w x=1) (block (silent (= h (call tanh (@ x w)))) (call mean (^ h 2))))"),
        ("fn sq(x) -> x * x", "(fn sq (x) (* x x))"),
        ("fn f(a,\n b,\n) {\n return a\n}", "(fn f (a b) (block (return a)))"),
        ("fn f() { return }", "(fn f () (block (return)))"),
        ("g = grad(fn(w) -> sum(grad(loss)(w, x) ^ 2))(w)",
         "(= g (call (call grad (fn (w) (call sum (^ (call (call grad loss) w x) 2)))) w))"),
        ("map(xs, fn(x) {\n  y = x * 2\n  y + 1\n})", "(call map xs (fn (x) (block (= y (* x 2)) (+ y 1))))"),
        // If
        ("if c { 1 }", "(if c (block 1))"),
        ("if c { 1 } else { 2 }", "(if c (block 1) (block 2))"),
        ("if a { 1 } else if b { 2 } else { 3 }", "(if a (block 1) (if b (block 2) (block 3)))"),
        ("y = if x > 0 { x } else { -x }", "(= y (if (> x 0) (block x) (block (- x))))"),
        ("if c {\n  1\n}\nelse {\n  2\n}", "(if c (block 1) (block 2))"),
        ("if c {} else {}", "(if c (block) (block))"),
        ("if x == {a: 1} { 1 }", "(if (== x (record a:1)) (block 1))"),
        // Loops
        ("for i in 0..10 { s = s + i }", "(for i (.. 0 10) (block (= s (+ s i))))"),
        ("for x in list { print(x) }", "(for x list (block (call print x)))"),
        ("while c { break }", "(while c (block (break)))"),
        ("for i in xs { if i > 2 { continue }; f(i) }",
         "(for i xs (block (silent (if (> i 2) (block (continue)))) (call f i)))"),
        ("while true {\n  i += 1\n  if i > 9 { break }\n}", "(while true (block (+= i 1) (if (> i 9) (block (break)))))"),
        // Statement separators and silencing
        ("a; b", "(silent a)\nb"),
        ("a;\nb;", "(silent a)\n(silent b)"),
        ("x = f(1);", "(silent (= x (call f 1)))"),
        ("\n\n;; a ;;\n", "(silent a)"),
        ("", ""),
        ("# just a comment\n#' prose\n#%% cell", ""),
    ])
    func construct(source: String, expected: String) {
        #expect(sexpr(source) == expected)
    }

    @Test func designSketchParses() {
        let sketch = """
        # comment
        x = [1, 2, 3]                       # Float32 arrays; scalars are 0-d arrays
        A = randn([3, 4], seed: 0)          # named arguments
        B = A @ transpose(A) + 1            # matmul, broadcasting
        s = sum(A ^ 2, axis: 1)             # reductions with axis:, keepdims:
        A[0, 1:3]; A[:, -1]                 # numpy-style indexing and slicing
        f = fn(w) -> sum(tanh(w) ^ 2)       # lambdas
        fn loss(w, x) { h = tanh(x @ w); mean(h ^ 2) }   # last expression is the value
        g = grad(loss)(w, x)                # gradient w.r.t. the first argument
        hv = grad(fn(w) -> sum(grad(loss)(w, x) ^ 2))(w) # grad of grad
        for i in 0..10 { s += i }
        if c { 1 } else { 2 }
        while c { c = false }
        cfg = {epochs: 5, lambda_gp: 1e-2}; cfg.epochs   # records
        "text"                              # strings (file names, labels)
        """
        let (program, diagnostics) = Parser.parse(sketch)
        #expect(diagnostics.isEmpty)
        #expect(program.statements.count == 16)
    }

    @Test func spans() throws {
        let file = SourceFile(name: "t.gy", text: "y = f(a, k: 2)[0]\n  z.w += (1 + 2)")
        let (program, diagnostics) = Parser.parse(source: file)
        #expect(diagnostics.isEmpty)
        #expect(program.source === file)
        let text = { (span: SourceSpan) in file.text(of: span) }
        guard case .assign(let target, let value) = program.statements[0].kind else { Issue.record("not assign"); return }
        #expect(text(program.statements[0].span) == "y = f(a, k: 2)[0]")
        #expect(text(target.span) == "y")
        #expect(text(value.span) == "f(a, k: 2)[0]")
        guard case .index(let base, let items) = value.kind, case .call(_, let args) = base.kind else {
            Issue.record("not index of call"); return
        }
        #expect(text(base.span) == "f(a, k: 2)")
        #expect(text(items[0].span) == "0")
        #expect(args.map { text($0.span) } == ["a", "k: 2"])
        #expect(args[1].label.map { text($0.span) } == "k")

        let second = program.statements[1]
        #expect(file.lineColumn(at: second.span.start) == LineColumn(line: 2, column: 3))
        guard case .compoundAssign(let t2, .add, let v2) = second.kind else { Issue.record("not +="); return }
        #expect(text(t2.span) == "z.w")
        #expect(text(v2.span) == "(1 + 2)")
    }

    @Test func sliceSpans() {
        let file = SourceFile(name: "t", text: "x[1:3, ::-1, ...]")
        let (program, _) = Parser.parse(source: file)
        guard case .expression(let e) = program.statements[0].kind, case .index(_, let items) = e.kind else {
            Issue.record("not an index"); return
        }
        #expect(items.map { file.text(of: $0.span) } == ["1:3", "::-1", "..."])
    }

    @Test func silencedFlag() {
        let (program, _) = Parser.parse("a = 1;\nb\nc;")
        #expect(program.statements.map(\.isSilenced) == [true, false, true])
    }

    @Test func lineOffsetShiftsReportedLines() {
        let cell = SourceFile(name: "study.nb", text: "x = 1\ny = (", lineOffset: 39)
        #expect(cell.lineColumn(at: 0) == LineColumn(line: 40, column: 1))
        let d = Parser.parse(source: cell).diagnostics
        #expect(d.map(\.description) == ["study.nb:41:6: error: unexpected end of input"])
    }
}

@Suite struct LanguageReferenceExampleTests {
    @Test(arguments: [
        """
        x = linspace(0, 1, 5)
        A = randn([3, 4], seed: 0)
        B = A @ transpose(A) + 1
        s = sum(A ^ 2, axis: 1)
        fn loss(w, x) { h = tanh(x @ w); mean(h ^ 2) }
        g = grad(loss)(w, x)
        cfg = {epochs: 5, lambda_gp: 1e-2}
        for i in 0..cfg.epochs { print(i) }
        A[:, -1] |> sum
        """,
        "m = [[1, 2],\n     [3, 4]]\ny = f(x,\n      axis: 0)",
        "total = a +\n        b\nz = data\n    |> normalize\n    |> encode(model)",
        "x = randn([1000])\nmean(x)\nplot(x);",
        "x[0, 1:3] = e\nx[x < 0] = 0\nx[[0, 2]] = e\nr.a = e\nr.layers[0].w = e\nx += 1; x -= g; x *= 2; x /= n",
        "fn loss(w, x, lam=0.1) {\n    h = tanh(x @ w)\n    mean(h ^ 2) + lam * sum(w ^ 2)\n}\nfn sq(x) -> x * x\nf = fn(w) -> sum(tanh(w) ^ 2)\ng = fn(x, y=2) { x + y }",
        "for i in 0..10 { s += i }\nfor name in [\"a\", \"b\"] { print(name) }\nfor row in A { print(row) }\nwhile loss > 0.1 { loss = step() }",
        "A[0, 1:3]\nA[:, -1]\nx[::-1]\nX[..., 0]\nv[:, newaxis]\nx[x < 0]",
        "y = if x > 0 { x } else { -x }\nif a { 1 } else if b { 2 } else { 3 }",
        "cfg = {epochs: 5, lambda_gp: 1e-2, \"file name\": \"a.png\"}\ncfg.epochs",
    ])
    func parsesCleanly(source: String) {
        #expect(Parser.parse(source).diagnostics.map(\.description) == [])
    }
}
