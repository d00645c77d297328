package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// xyseries x y data... [sep=] [format=] [grouped=] [D S-xyseries:
// "Converts results into a tabular format that is suitable for
// graphing"; x-field the row key, y-name-field's values the new columns,
// y-data-field the cells; with several data fields the columns are named
// "<data-field><sep><y-value>" (sep default ": ", format=
// "$AGG$<sep>$VAL$")]: rows in order of the x values' first appearance,
// columns in order of the y values' first appearance [U]; results lacking
// x or y are skipped, and of two results for one cell the first wins [U].
// grouped= is accepted (it only concerns Splunk's input streaming).
//
// untable x y z [D S-untable: "Converts results from a tabular format to
// a format similar to stats output. This command is the inverse of the
// xyseries command"]: each other non-null field of a result becomes a row
// {x, y: field name, z: value}, in column order; internal fields are left
// out [U].

func compileXyseries(c *ast.SimpleCommand, e *errs) stage {
	if len(c.Args) < 3 {
		e.addf(c.Loc, "xyseries needs an x field, a y-name field and at least one y-data field")
		return nil
	}
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = a.Value()
	}
	sep := ": "
	if v, ok := c.Option("sep"); ok {
		sep = v
	}
	format, hasFormat := c.Option("format")
	if v, ok := c.Option("grouped"); ok {
		if _, ok := ParseBool(v); !ok {
			e.addf(c.Loc, "xyseries grouped=%s: not a boolean", v)
			return nil
		}
	}
	x, y, data := args[0], args[1], args[2:]
	name := func(agg, val string) string {
		switch {
		case hasFormat:
			return strings.ReplaceAll(strings.ReplaceAll(format, "$AGG$", agg), "$VAL$", val)
		case len(data) == 1:
			return val
		}
		return agg + sep + val
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error) {
		tk := &ticker{ctx: ctx}
		xc, yc := in.col(x), in.col(y)
		dcs := make([]int, len(data))
		for i, d := range data {
			dcs[i] = in.col(d)
		}
		out := &rowSet{fields: []string{x}}
		rowOf := map[string]int{}
		colOf := map[string]int{}
		for _, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			xv, yv := get(r, xc), get(r, yc)
			if xv.IsNull() || yv.IsNull() {
				continue
			}
			xs := xv.String()
			ri, ok := rowOf[xs]
			if !ok {
				ri = len(out.rows)
				rowOf[xs] = ri
				out.rows = append(out.rows, Row{xv})
			}
			for i, d := range data {
				v := get(r, dcs[i])
				if v.IsNull() {
					continue
				}
				cn := name(d, yv.String())
				ci, ok := colOf[cn]
				if !ok {
					ci = len(out.fields)
					colOf[cn] = ci
					out.fields = append(out.fields, cn)
					// The table grows to rows × columns: checked as it
					// grows, not once it is built.
					if err := checkCells(c.Loc, "xyseries", env.opts, len(out.rows), len(out.fields)); err != nil {
						return nil, err
					}
				}
				row := out.rows[ri]
				for len(row) <= ci {
					row = append(row, Null())
				}
				if row[ci].IsNull() {
					row[ci] = v
				}
				out.rows[ri] = row
			}
		}
		if err := allocCells(env, c.Loc, "xyseries", len(out.rows), len(out.fields)); err != nil {
			return nil, err
		}
		out.padRows()
		return out, nil
	}}
}

func compileUntable(c *ast.SimpleCommand, e *errs) stage {
	if len(c.Args) != 3 || len(c.Options) > 0 {
		e.addf(c.Loc, "untable needs exactly three fields: x-field y-name-field y-data-field")
		return nil
	}
	x, y, z := c.Args[0].Value(), c.Args[1].Value(), c.Args[2].Value()
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error) {
		xc := in.col(x)
		out := &rowSet{fields: []string{x, y, z}}
		tk := &ticker{ctx: ctx}
		for _, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			xv := get(r, xc)
			for ci, f := range in.fields {
				if ci == xc || isInternal(f) {
					continue
				}
				v := get(r, ci)
				if v.IsNull() {
					continue
				}
				if len(out.rows) >= env.maxRows {
					return nil, limitAt(c.Loc, "untable produced more than the limit of %d rows", env.maxRows)
				}
				out.rows = append(out.rows, Row{xv, Str(f), v})
			}
		}
		return out, nil
	}}
}
