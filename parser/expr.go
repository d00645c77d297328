package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// parseExprTokens is the participle custom parser (participle.ParseTypeWith)
// for ast.Expr: a precedence climber over the tokens of lexExpr, driven by
// the operator table of package ast (BinaryOp.Precedence), so the printer
// and the parser agree on precedence by construction. It returns
// participle.NextMatch when no expression starts at the next token, and
// stops before the first token that cannot continue the expression (',',
// ')', a word, end of input), leaving it to the grammar.
func parseExprTokens(pl *lexer.PeekingLexer) (ast.Expr, error) {
	if !startsExpr(pl.Peek()) {
		return nil, participle.NextMatch
	}
	p := climber{pl: pl}
	return p.climb(0)
}

// maxExprDepth bounds the nesting of parentheses, calls and prefix
// operators so that hostile input cannot exhaust the stack.
const maxExprDepth = 200

type climber struct {
	pl    *lexer.PeekingLexer
	depth int
}

func startsExpr(t *lexer.Token) bool {
	switch t.Type {
	case tokWord, tokString, tokNumber, tokQField, tokLParen, tokNot:
		return true
	case tokOp:
		return t.Value == "-" || t.Value == "+" || t.Value == "!"
	}
	return false
}

func tokEnd(t *lexer.Token) int { return t.Pos.Offset + len(t.Value) }

func exprErr(t *lexer.Token, format string, args ...any) error {
	return participle.Errorf(t.Pos, format, args...)
}

// binaryOp returns the binary operator a token stands for, or "".
func binaryOp(t *lexer.Token) ast.BinaryOp {
	switch t.Type {
	case tokAnd:
		return ast.BinAnd
	case tokOr:
		return ast.BinOr
	case tokXor:
		return ast.BinXor
	case tokLike:
		return ast.BinLike
	case tokOp:
		switch op := ast.BinaryOp(t.Value); op {
		case ast.BinEq, ast.BinEqEq, ast.BinNe, ast.BinLt, ast.BinLe, ast.BinGt, ast.BinGe,
			ast.BinAdd, ast.BinSub, ast.BinConcat, ast.BinMul, ast.BinDiv, ast.BinMod:
			return op
		}
	}
	return ""
}

// climb parses operators binding at least as tightly as minPrec; every
// binary operator is left-associative.
func (p *climber) climb(minPrec int) (ast.Expr, error) {
	left, err := p.unary(minPrec)
	if err != nil {
		return nil, err
	}
	for {
		t := p.pl.Peek()
		if t.Type == tokIn {
			if ast.PrecCompare < minPrec {
				return left, nil
			}
			if left, err = p.in(left); err != nil {
				return nil, err
			}
			continue
		}
		op := binaryOp(t)
		prec := op.Precedence()
		if prec == 0 || prec < minPrec {
			return left, nil
		}
		p.pl.Next()
		right, err := p.climb(prec + 1)
		if err != nil {
			return nil, err
		}
		left = &ast.BinaryExpr{Loc: ast.Span{Start: left.Span().Start, End: right.Span().End}, Op: op, L: left, R: right}
	}
}

// in parses `IN (a, b, ...)` after x.
func (p *climber) in(x ast.Expr) (ast.Expr, error) {
	p.pl.Next() // IN
	open := p.pl.Next()
	if open.Type != tokLParen {
		return nil, exprErr(open, "expected %q after IN", '(')
	}
	list, closer, err := p.list(open, "IN list")
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, exprErr(closer, "empty IN list")
	}
	return &ast.InExpr{Loc: ast.Span{Start: x.Span().Start, End: ast.Pos(tokEnd(closer))}, X: x, List: list}, nil
}

// list parses comma-separated expressions up to and including the ')'
// closing open.
func (p *climber) list(open *lexer.Token, what string) ([]ast.Expr, *lexer.Token, error) {
	var list []ast.Expr
	if t := p.pl.Peek(); t.Type == tokRParen {
		return nil, p.pl.Next(), nil
	}
	for {
		e, err := p.climb(0)
		if err != nil {
			return nil, nil, err
		}
		list = append(list, e)
		t := p.pl.Next()
		switch t.Type {
		case tokComma:
			continue
		case tokRParen:
			return list, t, nil
		case lexer.EOF:
			return nil, nil, exprErr(open, "unclosed %q in %s: missing %q", '(', what, ')')
		}
		return nil, nil, exprErr(t, "unexpected %s in %s: expected %q or %q", describeToken(t), what, ',', ')')
	}
}

// unary parses a prefix operator and its operand, or a primary. The
// operand takes everything binding at least as tightly as the operator or
// as the context minPrec, whichever is tighter; the printer (UnaryExpr's
// String) relies on this.
func (p *climber) unary(minPrec int) (ast.Expr, error) {
	t := p.pl.Peek()
	var op ast.UnaryOp
	switch {
	case t.Type == tokNot || t.Type == tokOp && t.Value == "!":
		op = ast.UnaryNot
	case t.Type == tokOp && t.Value == "-":
		op = ast.UnaryMinus
	case t.Type == tokOp && t.Value == "+":
		op = ast.UnaryPlus
	default:
		return p.primary()
	}
	if p.depth++; p.depth > maxExprDepth {
		return nil, exprErr(t, "expression nested deeper than %d", maxExprDepth)
	}
	defer func() { p.depth-- }()
	p.pl.Next()
	x, err := p.climb(max(op.Precedence(), minPrec))
	if err != nil {
		return nil, err
	}
	return &ast.UnaryExpr{Loc: ast.Span{Start: ast.Pos(t.Pos.Offset), End: x.Span().End}, Op: op, X: x}, nil
}

func (p *climber) primary() (ast.Expr, error) {
	t := p.pl.Next()
	loc := ast.Span{Start: ast.Pos(t.Pos.Offset), End: ast.Pos(tokEnd(t))}
	switch t.Type {
	case tokString:
		return &ast.StringExpr{Loc: loc, Raw: t.Value[1 : len(t.Value)-1]}, nil
	case tokNumber:
		return &ast.NumberExpr{Loc: loc, Raw: t.Value}, nil
	case tokQField:
		return &ast.FieldExpr{Loc: loc, Name: unquoteField(t.Value), Quoted: true}, nil
	case tokWord:
		if p.pl.Peek().Type != tokLParen {
			return &ast.FieldExpr{Loc: loc, Name: t.Value}, nil
		}
		if p.depth++; p.depth > maxExprDepth {
			return nil, exprErr(t, "expression nested deeper than %d", maxExprDepth)
		}
		defer func() { p.depth-- }()
		open := p.pl.Next()
		args, closer, err := p.list(open, "the arguments of "+t.Value+"()")
		if err != nil {
			return nil, err
		}
		loc.End = ast.Pos(tokEnd(closer))
		return &ast.CallExpr{Loc: loc, Name: t.Value, Args: args}, nil
	case tokLParen:
		if p.depth++; p.depth > maxExprDepth {
			return nil, exprErr(t, "expression nested deeper than %d", maxExprDepth)
		}
		defer func() { p.depth-- }()
		x, err := p.climb(0)
		if err != nil {
			return nil, err
		}
		closer := p.pl.Next()
		if closer.Type != tokRParen {
			if closer.EOF() {
				return nil, exprErr(t, "unclosed %q: missing %q", '(', ')')
			}
			return nil, exprErr(closer, "unexpected %s: expected an operator or %q", describeToken(closer), ')')
		}
		loc.End = ast.Pos(tokEnd(closer))
		return &ast.ParenExpr{Loc: loc, X: x}, nil
	}
	return nil, exprErr(t, "unexpected %s: expected an expression", describeToken(t))
}

// describeToken names a token in an error message.
func describeToken(t *lexer.Token) string {
	if t.EOF() {
		return "end of command"
	}
	return strconv.Quote(t.Value)
}

// unquoteField removes the single quotes of 'name' and applies \' and \\.
func unquoteField(s string) string {
	s = s[1 : len(s)-1]
	if !strings.ContainsRune(s, '\\') {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '\'' || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
