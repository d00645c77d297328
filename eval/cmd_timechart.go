package eval

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// timechartStage is `timechart [span=S|bins=N] [limit=[top|bottom]N] [useother=bool]
// [usenull=bool] [nullstr=s] [otherstr=s] [cont=bool] aggregates [by
// field]` [D S-timechart]: stats per time bucket, one row per bucket, one
// column per aggregate (no by) or per value of the split field.
//
//   - buckets: _time floored to the span, aligned as bin and tstats align
//     (multiples of the span from midnight in Options.Location); rows
//     without a numeric _time are left out; rows ascend by _time and every
//     bucket between the first and the last is present (cont=true, the
//     default) [D];
//   - span: span= as given; otherwise bins= (default 100) chooses the
//     smallest of Splunk's span steps (1s 5s 10s 30s 1m 5m 10m 30m 1h 1d
//     30d) that covers the results' time range in at most that many buckets
//     [I: Splunk sizes auto spans from the search's time range, which a
//     local run does not have, so the range of the data stands in];
//   - any stats aggregate works (count, dc, values, avg, ...); an empty
//     cell is 0 for count and dc, null for the others [I];
//   - split: one column per value; limit=[top|bottom]N (default 10, 0 =
//     all) keeps the N series with the largest (bottom: smallest) sum of
//     their aggregate values, ties by value; the rest are summed into
//     OTHER (useother=true, otherstr=) [D, sum: I]; rows without the split
//     field form the NULL series (usenull=true, nullstr=) [D], which the
//     limit does not count [U] (seriesOptions, as chart); series columns
//     are in value order, then NULL, then OTHER [U];
//   - several aggregates with a split field: columns "agg: value" [D];
//   - each row has _span, the span in seconds, as Splunk's output does.
//
// where <series filter>, agg=, minspan=, aligntime= and per_second() are
// not supported yet. Month, quarter and year spans bin by calendar month
// (time_span.go); their _span is the bin's length in seconds [U]. No input rows: no output rows (Splunk
// fills the search's time range, which is unknown here).
type timechartStage struct {
	loc   ast.Span
	stats *statsStage
	by    string
	tspan timeSpan // zero: auto (time_span.go)
	bins  int
	seriesOptions
	cont bool
}

// Internal columns timechart adds before its stats run.
const (
	tcBucket = "\x00timechart_bucket"
	tcSplit  = "\x00timechart_split"
)

// autoSpans are the spans timechart chooses from without span= (seconds).
var autoSpans = []float64{1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400, 2592000}

func compileTimechart(c *ast.TimechartCommand, opts *Options, e *errs) stage {
	st := &timechartStage{loc: c.Loc, by: c.By, bins: 100, seriesOptions: defaultSeriesOptions(), cont: true}
	nerr := len(e.list)
	for _, o := range c.Options {
		if st.seriesOptions.parse(o, "timechart", e) {
			continue
		}
		v := o.Value.Value()
		switch k := strings.ToLower(o.Key); k {
		case "span":
			ts, err := parseTimeSpan(v)
			if err != nil {
				e.unsupported(o.Loc, "timechart span=%s: %v", v, err)
				continue
			}
			st.tspan = ts
		case "bins":
			if n, ok := intOption(o, "timechart", e); ok {
				if n <= 0 {
					e.addf(o.Loc, "timechart bins=%d: must be positive", n)
				}
				st.bins = n
			}
		case "cont":
			st.cont, _ = boolOption(o, "timechart", e)
		case "partial", "fixedrange":
			boolOption(o, "timechart", e)
		case "sep", "format", "minspan", "aligntime", "agg", "start", "end":
			e.unsupported(o.Loc, "timechart option %s is not supported yet", o.Key)
		case "dedup_splitvals":
			boolOption(o, "timechart", e)
		default:
			e.addf(o.Loc, "unknown timechart option %q", o.Key)
		}
	}
	if c.Where != "" {
		e.unsupported(c.Loc, "timechart where (series filter) is not supported yet")
	}
	if len(c.Aggregates) == 0 {
		e.addf(c.Loc, "timechart needs an aggregate function")
	}
	if strings.Contains(c.By, "*") {
		e.addf(c.Loc, "timechart by field %q: wildcards are not allowed", c.By)
	}
	by := []string{tcBucket}
	if c.By != "" {
		by = append(by, tcSplit)
	}
	for _, a := range c.Aggregates {
		if strings.EqualFold(a.Func, "sparkline") {
			e.addf(a.Loc, "timechart: sparkline is only allowed in stats and chart")
		}
	}
	if sst, ok := compileStats(&ast.StatsCommand{Loc: c.Loc, Name: "stats", Aggregates: c.Aggregates, By: by}, opts, e).(*statsStage); ok {
		st.stats = sst
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *timechartStage) name() string   { return "timechart" }
func (s *timechartStage) span() ast.Span { return s.loc }

func (s *timechartStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	nIn := len(in.rows)
	tcol := in.col(fieldTime)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range in.rows {
		if t, ok := toNum(first(get(r, tcol))); ok {
			lo, hi = min(lo, t), max(hi, t)
		}
	}
	empty := &rowSet{fields: []string{fieldTime}, rows: []Row{}}
	if lo > hi {
		return empty, nIn, nil
	}
	span := s.tspan
	if span == (timeSpan{}) {
		span = timeSpan{secs: autoSpan(lo, hi, s.bins)}
	}
	// Bucket and split columns, then stats by them.
	byCol := -1
	if s.by != "" {
		byCol = in.col(s.by)
	}
	cols := in.addFields(tcBucket, tcSplit)
	for _, r := range in.rows {
		if t, ok := toNum(first(get(r, tcol))); ok {
			r[cols[0]] = Num(span.floor(t, env.loc))
		} else {
			r[cols[0]] = Null()
		}
		if s.by == "" {
			continue
		}
		v := get(r, byCol)
		if v.IsNull() && s.usenull {
			v = Str(s.nullstr)
		}
		r[cols[1]] = v
	}
	sp := s.stats.spec.forInput(env, in)
	st, _, err := s.stats.run(ctx, env, in)
	if err != nil {
		return nil, 0, err
	}
	out, err := s.pivot(ctx, st, sp, lo, hi, span, env)
	if err != nil {
		return nil, 0, err
	}
	return out, nIn, nil
}

// autoSpan is the smallest step of autoSpans giving at most bins buckets
// over [lo, hi].
func autoSpan(lo, hi float64, bins int) float64 {
	for _, sp := range autoSpans {
		if math.Floor(hi/sp)-math.Floor(lo/sp)+1 <= float64(bins) {
			return sp
		}
	}
	return autoSpans[len(autoSpans)-1]
}

// pivot turns stats rows (bucket, [split,] aggs...) into one row per bucket.
// A table of more cells than Options.MaxCells is refused before it is
// built.
func (s *timechartStage) pivot(ctx context.Context, st *rowSet, sp *statsSpec, lo, hi float64, span timeSpan, env *runEnv) (*rowSet, error) {
	nagg := len(st.fields) - 1
	first := 1
	if s.by != "" {
		nagg--
		first = 2
	}
	aggNames := st.fields[first:]
	// count and dc fill empty buckets with 0; by output name, since
	// wildcard aggregates expand to several columns.
	zero := make([]bool, nagg)
	for i, name := range aggNames {
		for _, a := range sp.aggs {
			if a.name == name && (a.kind.fn == "count" || a.kind.fn == "dc") {
				zero[i] = true
			}
		}
	}
	// cells[bucket][series][agg]
	type cell = []Value
	cells := map[float64]map[string]cell{}
	var seriesVals []Value
	seen := map[string]bool{}
	totals := map[string]float64{}
	for _, r := range st.rows {
		b, _ := toNum(r[0])
		key := ""
		if s.by != "" {
			key = r[1].String()
			if !seen[key] {
				seen[key] = true
				seriesVals = append(seriesVals, r[1])
			}
		}
		if cells[b] == nil {
			cells[b] = map[string]cell{}
		}
		cells[b][key] = r[first:]
		for _, v := range r[first:] {
			if f, ok := toNum(v); ok {
				totals[key] += f
			}
		}
	}
	// Choose the series.
	series, others := []string{""}, []string(nil)
	if s.by != "" {
		series, others = s.choose(seriesVals, totals)
	}
	withOther := s.by != "" && s.useother && len(others) > 0
	// Column names.
	fields := []string{fieldTime}
	colName := func(ser string, a int) string {
		switch {
		case s.by == "":
			return aggNames[a]
		case nagg == 1:
			return ser
		}
		return aggNames[a] + ": " + ser
	}
	for a := range nagg {
		for _, ser := range series {
			fields = append(fields, colName(ser, a))
		}
		if withOther {
			fields = append(fields, colName(s.otherstr, a))
		}
	}
	fields = append(fields, "_span")
	// Buckets.
	var buckets []float64
	if s.cont {
		for b := span.floor(lo, env.loc); b <= hi; b = span.next(b, env.loc) {
			buckets = append(buckets, b)
			if len(buckets) > env.maxRows {
				break
			}
		}
	} else {
		for b := range cells {
			buckets = append(buckets, b)
		}
		slices.Sort(buckets)
	}
	if err := allocCells(env, s.loc, "timechart", len(buckets), len(fields)); err != nil {
		return nil, err
	}
	out := &rowSet{fields: fields, rows: make([]Row, 0, len(buckets))}
	fill := func(a int) Value {
		if zero[a] {
			return Num(0)
		}
		return Null()
	}
	tk := &ticker{ctx: ctx}
	for _, b := range buckets {
		if err := tk.add(len(fields)); err != nil {
			return nil, err
		}
		row := make(Row, 0, len(fields))
		row = append(row, Num(b))
		for a := range nagg {
			for _, ser := range series {
				c := cells[b][ser]
				if c == nil || c[a].IsNull() {
					row = append(row, fill(a))
				} else {
					row = append(row, c[a])
				}
			}
			if withOther {
				sum, any := 0.0, false
				for _, o := range others {
					if c := cells[b][o]; c != nil {
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
		row = append(row, Num(span.width(b, env.loc)))
		out.rows = append(out.rows, row)
	}
	dedupFields(out)
	return out, nil
}
