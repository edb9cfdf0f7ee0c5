import Testing
@testable import GyreLang

@Suite struct PrecedenceTests {
    @Test(arguments: [
        // Arithmetic
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 * 2 + 3", "(+ (* 1 2) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("8 / 4 / 2", "(/ (/ 8 4) 2)"),
        ("a % b * c", "(* (% a b) c)"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        // Power: right-associative, tighter than unary minus
        ("2 ^ 3 ^ 2", "(^ 2 (^ 3 2))"),
        ("-2 ^ 2", "(- (^ 2 2))"),
        ("-x ^ 2", "(- (^ x 2))"),
        ("2 ^ -1", "(^ 2 -1)"),
        ("2 ^ -x ^ 2", "(^ 2 (- (^ x 2)))"),
        ("a * b ^ 2", "(* a (^ b 2))"),
        ("-a[0] ^ 2", "(- (^ (index a 0) 2))"),
        // Unary minus folds into literals only
        ("-1", "-1"),
        ("- 2.5", "-2.5"),
        ("--x", "(- (- x))"),
        ("1 - -1", "(- 1 -1)"),
        // Matmul: tighter than * and +, looser than unary
        ("A @ B + C", "(+ (@ A B) C)"),
        ("A * B @ C", "(* A (@ B C))"),
        ("-A @ B", "(@ (- A) B)"),
        ("A @ B @ C", "(@ (@ A B) C)"),
        ("A @ B ^ 2", "(@ A (^ B 2))"),
        // Ranges: looser than arithmetic, tighter than comparison
        ("0..n + 1", "(.. 0 (+ n 1))"),
        ("0..10..2", "(.. 0 10 2)"),
        ("10..0..-1", "(.. 10 0 -1)"),
        ("a..b == c..d", "(== (.. a b) (.. c d))"),
        // Comparisons, not, and, or
        ("a + 1 < b * 2", "(< (+ a 1) (* b 2))"),
        ("a < b and b < c", "(and (< a b) (< b c))"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c and d", "(or (and a b) (and c d))"),
        ("not a == b", "(not (== a b))"),
        ("not a and b", "(and (not a) b)"),
        ("not not a", "(not (not a))"),
        ("(a < b) == c", "(== (< a b) c)"),
        // Postfix binds tightest
        ("f(x)[0].a", "(. (index (call f x) 0) a)"),
        ("r.f(1)", "(call (. r f) 1)"),
        ("grad(f)(w, x)", "(call (call grad f) w x)"),
        ("-f(x)", "(- (call f x))"),
        ("m.w ^ 2", "(^ (. m w) 2)"),
        // Pipe: loosest, left-associative, inserts the left side as first argument
        ("x |> f", "(call f x)"),
        ("x |> f(y)", "(call f x y)"),
        ("x |> f(axis: 1)", "(call f x axis:1)"),
        ("x |> f |> g(2)", "(call g (call f x) 2)"),
        ("a + b |> f", "(call f (+ a b))"),
        ("a or b |> f", "(call f (or a b))"),
        ("x |> grad(f)(1)", "(call (call grad f) x 1)"),
        // Lambda bodies extend as far right as possible
        ("fn(x) -> x + 1", "(fn (x) (+ x 1))"),
        ("fn(x) -> x |> f", "(fn (x) (call f x))"),
    ])
    func precedence(source: String, expected: String) {
        #expect(sexpr(source) == expected)
    }

    @Test func operatorsAtLineEndsContinueTheExpression() {
        #expect(sexpr("x = 1 +\n  2") == "(= x (+ 1 2))")
        #expect(sexpr("y = a and\n b") == "(= y (and a b))")
        #expect(sexpr("z = data\n  |> f(1)\n  |> g") == "(= z (call g (call f data 1)))")
        #expect(sexpr("a\n-1") == "a\n-1")
    }
}
