package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// compileSelfjoin is `selfjoin [overwrite=<bool>] [max=<int>]
// [keepsingle=<bool>] <field-list>` [D S-selfjoin: "Join search result
// rows with other search result rows in the same result set, based on one
// or more fields"; max "the maximum number of 'other' results to join with
// each main result", default 1, 0 no limit; overwrite (default true)
// "causes fields from the 'other' results to overwrite fields of the main
// results"; keepsingle (default false) keeps results with no other result
// to join with]:
//
//   - results with the same values in every join field form a group (a
//     result missing one is left out [U]); one result per group, groups in
//     order of first appearance [I: the Search Reference's examples];
//   - the group's last result is the main one and the results before it,
//     nearest first, up to max, are the others joined into it: each of
//     their non-null fields is copied when overwrite=true or the main
//     result lacks it [I: a published example where rows id=1 "aka"
//     owner_id=1 and id=1 "ichiro" give id=1 name=aka owner_id=1; the
//     order among several others is U].
func compileSelfjoin(c *ast.SimpleCommand, e *errs) stage {
	overwrite, maxOthers, keepsingle := true, 1, false
	nerr := len(e.list)
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "overwrite":
			overwrite, _ = boolOption(o, "selfjoin", e)
		case "keepsingle":
			keepsingle, _ = boolOption(o, "selfjoin", e)
		case "max":
			if n, ok := intOption(o, "selfjoin", e); ok {
				if n < 0 {
					e.addf(o.Loc, "selfjoin max must not be negative")
				}
				maxOthers = n
			}
		default:
			e.addf(o.Loc, "unknown selfjoin option %q", o.Key)
		}
	}
	var fields []string
	for _, a := range c.Args {
		fields = append(fields, a.Value())
	}
	if len(fields) == 0 {
		e.addf(c.Loc, "selfjoin needs the fields to join on")
	}
	if len(e.list) > nerr {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		cols := make([]int, len(fields))
		for i, f := range fields {
			cols[i] = in.col(f)
		}
		groups := map[string][]int{}
		var order []string
		t := &ticker{ctx: ctx}
	rows:
		for i, r := range in.rows {
			if err := t.tick(); err != nil {
				return nil, err
			}
			var b strings.Builder
			for _, c := range cols {
				v := get(r, c)
				if v.IsNull() {
					continue rows
				}
				b.WriteString(strings.Join(v.Strings(), "\x00"))
				b.WriteByte(1)
			}
			k := b.String()
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], i)
		}
		out := &rowSet{fields: in.fields}
		for _, k := range order {
			g := groups[k]
			if len(g) == 1 && !keepsingle {
				continue
			}
			main := make(Row, len(in.fields))
			copy(main, in.rows[g[len(g)-1]])
			joined := 0
			for j := len(g) - 2; j >= 0 && (maxOthers == 0 || joined < maxOthers); j-- {
				for c, v := range in.rows[g[j]] {
					if c < len(main) && !v.IsNull() && (overwrite || main[c].IsNull()) {
						main[c] = v
					}
				}
				joined++
			}
			out.rows = append(out.rows, main)
		}
		return out, nil
	}}
}
