package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// compileTranspose is `transpose [int] [column_name=<string>]
// [header_field=<field>] [include_empty=<bool>]` [D S-transpose: "Returns
// the specified number of rows (search results) as columns (list of field
// values), such that each search row becomes a column"; int "Limit the
// number of rows to transpose", default 5; column_name default "column",
// the first column holding the field names; header_field names the other
// columns, else "row 1", "row 2", ...; include_empty default true]:
//
//   - one output row per field of the input, in column order (internal
//     fields such as _time too [U]), the header field excepted;
//   - include_empty=false leaves out fields null or empty in every
//     transposed row [I];
//   - a header value that is null names its column "row N" [U]; 0 rows
//     transposes every row [U].
func compileTranspose(c *ast.SimpleCommand, e *errs) stage {
	limit, colName, header, includeEmpty := 5, "column", "", true
	nerr := len(e.list)
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "column_name":
			colName = o.Value.Value()
		case "header_field":
			header = o.Value.Value()
		case "include_empty":
			includeEmpty, _ = boolOption(o, "transpose", e)
		default:
			e.addf(o.Loc, "unknown transpose option %q", o.Key)
		}
	}
	switch len(c.Args) {
	case 0:
	case 1:
		n, err := strconv.Atoi(c.Args[0].Value())
		if err != nil || n < 0 {
			e.addf(c.Loc, "transpose: %q is not a row count", c.Args[0].Value())
		}
		limit = n
	default:
		e.addf(c.Loc, "transpose takes one row count")
	}
	if len(e.list) > nerr {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error) {
		rows := in.rows
		if limit > 0 && len(rows) > limit {
			rows = rows[:limit]
		}
		if err := allocCells(env, c.Loc, "transpose", len(in.fields), len(rows)+1); err != nil {
			return nil, err
		}
		hc := -1
		if header != "" {
			hc = in.col(header)
		}
		fields := []string{colName}
		for i, r := range rows {
			name := "row " + strconv.Itoa(i+1)
			if v := get(r, hc); hc >= 0 && !v.IsNull() {
				name = v.String()
			}
			fields = append(fields, name)
		}
		out := &rowSet{fields: fields}
		t := &ticker{ctx: ctx}
		for c, f := range in.fields {
			if c == hc {
				continue
			}
			row := make(Row, 0, len(fields))
			row = append(row, Str(f))
			empty := true
			for _, r := range rows {
				if err := t.tick(); err != nil {
					return nil, err
				}
				v := get(r, c)
				if !v.IsNull() && v.String() != "" {
					empty = false
				}
				row = append(row, v)
			}
			if empty && !includeEmpty {
				continue
			}
			out.rows = append(out.rows, row)
		}
		dedupFields(out)
		return out, nil
	}}
}
