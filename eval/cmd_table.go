package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// tableStage is `table f1 f2 ...` [D S-table]: exactly those fields, in
// that order; a wildcard expands to the matching fields in their current
// order; a field named without a wildcard is kept (as an empty column)
// even when no row has it; a field listed twice appears once.
type tableStage struct {
	loc    ast.Span
	fields []glob.Glob
}

func compileTable(c *ast.TableCommand, e *errs) stage {
	if len(c.Fields) == 0 {
		e.addf(c.Loc, "table needs at least one field")
		return nil
	}
	st := &tableStage{loc: c.Loc}
	for _, f := range c.Fields {
		st.fields = append(st.fields, glob.New(f))
	}
	return st
}

func (s *tableStage) name() string   { return "table" }
func (s *tableStage) span() ast.Span { return s.loc }

func (s *tableStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	names, cols := selectFields(in, s.fields, true)
	out, err := project(ctx, in, names, cols)
	return out, len(in.rows), err
}

// selectFields lists the fields globs name, in glob order: a wildcard
// expands to the matching fields in their current order; a plain name not
// present is included (col -1) when keepMissing is set.
func selectFields(in *rowSet, globs []glob.Glob, keepMissing bool) ([]string, []int) {
	var names []string
	var cols []int
	seen := map[string]bool{}
	for _, g := range globs {
		if g.Stars() == 0 {
			if seen[g.String()] {
				continue
			}
			c := in.col(g.String())
			if c < 0 && !keepMissing {
				continue
			}
			seen[g.String()] = true
			names, cols = append(names, g.String()), append(cols, c)
			continue
		}
		for i, f := range in.fields {
			if g.Match(f) && !seen[f] {
				seen[f] = true
				names, cols = append(names, f), append(cols, i)
			}
		}
	}
	return names, cols
}

// project builds rows holding the given columns (-1: null); it stops
// with ctx's error.
func project(ctx context.Context, in *rowSet, names []string, cols []int) (*rowSet, error) {
	out := &rowSet{fields: names, rows: make([]Row, len(in.rows))}
	tk := &ticker{ctx: ctx}
	for i, row := range in.rows {
		if err := tk.tick(); err != nil {
			return nil, err
		}
		nr := make(Row, len(cols))
		for k, c := range cols {
			nr[k] = get(row, c)
		}
		out.rows[i] = nr
	}
	return out, nil
}

// isInternal reports whether a field is internal (leading underscore).
func isInternal(f string) bool { return strings.HasPrefix(f, "_") }
