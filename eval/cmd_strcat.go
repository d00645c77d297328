package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// strcat [allrequired=bool] source... dest [D S-strcat: "Concatenates
// string values from 2 or more fields. Combines together string values
// and literals into a new field"; quoted arguments are literals;
// "allrequired: Specifies whether or not all source fields need to exist
// in each event before values are concatenated. Default: false"]: a
// missing field adds nothing (with allrequired=t the destination is not
// set); a multivalue field adds its first value [U].
func compileStrcat(c *ast.SimpleCommand, e *errs) stage {
	all := false
	if v, ok := c.Option("allrequired"); ok {
		b, ok := ParseBool(v)
		if !ok {
			e.addf(c.Loc, "strcat allrequired=%s: not a boolean", v)
			return nil
		}
		all = b
	}
	if len(c.Args) < 2 {
		e.addf(c.Loc, "strcat needs source fields or strings and a destination field")
		return nil
	}
	srcs := c.Args[:len(c.Args)-1]
	dst := c.Args[len(c.Args)-1].Value()
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		tk := &ticker{ctx: ctx}
		cols := make([]int, len(srcs))
		for i, s := range srcs {
			cols[i] = -1
			if !s.Quoted {
				cols[i] = in.col(s.Value())
			}
		}
		dc := in.addFields(dst)[0]
	rows:
		for _, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			var b strings.Builder
			for i, s := range srcs {
				if s.Quoted {
					b.WriteString(s.Value())
					continue
				}
				v := get(r, cols[i])
				if v.IsNull() {
					if all {
						r[dc] = Null()
						continue rows
					}
					continue
				}
				b.WriteString(first(v).String())
			}
			r[dc] = Str(b.String())
		}
		return in, nil
	}}
}
