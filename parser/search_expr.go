package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// parseSearchTokens is the participle custom parser
// (participle.ParseTypeWith) for ast.SearchExpr, the boolean language of
// search and of tstats' where clause, over the tokens of lex:
//
//	and  = or ( AND? or )*        implicit AND binds loosest
//	or   = not ( OR not )*
//	not  = NOT not | atom
//	atom = "(" and ")" | [subsearch] | lit ( op lit | IN "(" (lit | ",")* ")" )?
//
// It is hand-written rather than a participle grammar because it is the
// hot path of every detection (a tstats where clause is most of its
// tokens) and needs no backtracking. A [subsearch] comes back with a nil
// Query; the converter parses it (it knows the whole query and the
// nesting depth). It returns participle.NextMatch when no term starts at
// the next token.
func parseSearchTokens(pl *lexer.PeekingLexer) (ast.SearchExpr, error) {
	if !startsTerm(pl.Peek()) {
		return nil, participle.NextMatch
	}
	p := searchClimber{pl: pl}
	return p.and()
}

type searchClimber struct {
	pl    *lexer.PeekingLexer
	depth int
}

func startsTerm(t *lexer.Token) bool {
	switch t.Type {
	case tokWord, tokString, tokLParen, tokNot, tokSubsearch:
		return true
	}
	return false
}

// rawError is an error of a custom parser whose message is shown without
// the command name.
type rawError struct {
	pos lexer.Position
	msg string
}

func (e *rawError) Error() string            { return e.msg }
func (e *rawError) Message() string          { return e.msg }
func (e *rawError) Position() lexer.Position { return e.pos }
func (e *rawError) isRaw()                   {}
func spanOf(s, e int) ast.Span               { return ast.Span{Start: ast.Pos(s), End: ast.Pos(e)} }
func endOf(e ast.SearchExpr) int             { return int(e.Span().End) }
func startOf(e ast.SearchExpr) int           { return int(e.Span().Start) }
func expected(t *lexer.Token, what string) error {
	return participle.Errorf(t.Pos, "unexpected %s: expected %s", describeToken(t), what)
}

func (p *searchClimber) and() (ast.SearchExpr, error) {
	first, err := p.or()
	if err != nil {
		return nil, err
	}
	var terms []ast.SearchExpr
	for {
		t := p.pl.Peek()
		if t.Type == tokAnd {
			p.pl.Next()
			if !startsTerm(p.pl.Peek()) {
				return nil, expected(p.pl.Peek(), "a search term")
			}
		} else if !startsTerm(t) {
			break
		}
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if terms == nil {
			terms = []ast.SearchExpr{first}
		}
		terms = append(terms, e)
	}
	if terms == nil {
		return first, nil
	}
	return &ast.SearchAnd{Loc: spanOf(startOf(first), endOf(terms[len(terms)-1])), Terms: terms}, nil
}

func (p *searchClimber) or() (ast.SearchExpr, error) {
	first, err := p.not()
	if err != nil {
		return nil, err
	}
	var terms []ast.SearchExpr
	for p.pl.Peek().Type == tokOr {
		p.pl.Next()
		if !startsTerm(p.pl.Peek()) {
			return nil, expected(p.pl.Peek(), "a search term")
		}
		e, err := p.not()
		if err != nil {
			return nil, err
		}
		if terms == nil {
			terms = []ast.SearchExpr{first}
		}
		terms = append(terms, e)
	}
	if terms == nil {
		return first, nil
	}
	return &ast.SearchOr{Loc: spanOf(startOf(first), endOf(terms[len(terms)-1])), Terms: terms}, nil
}

func (p *searchClimber) not() (ast.SearchExpr, error) {
	t := p.pl.Peek()
	if t.Type != tokNot {
		return p.atom()
	}
	if p.depth++; p.depth > maxExprDepth {
		return nil, participle.Errorf(t.Pos, "search expression nested deeper than %d", maxExprDepth)
	}
	defer func() { p.depth-- }()
	p.pl.Next()
	if !startsTerm(p.pl.Peek()) {
		return nil, expected(p.pl.Peek(), "a search term")
	}
	x, err := p.not()
	if err != nil {
		return nil, err
	}
	return &ast.SearchNot{Loc: spanOf(t.Pos.Offset, endOf(x)), Expr: x}, nil
}

// lit returns the literal of a Word or String token.
func lit(t *lexer.Token) ast.Literal {
	if t.Type == tokString {
		return ast.Literal{Raw: t.Value[1 : len(t.Value)-1], Quoted: true}
	}
	return ast.Literal{Raw: t.Value}
}

func isLit(t *lexer.Token) bool { return t.Type == tokWord || t.Type == tokString }

func (p *searchClimber) atom() (ast.SearchExpr, error) {
	t := p.pl.Next()
	switch t.Type {
	case tokLParen:
		if p.depth++; p.depth > maxExprDepth {
			return nil, participle.Errorf(t.Pos, "search expression nested deeper than %d", maxExprDepth)
		}
		defer func() { p.depth-- }()
		if !startsTerm(p.pl.Peek()) {
			return nil, expected(p.pl.Peek(), "a search expression")
		}
		x, err := p.and()
		if err != nil {
			return nil, err
		}
		closer := p.pl.Next()
		if closer.Type != tokRParen {
			if closer.EOF() {
				return nil, &rawError{t.Pos, `unclosed '(': missing ')'`}
			}
			return nil, expected(closer, `")"`)
		}
		return &ast.SearchGroup{Loc: spanOf(t.Pos.Offset, tokEnd(closer)), Expr: x}, nil
	case tokSubsearch:
		return &ast.SearchSubsearch{Loc: spanOf(t.Pos.Offset, tokEnd(t))}, nil
	case tokWord, tokString:
	default:
		return nil, expected(t, "a search term")
	}
	left := t
	switch op := p.pl.Peek(); op.Type {
	case tokOp:
		p.pl.Next()
		v := p.pl.Next()
		if !isLit(v) {
			return nil, expected(v, "a name or value")
		}
		return &ast.SearchCompare{Loc: spanOf(left.Pos.Offset, tokEnd(v)), Field: lit(left).Value(), Op: ast.CompareOp(op.Value), Value: lit(v)}, nil
	case tokIn:
		p.pl.Next()
		open := p.pl.Next()
		if open.Type != tokLParen {
			return nil, expected(open, `"("`)
		}
		var vals []ast.Literal
		for {
			v := p.pl.Next()
			switch {
			case isLit(v):
				vals = append(vals, lit(v))
				continue
			case v.Type == tokComma:
				continue
			case v.Type == tokRParen:
				if len(vals) == 0 {
					return nil, &rawError{v.Pos, "empty IN list"}
				}
				return &ast.SearchIn{Loc: spanOf(left.Pos.Offset, tokEnd(v)), Field: lit(left).Value(), Values: vals}, nil
			}
			return nil, expected(v, `a value or ")"`)
		}
	}
	return &ast.SearchTerm{Loc: spanOf(left.Pos.Offset, tokEnd(left)), Value: lit(left)}, nil
}
