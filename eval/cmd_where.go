package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// whereStage is `where expr` [D S-where]: keeps the rows for which expr is
// true (null and false drop the row; see expr.go for the null rules). An
// unquoted word is a field, a quoted one a string; wildcards only through
// like().
type whereStage struct {
	loc  ast.Span
	prog *exprProg
	expr evalFn
}

func compileWhere(c *ast.WhereCommand, opts *Options, e *errs) stage {
	p := newExprProg(opts, e)
	x := p.compile(c.Expr)
	if x == nil {
		return nil
	}
	if x.isConst && x.typ != tBool && x.val.k != kindNull {
		e.addf(c.Loc, "where needs a boolean expression, got the constant %q", x.val.String())
		return nil
	}
	return &whereStage{loc: c.Loc, prog: p, expr: x.fn}
}

func (s *whereStage) name() string   { return "where" }
func (s *whereStage) span() ast.Span { return s.loc }

func (s *whereStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	c := newEctx(env, in, s.prog.bind(in))
	out := &rowSet{fields: in.fields}
	for i, row := range in.rows {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		c.row = row
		if isTrue(s.expr(c)) {
			out.rows = append(out.rows, row)
		}
		if c.err != nil {
			return nil, 0, stageErr(s.loc, c.err)
		}
	}
	return out, len(in.rows), nil
}
