extension Parser {
    // MARK: - Pratt loop

    /// expr := prefix { infix-operator expr | postfix }
    ///
    /// Parses operators that bind at least as tightly as `minimum` (see
    /// `Parser.infixRules`). A line break ends the expression, except directly after an
    /// operator and before a `|>` that starts the next line.
    mutating func parseExpression(_ minimum: Precedence = .lowest) throws -> Expr {
        // Bounded recursion: pathological nesting is an error, not a stack overflow.
        guard nesting < Parser.maxNesting else { throw fail(SyntaxError.tooDeep, at: token) }
        nesting += 1
        defer { nesting -= 1 }
        var left = try parsePrefix()
        // The non-associative level (comparison or range) last applied in this loop.
        var nonAssociative: Precedence?
        while true {
            if check(.newline), minimum <= .pipe, peekPastNewlines().kind == .pipe { skipNewlines() }
            guard let rule = Parser.infixRules[token.kind], rule.precedence >= minimum else { break }
            if rule.associativity == .none, nonAssociative == rule.precedence {
                try failChained(left: left, rule: rule)
            }
            switch rule.action {
            case .call: left = try parseCall(left)
            case .index: left = try parseIndex(left)
            case .field: left = try parseField(left)
            case .pipe:
                let rhs = try parseOperand(after: rule)
                left = desugarPipe(left, into: rhs)
            case .binary(let op):
                let rhs = try parseOperand(after: rule)
                left = Expr(.binary(op, left, rhs), span: left.span.merged(with: rhs.span))
            case .logical(let op):
                let rhs = try parseOperand(after: rule)
                left = Expr(.logical(op, left, rhs), span: left.span.merged(with: rhs.span))
            case .range:
                let end = try parseOperand(after: rule)
                var step: Expr?
                if match(.dotDot) != nil {
                    skipNewlines()
                    step = try parseExpression(rule.precedence.tighter)
                }
                left = Expr(.range(start: left, end: end, step: step), span: left.span.merged(with: (step ?? end).span))
            }
            nonAssociative = rule.associativity == .none ? rule.precedence : nil
        }
        return left
    }

    /// Consumes an infix operator and parses its right operand.
    private mutating func parseOperand(after rule: InfixRule) throws -> Expr {
        advance()
        skipNewlines()
        return try parseExpression(rule.associativity == .right ? rule.precedence : rule.precedence.tighter)
    }

    /// `a < b < c` / `a..b..c..d`: parse the offending operand so the message can quote
    /// the whole expression, then fail.
    private mutating func failChained(left: Expr, rule: InfixRule) throws -> Never {
        advance()
        skipNewlines()
        let rhs = try parseExpression(rule.precedence.tighter)
        let span = left.span.merged(with: rhs.span)
        var text = file.text(of: span)
        if text.count > 40 || text.contains("\n") { text = rule.precedence == .range ? "a..b..c..d" : "a < b < c" }
        let message = rule.precedence == .range ? SyntaxError.chainedRange(text) : SyntaxError.chainedComparison(text)
        throw fail(message, span: span)
    }

    /// `x |> f(a)` is `f(x, a)`; `x |> f` is `f(x)`.
    private func desugarPipe(_ lhs: Expr, into rhs: Expr) -> Expr {
        let span = lhs.span.merged(with: rhs.span)
        let piped = Argument(label: nil, value: lhs, span: lhs.span)
        if case .call(let callee, let arguments) = rhs.kind {
            return Expr(.call(callee: callee, arguments: [piped] + arguments), span: span)
        }
        return Expr(.call(callee: rhs, arguments: [piped]), span: span)
    }

    // MARK: - Prefix and primary

    /// prefix := ('-' | 'not') prefix-operand | primary
    mutating func parsePrefix() throws -> Expr {
        let t = token
        guard let rule = Parser.prefixRules[t.kind] else { return try parsePrimary() }
        advance()
        skipNewlines()
        let operand = try parseExpression(rule.operand)
        let span = t.span.merged(with: operand.span)
        if rule.op == .negate, case .number(let value) = operand.kind {
            return Expr(.number(-value), span: span)
        }
        return Expr(.unary(rule.op, operand), span: span)
    }

    /// primary := NUMBER | STRING | 'true' | 'false' | 'none' | IDENT | '(' expr ')'
    ///          | array | record | block | if | function
    mutating func parsePrimary() throws -> Expr {
        let t = token
        switch t.kind {
        case .number:
            advance()
            return Expr(.number(t.number), span: t.span)
        case .string:
            advance()
            return Expr(.string(t.string), span: t.span)
        case .kwTrue, .kwFalse:
            advance()
            return Expr(.boolean(t.kind == .kwTrue), span: t.span)
        case .kwNone:
            advance()
            return Expr(.noneLiteral, span: t.span)
        case .identifier:
            advance()
            return Expr(.name(Symbol(t.lexeme)), span: t.span)
        case .leftParen:
            advance()
            skipNewlines()
            let inner = try parseExpression()
            let close = try expectClosing(.rightParen, opener: t)
            return Expr(inner.kind, span: t.span.merged(with: close.span))
        case .leftBracket:
            return try parseArray()
        case .leftBrace:
            if isRecordStart() { return try parseRecord() }
            let block = try parseBlock()
            return Expr(.block(block), span: block.span)
        case .kwIf:
            return try parseIf()
        case .kwFn:
            if peek().kind == .identifier { throw fail(SyntaxError.namedFunctionExpression, span: peek().span) }
            let function = try parseFunction(named: false)
            return Expr(.function(function), span: function.span)
        case .star where previous.kind == .star:
            throw fail(SyntaxError.unexpected(t, hint: SyntaxError.powerHint), at: t)
        default:
            throw fail(SyntaxError.unexpected(t), at: t)
        }
    }

    /// array := '[' [expr {',' expr} [',']] ']'
    private mutating func parseArray() throws -> Expr {
        let open = advance()
        var elements: [Expr] = []
        while !check(.rightBracket) {
            elements.append(try parseExpression())
            if match(.comma) == nil { break }
        }
        let close = try expectClosing(.rightBracket, opener: open)
        return Expr(.array(elements), span: open.span.merged(with: close.span))
    }

    /// A `{` starts a record when it is followed by `}` or by `name :` (newlines aside);
    /// otherwise it starts a block.
    private func isRecordStart() -> Bool {
        var k = current + 1
        while tokens[k].kind == .newline { k += 1 }
        switch tokens[k].kind {
        case .rightBrace: return true
        case .identifier, .string: return tokens[k + 1].kind == .colon
        default: return false
        }
    }

    /// record := '{' [field {',' field} [',']] '}'
    /// field  := (IDENT | STRING) ':' expr
    private mutating func parseRecord() throws -> Expr {
        let open = advance()
        var fields: [RecordField] = []
        var seen: Set<String> = []
        skipNewlines()
        while !check(.rightBrace) {
            guard check(.identifier) || check(.string) else {
                throw fail(SyntaxError.expected("a field name", found: token), at: token)
            }
            let nameToken = advance()
            let name = nameToken.kind == .string ? nameToken.string : nameToken.lexeme
            try expect(.colon, "':' after the field name")
            skipNewlines()
            let value = try parseExpression()
            if !seen.insert(name).inserted { report(SyntaxError.duplicateField(name), span: nameToken.span) }
            fields.append(RecordField(name: Identifier(name, span: nameToken.span), value: value))
            skipNewlines()
            if match(.comma) == nil { break }
            skipNewlines()
        }
        let close = try expectClosing(.rightBrace, opener: open)
        return Expr(.record(fields), span: open.span.merged(with: close.span))
    }

    /// if := 'if' expr block ['else' (if | block)]
    /// (`else` may start the line after the `}`.)
    private mutating func parseIf() throws -> Expr {
        let ifToken = advance()
        skipNewlines()
        let condition = try parseExpression()
        try expectBlockStart(after: "the 'if' condition")
        let then = try parseBlock()
        var otherwise: Expr?
        if check(.kwElse) || (check(.newline) && peekPastNewlines().kind == .kwElse) {
            skipNewlines()
            advance()
            if check(.kwIf) {
                otherwise = try parseIf()
            } else {
                try expectBlockStart(after: "'else'")
                let block = try parseBlock()
                otherwise = Expr(.block(block), span: block.span)
            }
        }
        let end = otherwise?.span ?? then.span
        return Expr(.ifElse(condition: condition, then: then, otherwise: otherwise), span: ifToken.span.merged(with: end))
    }

    // MARK: - Postfix

    /// call := expr '(' [arg {',' arg} [',']] ')'
    /// arg  := [IDENT ':'] expr
    mutating func parseCall(_ callee: Expr) throws -> Expr {
        let open = advance()
        var arguments: [Argument] = []
        var labels: Set<String> = []
        while !check(.rightParen) {
            let first = token
            var label: Identifier?
            if check(.identifier), peek().kind == .colon {
                label = Identifier(first.lexeme, span: first.span)
                advance()
                advance()
            }
            let value = try parseExpression()
            let span = first.span.merged(with: value.span)
            if let label {
                if !labels.insert(label.name).inserted { report(SyntaxError.duplicateArgument(label.name), span: label.span) }
            } else if !labels.isEmpty {
                report(SyntaxError.positionalAfterNamed, span: span)
            }
            arguments.append(Argument(label: label, value: value, span: span))
            if match(.comma) == nil { break }
        }
        let close = try expectClosing(.rightParen, opener: open)
        return Expr(.call(callee: callee, arguments: arguments), span: callee.span.merged(with: close.span))
    }

    /// index := expr '[' item {',' item} [','] ']'
    mutating func parseIndex(_ base: Expr) throws -> Expr {
        let open = advance()
        if check(.rightBracket) {
            throw fail(SyntaxError.emptyIndex, span: open.span.merged(with: token.span))
        }
        var items: [IndexItem] = []
        repeat {
            items.append(try parseIndexItem())
        } while match(.comma) != nil && !check(.rightBracket)
        let close = try expectClosing(.rightBracket, opener: open)
        return Expr(.index(base: base, items: items), span: base.span.merged(with: close.span))
    }

    /// item := '...' | [expr] ':' [expr] [':' [expr]] | expr
    private mutating func parseIndexItem() throws -> IndexItem {
        let first = token
        if match(.ellipsis) != nil { return IndexItem(.ellipsis, span: first.span) }
        var start: Expr?
        if !check(.colon) {
            let e = try parseExpression()
            guard check(.colon) else { return IndexItem(.single(e), span: e.span) }
            start = e
        }
        advance()  // the first ':'
        let atItemEnd = { (p: Parser) in p.check(.comma) || p.check(.rightBracket) }
        var stop: Expr?
        var step: Expr?
        if !check(.colon) && !atItemEnd(self) { stop = try parseExpression() }
        if match(.colon) != nil, !atItemEnd(self) { step = try parseExpression() }
        return IndexItem(.slice(start: start, stop: stop, step: step), span: span(from: first))
    }

    /// field := expr '.' IDENT
    mutating func parseField(_ base: Expr) throws -> Expr {
        advance()
        guard check(.identifier) else {
            throw fail(SyntaxError.expected("a field name after '.'", found: token), at: token)
        }
        let name = advance()
        return Expr(.field(base: base, name: Identifier(name.lexeme, span: name.span)), span: base.span.merged(with: name.span))
    }
}
