package parser

import (
	"strconv"

	"github.com/spelunk-dev/spelunk/ast"
)

func (c *converter) eval(g *gEval, loc ast.Span) (ast.Command, error) {
	cmd := &ast.EvalCommand{Loc: loc, Assignments: make([]ast.Assignment, 0, len(g.Assigns))}
	for _, a := range g.Assigns {
		var field string
		switch {
		case a.Word != nil:
			field = *a.Word
		case a.QField != nil:
			field = unquoteField(*a.QField)
		default:
			field = ast.Literal{Raw: (*a.String)[1 : len(*a.String)-1], Quoted: true}.Value()
		}
		cmd.Assignments = append(cmd.Assignments, ast.Assignment{Loc: span(a.Pos, a.EndPos), Field: field, Expr: a.Expr})
	}
	return cmd, nil
}

// fieldformat has eval's syntax and its own node.
func (c *converter) fieldformat(g *gEval, loc ast.Span) (ast.Command, error) {
	cmd, err := c.eval(g, loc)
	if err != nil {
		return nil, err
	}
	return &ast.FieldformatCommand{Loc: loc, Assignments: cmd.(*ast.EvalCommand).Assignments}, nil
}

func (c *converter) where(g *gWhere, loc ast.Span) (ast.Command, error) {
	return &ast.WhereCommand{Loc: loc, Expr: g.Expr}, nil
}

func (c *converter) head(g *gHead, loc ast.Span) (ast.Command, error) {
	cmd := &ast.HeadCommand{Loc: loc}
	for _, it := range g.Items {
		switch {
		case it.N != nil:
			n, err := c.count(*it.N, it.Pos.Offset)
			if err != nil {
				return nil, err
			}
			if cmd.LimitSet {
				return nil, errorf(c.query, it.Pos.Offset, "head: limit given twice")
			}
			cmd.Limit, cmd.LimitSet = n, true
		case it.Opt != nil && equalFold(it.Opt.Key, "limit"):
			n, err := c.count(it.Opt.Value.name(), it.Opt.Value.Pos.Offset)
			if err != nil {
				return nil, err
			}
			if cmd.LimitSet {
				return nil, errorf(c.query, it.Pos.Offset, "head: limit given twice")
			}
			cmd.Limit, cmd.LimitSet = n, true
		case it.Opt != nil:
			cmd.Options = append(cmd.Options, ast.Option{Loc: span(it.Opt.Pos, it.Opt.EndPos), Key: it.Opt.Key, Value: it.Opt.Value.literal()})
		default:
			if cmd.Expr != nil {
				return nil, errorf(c.query, it.Pos.Offset, "head: more than one (expression)")
			}
			cmd.Expr = it.Paren.Expr
		}
	}
	return cmd, nil
}

// count parses a non-negative integer argument such as head's limit.
func (c *converter) count(s string, pos int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, errorf(c.query, pos, "expected a non-negative integer, got %q", s)
	}
	return n, nil
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
