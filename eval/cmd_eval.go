package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// evalStage is `eval a=expr, b=expr` [D S-eval, spl_semantics.md §5]:
// assignments run left to right on each row, later ones seeing earlier
// results; an existing field is overwritten (a null result removes its
// value); `{f}=expr` assigns to the field named by f's value (nothing when
// f is null or empty). A boolean cannot be assigned (a compile error, as
// in Splunk). New fields are added as columns in assignment order.
type evalStage struct {
	loc     ast.Span
	prog    *exprProg
	assigns []assign
}

type assign struct {
	target  string // field name; "" for {f}
	dynSlot int    // {f}: f's slot
	expr    evalFn
}

func compileEval(c *ast.EvalCommand, opts *Options, e *errs) stage {
	p := newExprProg(opts, e)
	st := &evalStage{loc: c.Loc, prog: p}
	nerr := len(e.list)
	if len(c.Assignments) == 0 {
		e.addf(c.Loc, "eval needs at least one field=expression")
	}
	for _, a := range c.Assignments {
		x := p.compile(a.Expr)
		if x == nil {
			continue
		}
		if x.typ == tBool {
			e.addf(a.Loc, "eval %s: fields cannot be assigned a boolean result; try if(<bool expr>, <expr>, <expr>)", a.Field)
			continue
		}
		as := assign{expr: x.fn, dynSlot: -1}
		if inner, ok := strings.CutPrefix(a.Field, "{"); ok && strings.HasSuffix(inner, "}") {
			as.dynSlot = p.slot(strings.TrimSuffix(inner, "}"))
		} else {
			as.target = a.Field
		}
		if as.target == "" && as.dynSlot < 0 {
			e.addf(a.Loc, "eval needs a field name before '='")
			continue
		}
		st.assigns = append(st.assigns, as)
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *evalStage) name() string   { return "eval" }
func (s *evalStage) span() ast.Span { return s.loc }

func (s *evalStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	out := &rowSet{fields: in.fields, rows: in.rows}
	var names []string
	for _, a := range s.assigns {
		if a.target != "" {
			names = append(names, a.target)
		}
	}
	g := &cellGuard{span: s.loc, name: "eval", env: env}
	targets, ok := g.add(out, names...)
	if !ok {
		return nil, 0, g.err
	}
	cols := s.prog.bind(out)
	c := newEctx(env, out, cols)
	for i, row := range out.rows {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		c.row = row
		ti := 0
		for _, a := range s.assigns {
			v := storable(a.expr(c))
			if a.target != "" {
				c.row[targets[ti]] = v
				ti++
				continue
			}
			name := first(readSlot(c, a.dynSlot)).String()
			if name == "" {
				continue
			}
			col := out.col(name)
			if col < 0 {
				cols, ok := g.add(out, name)
				if !ok {
					return nil, 0, g.err
				}
				col = cols[0]
				c.cols = s.prog.bind(out)
				c.row = out.rows[i]
			}
			c.row[col] = v
		}
		out.rows[i] = c.row
		if c.err != nil {
			return nil, 0, stageErr(s.loc, c.err)
		}
	}
	return out, len(in.rows), nil
}
