package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// mvcombine [delim=] field [D S-mvcombine: "Takes a group of events that
// are identical except for the specified field, which contains a single
// value, and combines those events into a single event. The specified
// field becomes a multivalue field that contains all of the single values
// from the combined events"; "does not apply to internal fields"]:
//
//   - results are grouped by every other field (internal ones included, so
//     raw events rarely combine, as the Search Reference warns); a group
//     is output where its first result stood, the field holding the
//     group's values in order, duplicates kept [U];
//   - results without the field pass through unchanged [U];
//   - delim= only changes how Splunk displays the combined value (its
//     single-value form for a following nomv); values are unaffected [U].
//
// nomv field [D S-nomv: "Converts values of the specified multivalue field
// into one single value. Separates the values using a new line "\n"
// delimiter"].

func compileMvcombine(c *ast.SimpleCommand, e *errs) stage {
	a, ok := oneFieldArg(c, e, false)
	if !ok {
		return nil
	}
	field := a.fields[0]
	if isInternal(field) {
		e.addf(c.Loc, "mvcombine does not apply to internal fields (%s)", field)
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		fc := in.col(field)
		if fc < 0 {
			return in, nil
		}
		out := &rowSet{fields: in.fields}
		groups := map[string]int{} // key → output row
		vals := map[int][]string{}
		for i, r := range in.rows {
			if i&4095 == 4095 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			v := get(r, fc)
			if v.IsNull() {
				out.rows = append(out.rows, r)
				continue
			}
			saved := r[fc]
			r[fc] = Null()
			k := rowKey(r, len(in.fields))
			r[fc] = saved
			gi, seen := groups[k]
			if !seen {
				gi = len(out.rows)
				groups[k] = gi
				out.rows = append(out.rows, r)
			}
			vals[gi] = append(vals[gi], v.Strings()...)
		}
		for gi, vs := range vals {
			out.rows[gi][fc] = Multi(vs...)
		}
		return out, nil
	}}
}

func compileNomv(c *ast.SimpleCommand, e *errs) stage {
	a, ok := oneFieldArg(c, e, false)
	if !ok {
		return nil
	}
	field := a.fields[0]
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		fc := in.col(field)
		if fc < 0 {
			return in, nil
		}
		tk := &ticker{ctx: ctx}
		for _, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			if v := get(r, fc); v.IsMulti() {
				r[fc] = Str(strings.Join(v.Strings(), "\n"))
			}
		}
		return in, nil
	}}
}
