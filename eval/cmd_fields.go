package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// fieldsStage is `fields [+] f ...` or `fields - f ...` [D S-fields]:
//
//   - `fields a b` keeps a and b (wildcards allowed), in the order given,
//     plus the internal fields _raw and _time, which it keeps unless they
//     are removed explicitly [D];
//   - `fields - a b` removes them (`fields - _*` removes internal fields).
//
// Unlike table, a named field no row has does not become a column.
type fieldsStage struct {
	loc    ast.Span
	remove bool
	fields []glob.Glob
}

func compileFields(c *ast.FieldsCommand, e *errs) stage {
	if len(c.Fields) == 0 {
		e.addf(c.Loc, "fields needs at least one field")
		return nil
	}
	st := &fieldsStage{loc: c.Loc, remove: c.Remove}
	for _, f := range c.Fields {
		st.fields = append(st.fields, glob.New(f))
	}
	return st
}

func (s *fieldsStage) name() string   { return "fields" }
func (s *fieldsStage) span() ast.Span { return s.loc }

func (s *fieldsStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	if s.remove {
		drop := map[int]bool{}
		for i, f := range in.fields {
			for _, g := range s.fields {
				if g.Match(f) {
					drop[i] = true
				}
			}
		}
		out := &rowSet{fields: in.fields, rows: in.rows}
		if len(drop) > 0 {
			if err := out.dropCtx(ctx, drop); err != nil {
				return nil, 0, err
			}
		}
		return out, len(in.rows), nil
	}
	names, cols := selectFields(in, s.fields, false)
	for _, internal := range []string{"_raw", "_time"} {
		if c := in.col(internal); c >= 0 && !containsStr(names, internal) {
			names, cols = append(names, internal), append(cols, c)
		}
	}
	out, err := project(ctx, in, names, cols)
	return out, len(in.rows), err
}
