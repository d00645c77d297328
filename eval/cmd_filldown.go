package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// compileFilldown is `filldown [field-list]` [D S-filldown: "Replaces null
// values with the last non-null value for a field or set of fields. If no
// list of fields is given, the filldown command will be applied to all
// fields"; wildcards allowed]: in result order, a null cell of a listed
// field takes the field's last non-null value above it; an empty string
// is a value [U]; rows before the first value stay null.
func compileFilldown(c *ast.SimpleCommand, e *errs) stage {
	if len(c.Options) > 0 {
		e.addf(c.Options[0].Loc, "filldown takes fields, not options")
		return nil
	}
	var globs []glob.Glob
	for _, a := range c.Args {
		globs = append(globs, glob.New(a.Value()))
	}
	if len(globs) == 0 {
		globs = []glob.Glob{glob.New("*")}
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		_, cols := selectFields(in, globs, false)
		t := &ticker{ctx: ctx}
		for _, col := range cols {
			last := Null()
			for _, r := range in.rows {
				if err := t.tick(); err != nil {
					return nil, err
				}
				if v := get(r, col); !v.IsNull() {
					last = v
				} else if col < len(r) {
					r[col] = last
				}
			}
		}
		return in, nil
	}}
}
