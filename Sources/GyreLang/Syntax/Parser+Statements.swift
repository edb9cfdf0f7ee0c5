extension Parser {
    // MARK: - Programs and blocks

    /// program := { statement (newline | ';' | end) }
    mutating func parseProgram() -> [Stmt] {
        skipSeparators()
        var statements: [Stmt] = []
        while !check(.eof) {
            if let s = parseStatementRecovering(inBlock: false) { statements.append(s) }
        }
        return statements
    }

    /// block := '{' { statement (newline | ';') } '}'
    mutating func parseBlock() throws -> Block {
        let open = try expect(.leftBrace, "'{'")
        skipSeparators()
        var statements: [Stmt] = []
        while !check(.rightBrace) && !check(.eof) {
            if let s = parseStatementRecovering(inBlock: true) { statements.append(s) }
        }
        let close = try expectClosing(.rightBrace, opener: open)
        return Block(statements: statements, span: open.span.merged(with: close.span))
    }

    /// Parses one statement and its terminator; on error, records it, skips to the next
    /// statement and returns nil.
    mutating func parseStatementRecovering(inBlock: Bool) -> Stmt? {
        let start = current
        let savedStart = statementStart
        statementStart = token.span.start
        defer { statementStart = savedStart }
        do {
            var stmt = try parseStatement()
            try finishStatement(&stmt, inBlock: inBlock)
            return stmt
        } catch {
            synchronize(from: start, inBlock: inBlock)
            skipSeparators()
            return nil
        }
    }

    /// A statement ends at a newline, `;` (which silences it), `}` or the end of input.
    mutating func finishStatement(_ stmt: inout Stmt, inBlock: Bool) throws {
        if match(.semicolon) != nil {
            stmt.isSilenced = true
        } else if !check(.newline) && !check(.eof) && !(inBlock && check(.rightBrace)) {
            throw fail(SyntaxError.unexpected(token, hint: "expected a newline or ';' before it"), at: token)
        }
        skipSeparators()
    }

    var atStatementEnd: Bool {
        check(.newline) || check(.semicolon) || check(.rightBrace) || check(.eof)
    }

    // MARK: - Statements

    /// statement := 'fn' IDENT function-rest | for | while
    ///            | 'break' | 'continue' | 'return' [expr]
    ///            | expr [('=' | '+=' | '-=' | '*=' | '/=') expr]
    mutating func parseStatement() throws -> Stmt {
        switch token.kind {
        case .kwFn where peek().kind == .identifier:
            let function = try parseFunction(named: true)
            return Stmt(.function(function), span: function.span)
        case .kwFor:
            return try parseFor()
        case .kwWhile:
            return try parseWhile()
        case .kwBreak, .kwContinue:
            let t = advance()
            if loopDepth == 0 { report(SyntaxError.outsideLoop(t.kind.spelling), span: t.span) }
            return Stmt(t.kind == .kwBreak ? .breakLoop : .continueLoop, span: t.span)
        case .kwReturn:
            let t = advance()
            if functionDepth == 0 { report(SyntaxError.returnOutsideFunction, span: t.span) }
            let value = atStatementEnd ? nil : try parseExpression()
            return Stmt(.returnValue(value), span: value.map { t.span.merged(with: $0.span) } ?? t.span)
        default:
            return try parseExpressionOrAssignment()
        }
    }

    /// for := 'for' IDENT 'in' expr block
    mutating func parseFor() throws -> Stmt {
        let forToken = advance()
        let variable = try expect(.identifier, "a loop variable name after 'for'")
        try expect(.kwIn, "'in' after the loop variable")
        skipNewlines()
        let iterable = try parseExpression()
        let body = try parseLoopBody(after: "the 'for' iterable")
        return Stmt(.forIn(variable: Identifier(variable.lexeme, span: variable.span), iterable: iterable, body: body),
                    span: forToken.span.merged(with: body.span))
    }

    /// while := 'while' expr block
    mutating func parseWhile() throws -> Stmt {
        let whileToken = advance()
        skipNewlines()
        let condition = try parseExpression()
        let body = try parseLoopBody(after: "the 'while' condition")
        return Stmt(.whileLoop(condition: condition, body: body), span: whileToken.span.merged(with: body.span))
    }

    private mutating func parseLoopBody(after context: String) throws -> Block {
        try expectBlockStart(after: context)
        loopDepth += 1
        defer { loopDepth -= 1 }
        return try parseBlock()
    }

    /// Fails unless the current token is `{`, with a hint for `=` in a condition.
    mutating func expectBlockStart(after context: String) throws {
        guard !check(.leftBrace) else { return }
        var message = SyntaxError.expected("'{' after \(context)", found: token)
        if check(.equal) { message += "; \(SyntaxError.assignmentInConditionHint)" }
        throw fail(message, at: token)
    }

    /// assignment := target ('=' | '+=' | '-=' | '*=' | '/=') expr
    /// target     := IDENT | target '[' items ']' | target '.' IDENT
    mutating func parseExpressionOrAssignment() throws -> Stmt {
        let expr = try parseExpression()
        let compound: [TokenKind: BinaryOperator] = [.plusEqual: .add, .minusEqual: .subtract,
                                                     .starEqual: .multiply, .slashEqual: .divide]
        guard check(.equal) || compound[token.kind] != nil else {
            return Stmt(.expression(expr), span: expr.span)
        }
        guard let target = assignTarget(expr) else {
            throw fail(SyntaxError.invalidAssignmentTarget, span: expr.span)
        }
        let op = advance()
        skipNewlines()
        let value = try parseExpression()
        let span = expr.span.merged(with: value.span)
        if let binary = compound[op.kind] {
            return Stmt(.compoundAssign(target: target, op: binary, value: value), span: span)
        }
        return Stmt(.assign(target: target, value: value), span: span)
    }

    private func assignTarget(_ expr: Expr) -> AssignTarget? {
        switch expr.kind {
        case .name(let name):
            return AssignTarget(.name(name), span: expr.span)
        case .index(let base, let items) where isPlace(base):
            return AssignTarget(.index(base: base, items: items), span: expr.span)
        case .field(let base, let name) where isPlace(base):
            return AssignTarget(.field(base: base, name: name), span: expr.span)
        default:
            return nil
        }
    }

    /// A name, or an index/field chain rooted at a name.
    private func isPlace(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .name: return true
        case .index(let base, _), .field(let base, _): return isPlace(base)
        default: return false
        }
    }

    // MARK: - Functions

    /// function := 'fn' [IDENT] '(' [param {',' param} [',']] ')' ('->' expr | block)
    /// param    := IDENT ['=' expr]
    mutating func parseFunction(named: Bool) throws -> FunctionLiteral {
        let fnToken = advance()
        var name: Identifier?
        if named {
            let t = try expect(.identifier, "a function name")
            name = Identifier(t.lexeme, span: t.span)
        }
        let open = try expect(.leftParen, "'(' to start the parameter list")
        let parameters = try parseParameters()
        try expectClosing(.rightParen, opener: open)

        let savedLoopDepth = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoopDepth
            functionDepth -= 1
        }
        let body: Expr
        if match(.arrow) != nil {
            skipNewlines()
            body = try parseExpression()
        } else if check(.leftBrace) {
            let block = try parseBlock()
            body = Expr(.block(block), span: block.span)
        } else {
            throw fail(SyntaxError.expected("'->' or '{' to start the function body", found: token), at: token)
        }
        return FunctionLiteral(name: name, parameters: parameters, body: body,
                               span: fnToken.span.merged(with: body.span))
    }

    private mutating func parseParameters() throws -> [Parameter] {
        var parameters: [Parameter] = []
        var seen: Set<String> = []
        var sawDefault = false
        while !check(.rightParen) {
            let t = try expect(.identifier, "a parameter name")
            var defaultValue: Expr?
            if match(.equal) != nil {
                defaultValue = try parseExpression()
            }
            if !seen.insert(t.lexeme).inserted {
                report(SyntaxError.duplicateParameter(t.lexeme), span: t.span)
            } else if sawDefault && defaultValue == nil {
                report(SyntaxError.missingDefault(t.lexeme), span: t.span)
            }
            sawDefault = sawDefault || defaultValue != nil
            let span = defaultValue.map { t.span.merged(with: $0.span) } ?? t.span
            parameters.append(Parameter(name: Identifier(t.lexeme, span: t.span), defaultValue: defaultValue, span: span))
            if match(.comma) == nil { break }
        }
        return parameters
    }
}
