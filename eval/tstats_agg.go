package eval

import (
	"math"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
)

// Aggregate functions of tstats [D S-tstats, S-agg, S-statsref]:
//
//	count            rows in the group
//	count(f)         rows where f has a value
//	dc(f)            distinct values, as strings (distinct_count, estdc: exact)
//	values(f)        distinct values, sorted bytewise (10, 100, 70, 9)
//	min(f), max(f)   numeric when any value is numeric (strings are then
//	                 ignored [U]); otherwise bytewise; min(_time) is a number
//	range(f)         max-min over the numeric values
//	sum(f), avg(f)   over the numeric values (others ignored); null when none
//	earliest(f)      f's value in the row with the smallest _time (ties: the
//	latest(f)        first row); latest: the largest _time
//	earliest_time(f) that _time, as a number; latest_time likewise
//	first(f)         Splunk's first seen value; Splunk reads events newest
//	last(f)          first, so first(f) = latest(f), last(f) = earliest(f) [I]
//
// Numbers come out as numbers (count 3 renders "3"); field values as
// strings.

// aggFuncs maps each supported function name to its canonical one.
var aggFuncs = map[string]string{
	"count": "count", "c": "count",
	"dc": "dc", "distinct_count": "dc", "estdc": "dc",
	"values": "values",
	"min":    "min", "max": "max", "range": "range",
	"sum": "sum", "avg": "avg", "mean": "avg",
	"earliest": "earliest", "latest": "latest",
	"earliest_time": "earliest_time", "latest_time": "latest_time",
	"first": "latest", "last": "earliest",
}

// tstatsGeneric are the other functions Splunk allows in tstats [D
// S-tstats]; they run on the row-wise aggregate states of agg.go.
var tstatsGeneric = []string{"median", "mode", "stdev", "stdevp", "sumsq", "var", "varp", "rate"}

// aggSpec is one compiled aggregate.
type aggSpec struct {
	fn      string // canonical name (aggFuncs values)
	col     string // resolved column; "" for bare count or a field that never has a value
	bare    bool   // count without a field
	generic *aggKind
}

func compileAgg(a ast.Aggregate, resolve func(string) string, e *errs) (aggSpec, bool) {
	name := strings.ToLower(a.Func)
	fn, ok := aggFuncs[name]
	var generic *aggKind
	if !ok {
		k, known := lookupAgg(name)
		switch {
		case known && (slices.Contains(tstatsGeneric, name) || isPercentile(name)):
			fn, generic = k.fn, &k
		case known:
			e.addf(a.Loc, "tstats does not allow the function %s() (stats does)", a.Func)
			return aggSpec{}, false
		default:
			e.addf(a.Loc, "unknown tstats function %q%s", a.Func, didYouMean(name, append(slices.Collect(mapKeys(aggFuncs)), tstatsGeneric...)))
			return aggSpec{}, false
		}
	}
	if a.Eval != nil {
		e.addf(a.Loc, "tstats does not allow eval expressions in functions")
		return aggSpec{}, false
	}
	if a.Field == "" {
		if fn != "count" {
			e.addf(a.Loc, "tstats function %s needs a field: %s(<field>)", a.Func, a.Func)
			return aggSpec{}, false
		}
		return aggSpec{fn: fn, bare: true}, true
	}
	if strings.Contains(a.Field, "*") {
		e.addf(a.Loc, "tstats function %s(%s): wildcards are not allowed in field names", a.Func, a.Field)
		return aggSpec{}, false
	}
	return aggSpec{fn: fn, col: resolve(a.Field), generic: generic}, true
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func isPercentile(name string) bool {
	for _, p := range []string{"perc", "p", "exactperc", "upperperc"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && strings.Trim(rest, "0123456789.") == "" {
			return true
		}
	}
	return false
}

// aggregator keeps one aggregate's state for every group.
type aggregator interface {
	grow()              // add a group
	add(g int, row int) // row belongs to group g
	result(g int) Value
}

// bind makes the aggregator for table t.
func (a aggSpec) bind(t *cim.Table) aggregator {
	if a.bare {
		return &countAgg{}
	}
	c := newColView(t, a.col)
	if a.generic != nil {
		return &genericAgg{col: c, times: t.Times(), kind: *a.generic}
	}
	switch a.fn {
	case "count":
		return &countAgg{col: c}
	case "dc":
		return &distinctAgg{col: c}
	case "values":
		return &distinctAgg{col: c, values: true}
	case "min", "max":
		return &minMaxAgg{col: c, max: a.fn == "max"}
	case "sum", "avg", "range":
		return &sumAgg{col: c, fn: a.fn}
	}
	return &timeAgg{col: c, times: t.Times(), latest: strings.HasPrefix(a.fn, "latest"), wantTime: strings.HasSuffix(a.fn, "_time")}
}

// colView reads one field of a table row by row.
type colView struct {
	times    []float64 // _time
	codes    []uint32  // dictionary codes; nil with times nil: never a value
	dict     []string
	numState []uint8 // per code: 0 unknown, 1 not a number, 2 number
	nums     []float64
}

func newColView(t *cim.Table, col string) *colView {
	if col == fieldTime {
		return &colView{times: t.Times()}
	}
	if c := t.Column(col); c != nil && col != "" {
		return &colView{codes: c.Codes, dict: c.Dict, numState: make([]uint8, len(c.Dict)), nums: make([]float64, len(c.Dict))}
	}
	return &colView{}
}

// code returns row's dictionary code (0 = null); for _time it is 1.
func (c *colView) code(row int) uint32 {
	switch {
	case c.times != nil:
		return 1
	case c.codes == nil:
		return 0
	}
	return c.codes[row]
}

// num returns row's value as a number, if it is one.
func (c *colView) num(row int) (float64, bool) {
	if c.times != nil {
		return c.times[row], true
	}
	code := c.code(row)
	if code == 0 {
		return 0, false
	}
	switch c.numState[code] {
	case 1:
		return 0, false
	case 2:
		return c.nums[code], true
	}
	f, ok := parseNumber(c.dict[code])
	c.numState[code], c.nums[code] = 1, f
	if ok {
		c.numState[code] = 2
	}
	return f, ok
}

// value returns row's value (a number for _time).
func (c *colView) value(row int) Value {
	if c.times != nil {
		return Num(c.times[row])
	}
	if code := c.code(row); code != 0 {
		return Str(c.dict[code])
	}
	return Null()
}

type countAgg struct {
	col *colView // nil: count rows
	n   []float64
}

func (a *countAgg) grow() { a.n = append(a.n, 0) }
func (a *countAgg) add(g, row int) {
	if a.col == nil || a.col.code(row) != 0 {
		a.n[g]++
	}
}
func (a *countAgg) result(g int) Value { return Num(a.n[g]) }

// distinctAgg is dc and values: the set of distinct codes (or _time bits).
type distinctAgg struct {
	col    *colView
	values bool
	sets   []map[uint64]struct{}
}

func (a *distinctAgg) grow() { a.sets = append(a.sets, nil) }
func (a *distinctAgg) add(g, row int) {
	var k uint64
	if a.col.times != nil {
		k = math.Float64bits(a.col.times[row])
	} else if code := a.col.code(row); code != 0 {
		k = uint64(code)
	} else {
		return
	}
	if a.sets[g] == nil {
		a.sets[g] = map[uint64]struct{}{}
	}
	a.sets[g][k] = struct{}{}
}
func (a *distinctAgg) result(g int) Value {
	if !a.values {
		return Num(float64(len(a.sets[g])))
	}
	vals := make([]string, 0, len(a.sets[g]))
	for k := range a.sets[g] {
		if a.col.times != nil {
			vals = append(vals, formatNumber(math.Float64frombits(k)))
		} else {
			vals = append(vals, a.col.dict[k])
		}
	}
	slices.Sort(vals)
	return Multi(vals...)
}

type minMaxAgg struct {
	col    *colView
	max    bool
	hasNum []bool
	num    []float64
	str    []uint32 // best non-numeric code; 0 none
}

func (a *minMaxAgg) grow() {
	a.hasNum = append(a.hasNum, false)
	a.num = append(a.num, 0)
	a.str = append(a.str, 0)
}
func (a *minMaxAgg) add(g, row int) {
	if f, ok := a.col.num(row); ok {
		if math.IsNaN(f) {
			return
		}
		if !a.hasNum[g] || (a.max && f > a.num[g]) || (!a.max && f < a.num[g]) {
			a.hasNum[g], a.num[g] = true, f
		}
		return
	}
	code := a.col.code(row)
	if code == 0 {
		return
	}
	if cur := a.str[g]; cur == 0 {
		a.str[g] = code
	} else if c := strings.Compare(a.col.dict[code], a.col.dict[cur]); (a.max && c > 0) || (!a.max && c < 0) {
		a.str[g] = code
	}
}
func (a *minMaxAgg) result(g int) Value {
	switch {
	case a.hasNum[g]:
		return Num(a.num[g])
	case a.str[g] != 0:
		return Str(a.col.dict[a.str[g]])
	}
	return Null()
}

type sumAgg struct {
	col    *colView
	fn     string // sum, avg, range
	sum    []float64
	n      []int
	lo, hi []float64
}

func (a *sumAgg) grow() {
	a.sum = append(a.sum, 0)
	a.n = append(a.n, 0)
	a.lo = append(a.lo, 0)
	a.hi = append(a.hi, 0)
}
func (a *sumAgg) add(g, row int) {
	f, ok := a.col.num(row)
	if !ok {
		return
	}
	if a.n[g] == 0 || f < a.lo[g] {
		a.lo[g] = f
	}
	if a.n[g] == 0 || f > a.hi[g] {
		a.hi[g] = f
	}
	a.sum[g] += f
	a.n[g]++
}
func (a *sumAgg) result(g int) Value {
	if a.n[g] == 0 {
		return Null()
	}
	switch a.fn {
	case "avg":
		return Num(a.sum[g] / float64(a.n[g]))
	case "range":
		return Num(a.hi[g] - a.lo[g])
	}
	return Num(a.sum[g])
}

// timeAgg is earliest/latest(f) and earliest_time/latest_time(f).
type timeAgg struct {
	col      *colView
	times    []float64
	latest   bool
	wantTime bool
	best     []float64
	row      []int // -1: none yet
}

func (a *timeAgg) grow() {
	a.best = append(a.best, 0)
	a.row = append(a.row, -1)
}
func (a *timeAgg) add(g, row int) {
	if a.col.code(row) == 0 {
		return
	}
	t := a.times[row]
	if a.row[g] < 0 || (a.latest && t > a.best[g]) || (!a.latest && t < a.best[g]) {
		a.best[g], a.row[g] = t, row
	}
}
func (a *timeAgg) result(g int) Value {
	switch {
	case a.row[g] < 0:
		return Null()
	case a.wantTime:
		return Num(a.best[g])
	}
	return a.col.value(a.row[g])
}

// genericAgg runs a row-wise aggregate state (agg.go) per group.
type genericAgg struct {
	col    *colView
	times  []float64
	kind   aggKind
	states []aggState
}

func (a *genericAgg) grow() { a.states = append(a.states, a.kind.make()) }
func (a *genericAgg) add(g, row int) {
	if v := a.col.value(row); v.k != kindNull {
		a.states[g].add(v, a.times[row])
	}
}
func (a *genericAgg) result(g int) Value { return a.states[g].result() }
