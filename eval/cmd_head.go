package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// headStage is `head [N]` (default 10) or `head (expr)` [D S-head]: the
// first N rows, or the rows up to the first for which expr is not true.
// keeplast=true also keeps that row; null=true treats a null expr as true
// [D].
type headStage struct {
	loc      ast.Span
	limit    int
	prog     *exprProg
	expr     evalFn
	keepLast bool
	nullTrue bool
}

func compileHead(c *ast.HeadCommand, opts *Options, e *errs) stage {
	st := &headStage{loc: c.Loc, limit: 10}
	if c.LimitSet {
		st.limit = c.Limit
	}
	for _, o := range c.Options {
		b, ok := ParseBool(o.Value.Value())
		switch {
		case !ok:
			e.addf(o.Loc, "head option %s: %q is not a boolean", o.Key, o.Value.Value())
		case o.Key == "keeplast":
			st.keepLast = b
		case o.Key == "null":
			st.nullTrue = b
		default:
			e.addf(o.Loc, "unknown head option %q", o.Key)
		}
	}
	if c.Expr != nil {
		st.prog = newExprProg(opts, e)
		x := st.prog.compile(c.Expr)
		if x == nil {
			return nil
		}
		st.expr = x.fn
		if !c.LimitSet {
			st.limit = 0
		}
	}
	return st
}

func (s *headStage) name() string   { return "head" }
func (s *headStage) span() ast.Span { return s.loc }

func (s *headStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	rows := in.rows
	if s.limit > 0 && len(rows) > s.limit {
		rows = rows[:s.limit]
	}
	if s.expr != nil {
		c := newEctx(env, in, s.prog.bind(in))
		n := len(rows)
		for i, row := range rows {
			if err := tk.tick(); err != nil {
				return nil, 0, err
			}
			c.row = row
			v := s.expr(c)
			if isTrue(v) || (s.nullTrue && v.k == kindNull) {
				continue
			}
			n = i
			if s.keepLast {
				n++
			}
			break
		}
		rows = rows[:n]
	}
	return &rowSet{fields: in.fields, rows: rows}, len(in.rows), nil
}

// tailStage is `tail [N]` (default 10) [D S-tail]: the last N rows, in
// reverse order.
type tailStage struct {
	loc   ast.Span
	limit int
}

func compileTail(c *ast.TailCommand) stage {
	st := &tailStage{loc: c.Loc, limit: 10}
	if c.LimitSet {
		st.limit = c.Limit
	}
	return st
}

func (s *tailStage) name() string   { return "tail" }
func (s *tailStage) span() ast.Span { return s.loc }

func (s *tailStage) run(_ context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	n := len(in.rows)
	if s.limit >= 0 && n > s.limit {
		n = s.limit
	}
	rows := make([]Row, 0, n)
	for i := len(in.rows) - 1; i >= len(in.rows)-n; i-- {
		rows = append(rows, in.rows[i])
	}
	return &rowSet{fields: in.fields, rows: rows}, len(in.rows), nil
}
