package eval

import (
	"math"
	"strconv"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
)

// sparkline in stats [D S-stats "sparkline-agg-term"; Search Manual "Add
// sparklines to search results"; limits.conf [stats] sparkline_maxsize,
// sparkline_time_steps]: `stats sparkline [AS name] ...` adds, per group, the
// trend of the group's event count over time.
//
//   - value: a multivalue whose first value is the marker
//     "##__SPARKLINE__##" and whose further values are the counts per time
//     bucket, oldest first, as Splunk's results carry a sparkline (Splunk
//     Web draws it; exports show "##__SPARKLINE__##,0,3,1") [I: the marker
//     is what Splunk's REST results and CSV exports hold];
//   - buckets: one x-axis shared by every row. Splunk derives it from the
//     search's time range; locally it is the range of the input's _time
//     (smallest to largest), from the bucket holding the smallest to the
//     one holding the largest [I]. The span is the smallest of
//     sparkline_time_steps (1s, 5s, 10s, 30s, 1m, 5m, 10m, 30m, 1h, 1d,
//     1month) not below range/sparkline_maxsize (100) [D limits.conf];
//     buckets are aligned like bin's (in Options.Location; months start on
//     the 1st) [I];
//   - events without a numeric _time add nothing; when no input row has one
//     the value is null [I];
//   - only the bare form (count of events) runs: the parser does not read
//     sparkline(count(field), span) yet, and sparkline(field) is not Splunk
//     syntax. sparkline is allowed in stats only (chart is not implemented;
//     eventstats, streamstats and timechart reject it) [D].
const sparklineMarker = "##__SPARKLINE__##"

// sparklineMaxSize is limits.conf sparkline_maxsize [D].
const sparklineMaxSize = 100

// sparklineSteps is limits.conf sparkline_time_steps in seconds; 0 stands
// for 1month [D].
var sparklineSteps = []float64{1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400, 0}

// compileSparkline compiles a sparkline aggregate; nil after reporting an
// error.
func compileSparkline(a ast.Aggregate, cmd string, e *errs) *statsAgg {
	if a.Field != "" || a.Eval != nil {
		e.unsupported(a.Loc, "%s: only the bare sparkline (event counts) is supported; sparkline(count(field), span) is not parsed yet", cmd)
		return nil
	}
	return &statsAgg{name: a.Name(), kind: aggKind{fn: "sparkline"}, bare: true, slot: -1, loc: a.Loc, spark: true}
}

// sparkAxis is the shared x-axis of one run's sparklines.
type sparkAxis struct {
	start float64 // the first bucket's start (epoch seconds)
	span  float64 // seconds; 0 = calendar months
	n     int     // buckets
	loc   *time.Location
}

// bindSparkline returns a copy of the template a whose states count into
// the axis of in's time range.
func (a *statsAgg) bindSparkline(env *runEnv, in *rowSet) *statsAgg {
	cp := *a
	cp.spark = false
	ax := newSparkAxis(in, env.loc)
	cp.kind.make = func() aggState { return &sparkState{ax: ax} }
	return &cp
}

func newSparkAxis(in *rowSet, loc *time.Location) *sparkAxis {
	if loc == nil {
		loc = time.UTC
	}
	col := in.col(fieldTime)
	lo, hi := math.Inf(1), math.Inf(-1)
	if col >= 0 {
		for _, row := range in.rows {
			if col >= len(row) {
				continue
			}
			if t, ok := toNum(first(row[col])); ok && !math.IsNaN(t) {
				lo, hi = math.Min(lo, t), math.Max(hi, t)
			}
		}
	}
	if lo > hi {
		return nil
	}
	ax := &sparkAxis{loc: loc}
	for _, s := range sparklineSteps {
		ax.span = s
		if s == 0 || s >= (hi-lo)/sparklineMaxSize {
			break
		}
	}
	if ax.span == 0 {
		y, m, _ := time.Unix(int64(math.Floor(lo)), 0).In(loc).Date()
		ax.start = float64(time.Date(y, m, 1, 0, 0, 0, 0, loc).Unix())
	} else {
		ax.start = binTime(lo, ax.span, loc)
	}
	ax.n = ax.bucket(hi) + 1
	return ax
}

// bucket is the index of the bucket holding t.
func (ax *sparkAxis) bucket(t float64) int {
	if ax.span == 0 {
		y0, m0, _ := time.Unix(int64(ax.start), 0).In(ax.loc).Date()
		y, m, _ := time.Unix(int64(math.Floor(t)), 0).In(ax.loc).Date()
		return (y-y0)*12 + int(m-m0)
	}
	return int((binTime(t, ax.span, ax.loc) - ax.start) / ax.span)
}

// sparkState counts a group's events per bucket.
type sparkState struct {
	ax     *sparkAxis
	counts []int
}

func (s *sparkState) add(_ Value, t float64) {
	if s.ax == nil || math.IsNaN(t) {
		return
	}
	i := s.ax.bucket(t)
	if i < 0 || i >= s.ax.n {
		return
	}
	if s.counts == nil {
		s.counts = make([]int, s.ax.n)
	}
	s.counts[i]++
}

func (s *sparkState) result() Value {
	if s.ax == nil {
		return Null()
	}
	out := make([]string, 1, s.ax.n+1)
	out[0] = sparklineMarker
	for i := range s.ax.n {
		c := 0
		if s.counts != nil {
			c = s.counts[i]
		}
		out = append(out, strconv.Itoa(c))
	}
	return mvOf(out)
}
