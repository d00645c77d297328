package eval

import (
	"context"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// contingencyOpts are contingency's options.
type contingencyOpts struct {
	maxRows, maxCols         int
	minRowCover, minColCover float64
	useTotal                 bool
	totalStr                 string
	rowField, colField       string
}

// compileContingency is `contingency [maxrows=] [maxcols=]
// [mincolcover=] [minrowcover=] [usetotal=] [totalstr=] <field1>
// <field2>` (aliases ctable, counttable) [D S-contingency: "a
// co-occurrence matrix for the values of two fields ... Each cell ...
// the count of events that contain the two values"; maxrows and maxcols
// default 1000 (0: no limit), mincolcover and minrowcover 1.0, usetotal
// true, totalstr "TOTAL"]:
//
//   - one row per value of field1 (the first column, named field1), one
//     column per value of field2; results missing either field are left
//     out; a multivalue counts each pair of its values [U];
//   - rows and columns are ordered by their totals, largest first, ties by
//     value [U]; maxrows/maxcols keep the first ones, and
//     minrowcover/mincolcover keep the fewest first ones whose totals
//     cover that fraction of the counted results [U: the documentation
//     names the options only];
//   - usetotal adds a column and a last row named totalstr with the sums
//     (over the kept cells [U]); empty cells are 0.
func compileContingency(c *ast.SimpleCommand, e *errs) stage {
	o := contingencyOpts{maxRows: 1000, maxCols: 1000, minRowCover: 1, minColCover: 1, useTotal: true, totalStr: "TOTAL"}
	nerr := len(e.list)
	cover := func(opt ast.Option) float64 {
		f, ok := parseNumber(opt.Value.Value())
		if !ok || f <= 0 || f > 1 {
			e.addf(opt.Loc, "%s %s: %q is not a number in (0, 1]", c.Name, opt.Key, opt.Value.Value())
		}
		return f
	}
	for _, opt := range c.Options {
		switch strings.ToLower(opt.Key) {
		case "maxrows":
			o.maxRows, _ = intOption(opt, c.Name, e)
		case "maxcols":
			o.maxCols, _ = intOption(opt, c.Name, e)
		case "minrowcover":
			o.minRowCover = cover(opt)
		case "mincolcover":
			o.minColCover = cover(opt)
		case "usetotal":
			o.useTotal, _ = boolOption(opt, c.Name, e)
		case "totalstr":
			o.totalStr = opt.Value.Value()
		default:
			e.addf(opt.Loc, "unknown %s option %q", c.Name, opt.Key)
		}
	}
	if len(c.Args) != 2 {
		e.addf(c.Loc, "%s needs two fields", c.Name)
	} else {
		o.rowField, o.colField = c.Args[0].Value(), c.Args[1].Value()
	}
	if o.maxRows < 0 || o.maxCols < 0 {
		e.addf(c.Loc, "%s: maxrows and maxcols must not be negative", c.Name)
	}
	if len(e.list) > nerr {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error) {
		return o.run(ctx, env, in, c.Loc)
	}}
}

// contingencyAxis ranks one field's values by their totals.
type contingencyAxis struct {
	vals   []Value
	totals map[string]int
	index  map[string]bool
}

func (a *contingencyAxis) add(v Value, n int) {
	k := v.String()
	if _, ok := a.totals[k]; !ok {
		a.vals = append(a.vals, v)
	}
	a.totals[k] += n
}

// keep orders the values by total (ties by value) and keeps the first
// limit (0: all) covering the fraction cover of all.
func (a *contingencyAxis) keep(limit int, cover float64, all int) []Value {
	slices.SortStableFunc(a.vals, func(x, y Value) int {
		tx, ty := a.totals[x.String()], a.totals[y.String()]
		if tx != ty {
			return ty - tx
		}
		return collateValues(x, y)
	})
	var kept []Value
	sum := 0
	for _, v := range a.vals {
		if limit > 0 && len(kept) >= limit || float64(sum) >= cover*float64(all) && len(kept) > 0 {
			break
		}
		kept = append(kept, v)
		sum += a.totals[v.String()]
	}
	return kept
}

func (o contingencyOpts) run(ctx context.Context, env *runEnv, in *rowSet, loc ast.Span) (*rowSet, error) {
	rc, cc := in.col(o.rowField), in.col(o.colField)
	rows := &contingencyAxis{totals: map[string]int{}}
	cols := &contingencyAxis{totals: map[string]int{}}
	cells := map[[2]string]int{}
	all := 0
	t := &ticker{ctx: ctx}
	for _, r := range in.rows {
		if err := t.tick(); err != nil {
			return nil, err
		}
		rv, cv := get(r, rc), get(r, cc)
		if rv.IsNull() || cv.IsNull() {
			continue
		}
		for _, a := range valuesOf(rv) {
			for _, b := range valuesOf(cv) {
				rows.add(a, 1)
				cols.add(b, 1)
				cells[[2]string{a.String(), b.String()}]++
				all++
			}
		}
	}
	rk := rows.keep(o.maxRows, o.minRowCover, all)
	ck := cols.keep(o.maxCols, o.minColCover, all)
	if err := allocCells(env, loc, "contingency", len(rk)+1, len(ck)+2); err != nil {
		return nil, err
	}
	fields := []string{o.rowField}
	for _, v := range ck {
		fields = append(fields, v.String())
	}
	if o.useTotal {
		fields = append(fields, o.totalStr)
	}
	out := &rowSet{fields: fields}
	colSums := make([]int, len(ck))
	grand := 0
	for _, rv := range rk {
		row := Row{rv}
		sum := 0
		for i, cv := range ck {
			n := cells[[2]string{rv.String(), cv.String()}]
			row = append(row, Num(float64(n)))
			sum += n
			colSums[i] += n
		}
		grand += sum
		if o.useTotal {
			row = append(row, Num(float64(sum)))
		}
		out.rows = append(out.rows, row)
	}
	if o.useTotal {
		row := Row{Str(o.totalStr)}
		for _, n := range colSums {
			row = append(row, Num(float64(n)))
		}
		out.rows = append(out.rows, append(row, Num(float64(grand))))
	}
	dedupFields(out)
	return out, nil
}

// valuesOf returns a value's values: each value of a multivalue, else the
// value itself.
func valuesOf(v Value) []Value {
	if v.k != kindMulti {
		return []Value{v}
	}
	out := make([]Value, len(v.mv))
	for i, s := range v.mv {
		out[i] = Str(s)
	}
	return out
}
