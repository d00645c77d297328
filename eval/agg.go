package eval

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// Aggregate functions of stats, eventstats and streamstats (and tstats'
// functions beyond its columnar ones) [D S-agg, S-mvstats, S-statsref,
// spl_semantics.md §9]. Each group keeps one aggState per aggregate; a
// multivalue contributes each of its values (count(f) counts values, not
// events [U, §12 decision]).
//
//	count, c            events; count(f): values of f
//	dc, distinct_count  distinct values as strings ("1" and "1.0" differ)
//	estdc               exact (spelunk never approximates)
//	values              distinct values, sorted bytewise (10, 100, 70, 9)
//	list                values in input order, the first 100
//	min, max            numeric over the numeric values when there is one
//	                    (strings are then ignored [U]), else bytewise
//	sum, avg/mean, range, sumsq   over the numeric values; others ignored
//	stdev, var          sample (n-1; 0 for one value [U]); stdevp, varp population
//	median              the middle value; for an even count the higher of
//	                    the two middle ones [U: Splunk documents an
//	                    approximation to the higher value]
//	perc<N>, p<N>, exactperc<N>   the N-th percentile, interpolated
//	                    between ranks (rank = N/100·(n-1)) [U]
//	upperperc<N>        the value at the rank rounded up [U]
//	mode                the most frequent value; ties: the first seen [U]
//	first, last         first / last value in input order
//	earliest, latest    value at the smallest / largest _time (ties: first
//	                    seen); earliest_time, latest_time: that _time
//	rate                (latest-earliest value)/(latest_time-earliest_time)
type aggState interface {
	add(v Value, t float64) // v is non-null; t is the row's _time (NaN when it has none)
	result() Value
}

// aggKind is a compiled aggregate function: its canonical name, the
// percentile when it has one, and a factory for its state.
type aggKind struct {
	fn   string
	perc float64
	make func() aggState
}

// lookupAgg resolves a function name (lower case) of the stats family.
func lookupAgg(name string) (aggKind, bool) {
	switch name {
	case "count", "c":
		return aggKind{fn: "count", make: func() aggState { return &countState{} }}, true
	case "dc", "distinct_count", "estdc":
		return aggKind{fn: "dc", make: func() aggState { return &setState{} }}, true
	case "values":
		return aggKind{fn: "values", make: func() aggState { return &setState{values: true} }}, true
	case "list":
		return aggKind{fn: "list", make: func() aggState { return &listState{} }}, true
	case "min", "max":
		return aggKind{fn: name, make: func() aggState { return &minMaxState{max: name == "max"} }}, true
	case "sum", "avg", "mean", "range", "sumsq", "stdev", "stdevp", "var", "varp":
		fn := name
		if fn == "mean" {
			fn = "avg"
		}
		return aggKind{fn: fn, make: func() aggState { return &numState{fn: fn} }}, true
	case "median":
		return aggKind{fn: "median", make: func() aggState { return &percState{median: true} }}, true
	case "mode":
		return aggKind{fn: "mode", make: func() aggState { return &modeState{counts: map[string]int{}} }}, true
	case "first", "last":
		return aggKind{fn: name, make: func() aggState { return &firstState{last: name == "last"} }}, true
	case "earliest", "latest", "earliest_time", "latest_time":
		return aggKind{fn: name, make: func() aggState {
			return &timeState{latest: strings.HasPrefix(name, "latest"), wantTime: strings.HasSuffix(name, "_time")}
		}}, true
	case "rate":
		return aggKind{fn: "rate", make: func() aggState { return &rateState{} }}, true
	}
	for _, pfx := range []string{"exactperc", "upperperc", "perc", "p"} {
		rest, ok := strings.CutPrefix(name, pfx)
		if !ok || rest == "" {
			continue
		}
		n, err := strconv.ParseFloat(rest, 64)
		if err != nil || n < 0 || n > 100 {
			return aggKind{}, false
		}
		upper := pfx == "upperperc"
		return aggKind{fn: pfx, perc: n, make: func() aggState { return &percState{p: n, upper: upper} }}, true
	}
	return aggKind{}, false
}

// laterAggs are Splunk aggregate functions spelunk does not implement
// yet ("unsupported").
var laterAggs = []string{"estdc_error", "per_second", "per_minute", "per_hour", "per_day"}

// statsAgg is one compiled aggregate of stats/eventstats/streamstats.
type statsAgg struct {
	name string // output field
	kind aggKind
	bare bool   // count without a field
	slot int    // the field's slot; -1 for eval/bare/direct
	expr evalFn // agg(eval(...)); nil otherwise
	loc  ast.Span

	// wild is the field pattern of a wildcard aggregate (values(*),
	// avg(*delay)) and wildAs its AS pattern (nil without AS): a template
	// that statsSpec.forInput expands against the input's fields
	// (stats_wild.go). fn is the function as written, for the default
	// names values(field).
	wild, wildAs *glob.Glob
	fn           string
	// direct: an aggregate expanded from a wildcard reads column col of
	// the input directly.
	direct bool
	col    int
	// spark: bare sparkline, whose kind forInput fills in (stats_spark.go).
	spark bool
}

// compileStatsAgg compiles one aggregate; nil after reporting an error.
func compileStatsAgg(a ast.Aggregate, p *exprProg, cmd string, e *errs) *statsAgg {
	name := strings.ToLower(a.Func)
	if name == "sparkline" {
		return compileSparkline(a, cmd, e)
	}
	k, ok := lookupAgg(name)
	if !ok {
		if slices.Contains(laterAggs, name) {
			e.unsupportedFunc(a.Loc, "%s function %s() is not supported yet", cmd, a.Func)
		} else {
			known := []string{"count", "dc", "distinct_count", "estdc", "values", "list", "min", "max", "sum", "avg", "mean", "range", "sumsq", "stdev", "stdevp", "var", "varp", "median", "mode", "first", "last", "earliest", "latest", "earliest_time", "latest_time", "rate", "perc", "exactperc", "upperperc"}
			e.addf(a.Loc, "unknown %s function %s()%s", cmd, a.Func, didYouMean(name, known))
		}
		return nil
	}
	sa := &statsAgg{name: aggName(a), kind: k, slot: -1, loc: a.Loc}
	switch {
	case a.Eval != nil:
		c := p.compile(a.Eval)
		if c == nil {
			return nil
		}
		sa.expr = c.fn
	case a.Field == "":
		if k.fn != "count" {
			e.addf(a.Loc, "%s function %s needs a field: %s(<field>)", cmd, a.Func, a.Func)
			return nil
		}
		sa.bare = true
	case strings.Contains(a.Field, "*"):
		if !compileWildAgg(sa, a, cmd, e) {
			return nil
		}
	default:
		sa.slot = p.slot(a.Field)
	}
	return sa
}

// input returns the value the aggregate reads from the current row, and
// whether it counts at all. eval(...) results: true counts as 1, false and
// null do not count [I: count(eval(x="a")) counts the rows where it holds].
func (a *statsAgg) input(c *ectx) (Value, bool) {
	switch {
	case a.bare:
		return valTrue, true
	case a.direct:
		if a.col >= len(c.row) {
			return Null(), false
		}
		v := c.row[a.col]
		return v, v.k != kindNull
	case a.expr != nil:
		v := a.expr(c)
		switch v.k {
		case kindNull:
			return v, false
		case kindBool:
			if v.f == 0 {
				return Null(), false
			}
			return Num(1), true
		}
		return v, true
	}
	v := readSlot(c, a.slot)
	return v, v.k != kindNull
}

type countState struct{ n float64 }

func (s *countState) add(v Value, _ float64) {
	if v.k == kindMulti {
		s.n += float64(len(v.mv))
		return
	}
	s.n++
}
func (s *countState) result() Value { return Num(s.n) }

type setState struct {
	values bool
	set    map[string]struct{}
}

func (s *setState) add(v Value, _ float64) {
	if s.set == nil {
		s.set = map[string]struct{}{}
	}
	for _, x := range values(v) {
		s.set[x] = struct{}{}
	}
}
func (s *setState) result() Value {
	if !s.values {
		return Num(float64(len(s.set)))
	}
	out := make([]string, 0, len(s.set))
	for k := range s.set {
		out = append(out, k)
	}
	slices.Sort(out)
	return mvOf(out)
}

// listMax is list()'s limit (limits.conf list_maxsize) [D S-limits].
const listMax = 100

type listState struct{ vals []string }

func (s *listState) add(v Value, _ float64) {
	for _, x := range values(v) {
		if len(s.vals) < listMax {
			s.vals = append(s.vals, x)
		}
	}
}
func (s *listState) result() Value { return mvOf(slices.Clone(s.vals)) }

type minMaxState struct {
	max    bool
	hasNum bool
	num    float64
	hasStr bool
	str    string
}

func (s *minMaxState) add(v Value, _ float64) {
	if v.k == kindNum {
		s.addNum(v.f)
		return
	}
	for _, x := range values(v) {
		if f, ok := parseNumber(x); ok {
			s.addNum(f)
			continue
		}
		if !s.hasStr || (s.max && x > s.str) || (!s.max && x < s.str) {
			s.hasStr, s.str = true, x
		}
	}
}
func (s *minMaxState) addNum(f float64) {
	if math.IsNaN(f) {
		return
	}
	if !s.hasNum || (s.max && f > s.num) || (!s.max && f < s.num) {
		s.hasNum, s.num = true, f
	}
}
func (s *minMaxState) result() Value {
	switch {
	case s.hasNum:
		return Num(s.num)
	case s.hasStr:
		return Str(s.str)
	}
	return Null()
}

// numState is sum, avg, range, sumsq, stdev(p), var(p).
type numState struct {
	fn         string
	n          int
	sum, sumsq float64
	mean, m2   float64 // Welford
	lo, hi     float64
}

func (s *numState) add(v Value, _ float64) {
	if v.k == kindNum {
		s.addNum(v.f)
		return
	}
	for _, x := range values(v) {
		if f, ok := parseNumber(x); ok {
			s.addNum(f)
		}
	}
}
func (s *numState) addNum(f float64) {
	if s.n == 0 || f < s.lo {
		s.lo = f
	}
	if s.n == 0 || f > s.hi {
		s.hi = f
	}
	s.n++
	s.sum += f
	s.sumsq += f * f
	d := f - s.mean
	s.mean += d / float64(s.n)
	s.m2 += d * (f - s.mean)
}
func (s *numState) result() Value {
	if s.n == 0 {
		return Null()
	}
	n := float64(s.n)
	switch s.fn {
	case "avg":
		return Num(s.sum / n)
	case "range":
		return Num(s.hi - s.lo)
	case "sumsq":
		return Num(s.sumsq)
	case "var", "stdev":
		v := 0.0
		if s.n > 1 {
			v = s.m2 / (n - 1)
		}
		if s.fn == "stdev" {
			v = math.Sqrt(v)
		}
		return Num(v)
	case "varp", "stdevp":
		v := s.m2 / n
		if s.fn == "stdevp" {
			v = math.Sqrt(v)
		}
		return Num(v)
	}
	return Num(s.sum)
}

type percState struct {
	p      float64
	upper  bool
	median bool
	nums   []float64
	sorted bool
}

func (s *percState) add(v Value, _ float64) {
	if v.k == kindNum {
		s.nums = append(s.nums, v.f)
		s.sorted = false
		return
	}
	for _, x := range values(v) {
		if f, ok := parseNumber(x); ok {
			s.nums = append(s.nums, f)
			s.sorted = false
		}
	}
}
func (s *percState) result() Value {
	n := len(s.nums)
	if n == 0 {
		return Null()
	}
	if !s.sorted {
		slices.Sort(s.nums)
		s.sorted = true
	}
	if s.median {
		return Num(s.nums[n/2])
	}
	r := s.p / 100 * float64(n-1)
	lo := int(math.Floor(r))
	if s.upper {
		return Num(s.nums[int(math.Ceil(r))])
	}
	if lo >= n-1 {
		return Num(s.nums[n-1])
	}
	frac := r - float64(lo)
	return Num(s.nums[lo] + frac*(s.nums[lo+1]-s.nums[lo]))
}

type modeState struct {
	counts map[string]int
	order  []string
}

func (s *modeState) add(v Value, _ float64) {
	for _, x := range values(v) {
		if s.counts[x] == 0 {
			s.order = append(s.order, x)
		}
		s.counts[x]++
	}
}
func (s *modeState) result() Value {
	best, bn := "", 0
	for _, x := range s.order {
		if c := s.counts[x]; c > bn {
			best, bn = x, c
		}
	}
	if bn == 0 {
		return Null()
	}
	return fieldValue(Str(best))
}

type firstState struct {
	last bool
	v    Value
	set  bool
}

func (s *firstState) add(v Value, _ float64) {
	if !s.set || s.last {
		s.v, s.set = v, true
	}
}
func (s *firstState) result() Value { return s.v }

type timeState struct {
	latest, wantTime bool
	v                Value
	t                float64
	set              bool
}

func (s *timeState) add(v Value, t float64) {
	if math.IsNaN(t) {
		return
	}
	if !s.set || (s.latest && t > s.t) || (!s.latest && t < s.t) {
		s.v, s.t, s.set = v, t, true
	}
}
func (s *timeState) result() Value {
	switch {
	case !s.set:
		return Null()
	case s.wantTime:
		return Num(s.t)
	}
	return s.v
}

type rateState struct{ early, late timeState }

func (s *rateState) add(v Value, t float64) {
	if _, ok := toNum(first(v)); !ok {
		return
	}
	s.early.add(v, t)
	s.late.latest = true
	s.late.add(v, t)
}
func (s *rateState) result() Value {
	if !s.early.set || s.late.t == s.early.t {
		return Null()
	}
	a, _ := toNum(first(s.early.v))
	b, _ := toNum(first(s.late.v))
	return Num((b - a) / (s.late.t - s.early.t))
}
