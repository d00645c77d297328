package parser

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

func (c *converter) stats(g *gStats, loc ast.Span) (ast.Command, error) {
	cmd := &ast.StatsCommand{Loc: loc, Name: strings.ToLower(g.Name)}
	for _, o := range g.Options {
		opt := ast.Option{Loc: span(o.Pos, o.EndPos), Key: o.Key, Value: o.Value.literal()}
		reset := &cmd.ResetBefore
		switch {
		case cmd.Name == "streamstats" && equalFold(o.Key, "reset_before"):
		case cmd.Name == "streamstats" && equalFold(o.Key, "reset_after"):
			reset = &cmd.ResetAfter
		default:
			cmd.Options = append(cmd.Options, opt)
			continue
		}
		e, err := c.exprInLiteral(o.Value)
		if err != nil {
			return nil, err
		}
		*reset = e
	}
	for _, a := range g.Aggs {
		agg := ast.Aggregate{Loc: span(a.Pos, a.EndPos), Func: strings.ToLower(a.Func), Eval: a.Eval}
		if a.Field != nil {
			agg.Field = a.Field.name()
		}
		if a.As != nil {
			agg.As = a.As.name()
		}
		cmd.Aggregates = append(cmd.Aggregates, agg)
	}
	for _, b := range g.By {
		cmd.By = append(cmd.By, b.name())
	}
	return cmd, nil
}

// exprInLiteral parses the eval expression written inside a literal, as in
// streamstats reset_before="(count>1)". The outer parentheses, which
// Splunk requires and the printer adds back, are not kept. Positions are
// offsets of the query when the literal has no escapes, else the
// literal's own span.
func (c *converter) exprInLiteral(l *gLit) (ast.Expr, error) {
	lit := l.literal()
	start := l.Pos.Offset
	if lit.Quoted {
		start++
	}
	var (
		e   ast.Expr
		err error
	)
	if strings.IndexByte(lit.Raw, '\\') < 0 {
		e, err = parseExprRange(c.query, start, start+len(lit.Raw))
	} else {
		var inner ast.Expr
		inner, err = ParseExpr(lit.Value())
		if err == nil {
			e = inner
			ast.InspectExprs(&ast.WhereCommand{Expr: e}, func(x ast.Expr) bool {
				setExprSpan(x, ast.Span{Start: ast.Pos(l.Pos.Offset), End: ast.Pos(l.end())})
				return true
			})
		} else {
			err = errorf(c.query, l.Pos.Offset, "%s", err.(*Error).Msg)
		}
	}
	if err != nil {
		return nil, err
	}
	if p, ok := e.(*ast.ParenExpr); ok {
		e = p.X
	}
	return e, nil
}

// setExprSpan sets the span of one expression node.
func setExprSpan(e ast.Expr, s ast.Span) {
	switch e := e.(type) {
	case *ast.FieldExpr:
		e.Loc = s
	case *ast.StringExpr:
		e.Loc = s
	case *ast.NumberExpr:
		e.Loc = s
	case *ast.CallExpr:
		e.Loc = s
	case *ast.UnaryExpr:
		e.Loc = s
	case *ast.BinaryExpr:
		e.Loc = s
	case *ast.ParenExpr:
		e.Loc = s
	case *ast.InExpr:
		e.Loc = s
	}
}
