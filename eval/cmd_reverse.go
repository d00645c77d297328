package eval

import (
	"context"
	"slices"

	"github.com/spelunk-dev/spelunk/ast"
)

// reverse [D S-reverse: "Reverses the order of the results"], uniq [D
// S-uniq: "removes any search result if that result is an exact duplicate
// of a previous result"; [U] any earlier result, not only the one just
// before, every field compared, internal ones included] and addinfo [D
// S-addinfo: adds info_min_time, info_max_time, info_search_time and
// info_sid]. spelunk knows no search time range: info_min_time is 0 and
// info_max_time +Infinity, as Splunk shows them for all time; the search
// time is Options.Now; info_sid is "spelunk" [U].

func compileReverse(c *ast.SimpleCommand, e *errs) stage {
	if !noArgs(c, e) {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		// One copy of the row pointers: checked once, before.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rows := slices.Clone(in.rows)
		slices.Reverse(rows)
		return &rowSet{fields: in.fields, rows: rows}, nil
	}}
}

func compileUniq(c *ast.SimpleCommand, e *errs) stage {
	if !noArgs(c, e) {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		seen := map[string]bool{}
		out := &rowSet{fields: in.fields}
		for i, r := range in.rows {
			if i&4095 == 4095 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			k := rowKey(r, len(in.fields))
			if seen[k] {
				continue
			}
			seen[k] = true
			out.rows = append(out.rows, r)
		}
		return out, nil
	}}
}

// rowKey encodes the first n values of r (kind and text) as a map key.
func rowKey(r Row, n int) string {
	var b []byte
	for c := range n {
		v := get(r, c)
		b = append(b, byte(v.k))
		for _, s := range v.Strings() {
			b = append(b, s...)
			b = append(b, 0)
		}
		b = append(b, 1)
	}
	return string(b)
}

func compileAddinfo(c *ast.SimpleCommand, opts *Options, e *errs) stage {
	if !noArgs(c, e) {
		return nil
	}
	now := float64(opts.Now.UnixNano()) / 1e9
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		out := &rowSet{fields: in.fields, rows: in.rows}
		cols := out.addFields("info_min_time", "info_max_time", "info_search_time", "info_sid")
		tk := &ticker{ctx: ctx}
		for _, r := range out.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			r[cols[0]] = numText(0, "0.000")
			r[cols[1]] = Str("+Infinity")
			r[cols[2]] = Num(now)
			r[cols[3]] = Str("spelunk")
		}
		return out, nil
	}}
}
