package eval

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// statsSpec is what stats, eventstats and streamstats share: aggregates,
// by-fields and options [D S-stats, spl_semantics.md §9]:
//
//   - a row whose by-field is null belongs to no group (stats drops it,
//     eventstats and streamstats pass it through without values) [I,
//     S-sc-4000];
//   - a multivalue by-field puts the row in the group of each of its
//     values; dedup_splitvals=true counts a repeated value once [D];
//   - by-fields compare as strings ("1" and "1.0" are two groups).
type statsSpec struct {
	loc      ast.Span
	cmd      string
	prog     *exprProg
	aggs     []*statsAgg
	by       []string
	bySlots  []int
	timeSlot int
	dedup    bool
	allnum   bool
	dynamic  bool // wildcard or sparkline aggregates: see forInput
}

func compileStatsSpec(c *ast.StatsCommand, opts *Options, e *errs, known []string) *statsSpec {
	s := &statsSpec{loc: c.Loc, cmd: c.Name, prog: newExprProg(opts, e)}
	nerr := len(e.list)
	for _, o := range c.Options {
		key := strings.ToLower(o.Key)
		v := o.Value.Value()
		switch key {
		case "dedup_splitvals", "allnum":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "%s option %s: %q is not a boolean", c.Name, o.Key, v)
			}
			if key == "allnum" {
				s.allnum = b
			} else {
				s.dedup = b
			}
		case "delim", "partitions":
		default:
			if !slices.Contains(known, key) {
				e.addf(o.Loc, "unknown %s option %q", c.Name, o.Key)
			}
		}
	}
	if len(c.Aggregates) == 0 {
		e.addf(c.Loc, "%s needs at least one aggregate function", c.Name)
	}
	for _, a := range c.Aggregates {
		if sa := compileStatsAgg(a, s.prog, c.Name, e); sa != nil {
			s.aggs = append(s.aggs, sa)
		}
	}
	for _, f := range c.By {
		if strings.Contains(f, "*") {
			e.addf(c.Loc, "%s by field %q: wildcards are not allowed in by fields", c.Name, f)
			continue
		}
		s.by = append(s.by, f)
		s.bySlots = append(s.bySlots, s.prog.slot(f))
	}
	s.timeSlot = s.prog.slot(fieldTime)
	s.dynamic = s.hasDynamic()
	for _, a := range s.aggs {
		if a.spark && c.Name != "stats" {
			e.addf(a.loc, "%s: sparkline is only allowed in stats and chart", c.Name)
		}
	}
	if len(e.list) > nerr {
		return nil
	}
	return s
}

// rowTime is the row's _time, NaN when it has none.
func rowTime(c *ectx, slot int) float64 {
	if f, ok := toNum(first(readSlot(c, slot))); ok {
		return f
	}
	return math.NaN()
}

// groupKeys calls f with the key and by-values of every group the row in c
// belongs to (none when a by-field is null).
func (s *statsSpec) groupKeys(c *ectx, buf []Value, f func(key string, vals []Value)) {
	if len(s.bySlots) == 0 {
		f("", nil)
		return
	}
	vals := buf[:0]
	multi := false
	for _, sl := range s.bySlots {
		v := readSlot(c, sl)
		if v.k == kindNull {
			return
		}
		multi = multi || v.k == kindMulti
		vals = append(vals, v)
	}
	if !multi {
		f(joinKey(vals), vals)
		return
	}
	// cross product of the values of multivalue by-fields, refused before
	// it is built when it alone would hold more groups than the row limit
	parts := make([][]string, len(vals))
	n, limit := 1, c.maxRows()
	for i, v := range vals {
		parts[i] = values(v)
		if s.dedup && v.k == kindMulti {
			parts[i] = uniqStrings(parts[i])
		}
		if len(parts[i]) > 0 && n > limit/len(parts[i]) {
			c.failLimit("%s: the multivalue by-fields of one row make more than the limit of %d groups", s.cmd, limit)
			return
		}
		n *= len(parts[i])
	}
	cur := make([]Value, len(vals))
	var rec func(i int)
	rec = func(i int) {
		if i == len(parts) {
			f(joinKey(cur), slices.Clone(cur))
			return
		}
		for _, p := range parts[i] {
			if vals[i].k == kindMulti {
				cur[i] = Str(p)
			} else {
				cur[i] = vals[i]
			}
			rec(i + 1)
		}
	}
	rec(0)
}

func uniqStrings(s []string) []string {
	var out []string
	seen := make(map[string]bool, len(s))
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// joinKey encodes by-values as one map key.
func joinKey(vals []Value) string {
	if len(vals) == 1 {
		return vals[0].String()
	}
	var b strings.Builder
	for _, v := range vals {
		s := v.String()
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	return b.String()
}

// group is one group's by-values and aggregate states.
type group struct {
	vals   []Value
	states []aggState
	nonNum bool // allnum: a value was not numeric
}

func (s *statsSpec) newGroup(vals []Value) *group {
	g := &group{vals: slices.Clone(vals), states: make([]aggState, len(s.aggs))}
	for i, a := range s.aggs {
		g.states[i] = a.kind.make()
	}
	return g
}

// feed adds the row in c to g's states.
func (s *statsSpec) feed(g *group, c *ectx, t float64) {
	for i, a := range s.aggs {
		v, ok := a.input(c)
		if !ok {
			continue
		}
		if s.allnum && !a.bare && !isNumeric(first(v)) {
			g.nonNum = true
		}
		g.states[i].add(v, t)
	}
}

// results returns g's aggregate values; with allnum=true a group that saw
// a non-numeric value gets null for every aggregate [D S-eventstats].
func (s *statsSpec) results(g *group) []Value {
	out := make([]Value, len(s.aggs))
	for i, st := range g.states {
		if s.allnum && g.nonNum {
			continue
		}
		out[i] = st.result()
	}
	return out
}

// aggNames are the output fields of the aggregates.
func (s *statsSpec) aggNames() []string {
	out := make([]string, len(s.aggs))
	for i, a := range s.aggs {
		out[i] = a.name
	}
	return out
}
