/// Binding strength of operators, loosest first. Higher binds tighter.
///
/// | level        | operators                         | associativity        |
/// |--------------|-----------------------------------|----------------------|
/// | `postfix`    | `f(…)` `x[…]` `r.a`               | left                 |
/// | `power`      | `^`                               | right                |
/// | `unary`      | prefix `-`                        | —                    |
/// | `matmul`     | `@`                               | left                 |
/// | `factor`     | `*` `/` `%`                       | left                 |
/// | `term`       | `+` `-`                           | left                 |
/// | `range`      | `..` (`a..b`, `a..b..step`)       | none                 |
/// | `comparison` | `==` `!=` `<` `<=` `>` `>=`       | none (no chaining)   |
/// | `not`        | prefix `not`                      | —                    |
/// | `and`        | `and`                             | left                 |
/// | `or`         | `or`                              | left                 |
/// | `pipe`       | `\|>`                             | left                 |
enum Precedence: Int, Comparable {
    case lowest = 0
    case pipe, or, and, not, comparison, range, term, factor, matmul, unary, power, postfix

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    /// The next tighter level (for the right operand of a left-associative operator).
    var tighter: Precedence { Precedence(rawValue: rawValue + 1) ?? .postfix }
}

enum Associativity {
    case left, right
    /// `a < b < c` and `a..b..c..d` are errors rather than silently grouping.
    case none
}

/// How the parser handles a token found after a complete operand.
struct InfixRule {
    enum Action {
        case binary(BinaryOperator)
        case logical(LogicalOperator)
        case range
        case pipe
        case call, index, field
    }

    let precedence: Precedence
    let associativity: Associativity
    let action: Action
}

extension Parser {
    /// The Pratt table: every infix and postfix operator, as data.
    static let infixRules: [TokenKind: InfixRule] = [
        .pipe:         InfixRule(precedence: .pipe, associativity: .left, action: .pipe),              // x |> f(y)  ==  f(x, y)
        .kwOr:         InfixRule(precedence: .or, associativity: .left, action: .logical(.or)),        // a or b  (short-circuit)
        .kwAnd:        InfixRule(precedence: .and, associativity: .left, action: .logical(.and)),      // a and b (short-circuit)
        .equalEqual:   InfixRule(precedence: .comparison, associativity: .none, action: .binary(.equal)),        // a == b
        .bangEqual:    InfixRule(precedence: .comparison, associativity: .none, action: .binary(.notEqual)),     // a != b
        .less:         InfixRule(precedence: .comparison, associativity: .none, action: .binary(.less)),         // a < b
        .lessEqual:    InfixRule(precedence: .comparison, associativity: .none, action: .binary(.lessEqual)),    // a <= b
        .greater:      InfixRule(precedence: .comparison, associativity: .none, action: .binary(.greater)),      // a > b
        .greaterEqual: InfixRule(precedence: .comparison, associativity: .none, action: .binary(.greaterEqual)), // a >= b
        .dotDot:       InfixRule(precedence: .range, associativity: .none, action: .range),            // a..b, a..b..step (half-open)
        .plus:         InfixRule(precedence: .term, associativity: .left, action: .binary(.add)),      // a + b
        .minus:        InfixRule(precedence: .term, associativity: .left, action: .binary(.subtract)), // a - b
        .star:         InfixRule(precedence: .factor, associativity: .left, action: .binary(.multiply)),   // a * b (elementwise)
        .slash:        InfixRule(precedence: .factor, associativity: .left, action: .binary(.divide)),     // a / b
        .percent:      InfixRule(precedence: .factor, associativity: .left, action: .binary(.remainder)),  // a % b
        .at:           InfixRule(precedence: .matmul, associativity: .left, action: .binary(.matmul)), // A @ B; -A @ B is (-A) @ B
        .caret:        InfixRule(precedence: .power, associativity: .right, action: .binary(.power)),  // a ^ b ^ c == a ^ (b ^ c); -2^2 == -4
        .leftParen:    InfixRule(precedence: .postfix, associativity: .left, action: .call),           // f(a, name: v)
        .leftBracket:  InfixRule(precedence: .postfix, associativity: .left, action: .index),          // x[i, a:b:s]
        .dot:          InfixRule(precedence: .postfix, associativity: .left, action: .field),          // r.name
    ]

    /// Prefix operators and the level their operand is parsed at. `-` takes a power
    /// (`-2^2 == -(2^2)`); `not` takes a comparison (`not a == b` is `not (a == b)`).
    static let prefixRules: [TokenKind: (op: UnaryOperator, operand: Precedence)] = [
        .minus: (.negate, .unary),
        .kwNot: (.not, .not),
    ]
}
