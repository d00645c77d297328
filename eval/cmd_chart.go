package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// chartStage is `chart [limit=N] [useother=] [usenull=] [nullstr=]
// [otherstr=] [sep=] [format=] aggregates [over X [span=S]] [by Y]` (or
// `by X Y`) [D S-chart: "Returns results in a table format ... The
// results can then be used to display the data as a chart, such as a
// column, line, area, or pie chart"; "<row-split> ... <column-split>";
// `over X by Y` equals `by X Y`]:
//
//   - without a split: one row, as stats; with a row split only: one row
//     per value of X, as `stats ... by X`;
//   - with a column split: one row per value of X (ascending, as stats
//     orders its groups), one column per value of Y; several aggregates
//     give columns "<agg><sep><value>" (sep ": " by default, format=
//     "$AGG$<sep>$VAL$" overrides) [D];
//   - limit=N (default 10, 0 = all; topN/bottomN) keeps the N series with
//     the largest (bottom: smallest) sum of their aggregate values, ties by
//     value; the others are summed into OTHER (useother=true, otherstr=)
//     [D; the sum, as timechart's, I]; results without Y form the NULL
//     series (usenull=true, nullstr=), which the limit does not count [U];
//     series columns are in value order, then NULL, then OTHER [U];
//   - an empty cell is 0 for count and dc, null for the others [I, as
//     timechart];
//   - results without X are left out, as stats leaves out results without
//     a by field;
//   - span= (or bins= with span) on X bins it as the bin command does
//     (time spans on _time, numeric spans as "lo-hi" ranges, log spans)
//     [D S-chart: "<bins-options>"]; bins=, minspan=, start=, end= alone are
//     not supported yet; cont= and agg= are accepted without effect.
//
// Prestats rows of tstats prestats=t are finished like any results
// (tstats_prestats.go).
type chartStage struct {
	loc      ast.Span
	stats    *statsStage
	rowField string
	colField string
	rowBin   *binStage
	seriesOptions
	sep    string
	format string
}

// Internal columns chart adds before its stats run.
const (
	chRow = "\x00chart_row"
	chCol = "\x00chart_col"
)

func compileChart(c *ast.ChartCommand, opts *Options, e *errs) stage {
	st := &chartStage{loc: c.Loc, seriesOptions: defaultSeriesOptions(), sep: ": "}
	nerr := len(e.list)
	switch {
	case c.Over != "":
		st.rowField = c.Over
		if len(c.By) > 0 {
			st.colField = c.By[0]
		}
	case len(c.By) > 0:
		st.rowField = c.By[0]
		if len(c.By) > 1 {
			st.colField = c.By[1]
		}
	}
	var binOpts []ast.Option
	for _, opts := range [][]ast.Option{c.Options, c.OverOptions, c.ByOptions} {
		for _, o := range opts {
			if st.seriesOptions.parse(o, "chart", e) {
				continue
			}
			v := o.Value.Value()
			switch k := strings.ToLower(o.Key); k {
			case "cont":
				boolOption(o, "chart", e)
			case "sep":
				st.sep = v
			case "format":
				st.format = v
			case "agg":
			case "span":
				binOpts = append(binOpts, o)
			case "bins", "minspan", "start", "end":
				e.unsupported(o.Loc, "chart option %s is not supported yet", o.Key)
			default:
				e.addf(o.Loc, "unknown chart option %q", o.Key)
			}
		}
	}
	if len(binOpts) > 0 {
		if st.rowField == "" {
			e.addf(c.Loc, "chart span= needs a row split (over X or by X)")
		} else if b, ok := compileBin(&ast.BinCommand{Loc: c.Loc, Name: "chart", Options: binOpts, Field: st.rowField, As: chRow}, e).(*binStage); ok {
			st.rowBin = b
		}
	}
	var by []string
	if st.rowField != "" {
		by = append(by, chRow)
	}
	if st.colField != "" {
		by = append(by, chCol)
	}
	if sst, ok := compileStats(&ast.StatsCommand{Loc: c.Loc, Name: "stats", Aggregates: c.Aggregates, By: by}, opts, e).(*statsStage); ok {
		st.stats = sst
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *chartStage) name() string   { return "chart" }
func (s *chartStage) span() ast.Span { return s.loc }

func (s *chartStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	nIn := len(in.rows)
	if s.rowField != "" {
		if s.rowBin != nil {
			var err error
			if in, _, err = s.rowBin.run(ctx, env, in); err != nil {
				return nil, 0, err
			}
		} else {
			src := in.col(s.rowField)
			dst := in.addFields(chRow)[0]
			for _, r := range in.rows {
				r[dst] = get(r, src)
			}
		}
	}
	if s.colField != "" {
		src := in.col(s.colField)
		dst := in.addFields(chCol)[0]
		for _, r := range in.rows {
			v := get(r, src)
			if v.IsNull() && s.usenull {
				v = Str(s.nullstr)
			}
			r[dst] = v
		}
	}
	sp := s.stats.spec.forInput(env, in)
	st, _, err := s.stats.run(ctx, env, in)
	if err != nil {
		return nil, 0, err
	}
	if s.rowField == "" || s.colField == "" {
		for i, f := range st.fields {
			if f == chRow {
				st.fields[i] = s.rowField
			}
		}
		st.idx = nil
		return st, nIn, nil
	}
	return s.pivot(st, sp), nIn, nil
}

// pivot turns stats rows (row, col, aggs...) into one row per row value.
func (s *chartStage) pivot(st *rowSet, sp *statsSpec) *rowSet {
	const first = 2
	aggNames := st.fields[first:]
	nagg := len(aggNames)
	zero := make([]bool, nagg)
	for i, name := range aggNames {
		for _, a := range sp.aggs {
			if a.name == name && (a.kind.fn == "count" || a.kind.fn == "dc") {
				zero[i] = true
			}
		}
	}
	type cell = []Value
	var rowVals []Value
	rowIdx := map[string]int{}
	var cells []map[string]cell
	var seriesVals []Value
	seen := map[string]bool{}
	totals := map[string]float64{}
	for _, r := range st.rows {
		rk := r[0].String()
		ri, ok := rowIdx[rk]
		if !ok {
			ri = len(rowVals)
			rowIdx[rk] = ri
			rowVals = append(rowVals, r[0])
			cells = append(cells, map[string]cell{})
		}
		key := r[1].String()
		if !seen[key] {
			seen[key] = true
			seriesVals = append(seriesVals, r[1])
		}
		cells[ri][key] = r[first:]
		for _, v := range r[first:] {
			if f, ok := toNum(v); ok {
				totals[key] += f
			}
		}
	}
	series, others := s.choose(seriesVals, totals)
	withOther := s.useother && len(others) > 0
	colName := func(ser string, a int) string {
		switch {
		case s.format != "":
			return strings.ReplaceAll(strings.ReplaceAll(s.format, "$AGG$", aggNames[a]), "$VAL$", ser)
		case nagg == 1:
			return ser
		}
		return aggNames[a] + s.sep + ser
	}
	fields := []string{s.rowField}
	for a := range nagg {
		for _, ser := range series {
			fields = append(fields, colName(ser, a))
		}
		if withOther {
			fields = append(fields, colName(s.otherstr, a))
		}
	}
	fill := func(a int) Value {
		if zero[a] {
			return Num(0)
		}
		return Null()
	}
	out := &rowSet{fields: fields, rows: make([]Row, 0, len(rowVals))}
	for ri, rv := range rowVals {
		row := make(Row, 0, len(fields))
		row = append(row, rv)
		for a := range nagg {
			for _, ser := range series {
				if c := cells[ri][ser]; c != nil && !c[a].IsNull() {
					row = append(row, c[a])
				} else {
					row = append(row, fill(a))
				}
			}
			if withOther {
				sum, any := 0.0, false
				for _, o := range others {
					if c := cells[ri][o]; c != nil {
						if f, ok := toNum(c[a]); ok {
							sum, any = sum+f, true
						}
					}
				}
				if any {
					row = append(row, Num(sum))
				} else {
					row = append(row, fill(a))
				}
			}
		}
		out.rows = append(out.rows, row)
	}
	dedupFields(out)
	return out
}
