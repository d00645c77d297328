package eval

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// streamstatsStage is `streamstats [options] aggs [by fields]`
// [D S-streamstats]: each row gets the aggregates over the rows seen so
// far in its group, in input order.
//
//   - current=true (default) includes the row itself; current=false only
//     the rows before it;
//   - window=N: only the last N rows (0 = all; at most 10000,
//     max_stream_window [D S-limits]); global=true (default) counts the
//     window over all rows and aggregates those of the row's group,
//     global=false keeps one window per group [D];
//   - time_window=<span>: only rows whose _time is within the span before
//     the row's (rows must come in time order) [D];
//   - reset_on_change=true: every group starts afresh when a by-field
//     differs from the previous row's; reset_before="(expr)" /
//     reset_after="(expr)": start afresh before / after a row for which
//     expr is true [D];
//   - rows lacking a by-field pass through without values [U].
type streamstatsStage struct {
	spec                 *statsSpec
	current, global      bool
	window               int
	timeWindow           float64
	resetOnChange        bool
	resetBefore, resetAf evalFn
}

// maxStreamWindow is limits.conf max_stream_window [D S-limits].
const maxStreamWindow = 10000

var streamstatsOptions = []string{"current", "window", "global", "time_window", "reset_on_change", "reset_before", "reset_after"}

func compileStreamstats(c *ast.StatsCommand, opts *Options, e *errs) stage {
	sp := compileStatsSpec(c, opts, e, streamstatsOptions)
	if sp == nil {
		return nil
	}
	st := &streamstatsStage{spec: sp, current: true, global: true}
	for _, o := range c.Options {
		v := o.Value.Value()
		var ok = true
		switch strings.ToLower(o.Key) {
		case "current":
			st.current, ok = parseBool(v)
		case "global":
			st.global, ok = parseBool(v)
		case "reset_on_change":
			st.resetOnChange, ok = parseBool(v)
		case "window":
			n, err := strconv.Atoi(v)
			ok = err == nil && n >= 0 && n <= maxStreamWindow
			st.window = n
		case "time_window":
			f, err := parseSpan(v)
			ok = err == nil
			st.timeWindow = f
		case "reset_before", "reset_after":
			if c.ResetBefore == nil && c.ResetAfter == nil {
				e.unsupported(o.Loc, "streamstats %s: the parser left the expression unparsed", o.Key)
			}
		}
		if !ok {
			e.addf(o.Loc, "streamstats option %s: bad value %q", o.Key, v)
			return nil
		}
	}
	if c.ResetBefore != nil {
		if x := sp.prog.compile(c.ResetBefore); x != nil {
			st.resetBefore = x.fn
		}
	}
	if c.ResetAfter != nil {
		if x := sp.prog.compile(c.ResetAfter); x != nil {
			st.resetAf = x.fn
		}
	}
	return st
}

func (s *streamstatsStage) name() string   { return "streamstats" }
func (s *streamstatsStage) span() ast.Span { return s.spec.loc }

// entry is one row remembered by a window: its group and aggregate
// inputs.
type entry struct {
	key  string
	t    float64
	vals []Value
	ok   []bool
}

func (s *streamstatsStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	sp := s.spec.forInput(env, in)
	c := newEctx(env, in, sp.prog.bind(in))
	out := &rowSet{fields: in.fields, rows: in.rows}
	cols := out.addFields(sp.aggNames()...)
	c.cols = sp.prog.bind(out) // same columns for the by-fields; new ones for outputs
	windowed := s.window > 0 || s.timeWindow > 0
	running := map[string]*group{}
	perGroup := map[string][]entry{}
	var global []entry
	var prevKey string
	havePrev := false
	buf := make([]Value, 0, len(sp.bySlots))
	reset := func() {
		running = map[string]*group{}
		perGroup = map[string][]entry{}
		global = nil
	}
	for i, row := range out.rows {
		if i&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		c.row = row
		if s.resetBefore != nil && isTrue(s.resetBefore(c)) {
			reset()
		}
		t := rowTime(c, sp.timeSlot)
		key, vals, inGroup := "", []Value(nil), false
		sp.groupKeys(c, buf, func(k string, v []Value) {
			if !inGroup {
				key, vals, inGroup = k, v, true
			}
		})
		if s.resetOnChange && inGroup {
			if havePrev && key != prevKey {
				reset()
			}
			prevKey, havePrev = key, true
		}
		var res []Value
		if inGroup {
			if !windowed {
				g := running[key]
				if g == nil {
					g = sp.newGroup(vals)
					running[key] = g
				}
				if s.current {
					sp.feed(g, c, t)
					res = sp.results(g)
				} else {
					res = sp.results(g)
					sp.feed(g, c, t)
				}
			} else {
				e := s.entryOf(sp, c, key, t)
				if s.global {
					if s.current {
						global = append(global, e)
					}
					global = s.trim(global, t)
					res = s.over(sp, global, key, vals)
					if !s.current {
						global = append(global, e)
					}
				} else {
					w := perGroup[key]
					if s.current {
						w = append(w, e)
					}
					w = s.trim(w, t)
					res = s.over(sp, w, key, vals)
					if !s.current {
						w = append(w, e)
					}
					perGroup[key] = w
				}
			}
		}
		if c.err != nil {
			return nil, 0, stageErr(sp.loc, c.err)
		}
		for k, col := range cols {
			if res != nil {
				row[col] = res[k]
			} else {
				row[col] = Null()
			}
		}
		if s.resetAf != nil && isTrue(s.resetAf(c)) {
			reset()
		}
	}
	return out, len(in.rows), nil
}

func (s *streamstatsStage) entryOf(sp *statsSpec, c *ectx, key string, t float64) entry {
	e := entry{key: key, t: t, vals: make([]Value, len(sp.aggs)), ok: make([]bool, len(sp.aggs))}
	for i, a := range sp.aggs {
		e.vals[i], e.ok[i] = a.input(c)
	}
	return e
}

// trim drops entries outside the window (count and time) ending at t.
func (s *streamstatsStage) trim(w []entry, t float64) []entry {
	if s.window > 0 && len(w) > s.window {
		w = w[len(w)-s.window:]
	}
	if s.timeWindow > 0 && !math.IsNaN(t) {
		i := 0
		for i < len(w) && !(t-w[i].t < s.timeWindow) {
			i++
		}
		w = w[i:]
	}
	return w
}

// over aggregates the entries of group key.
func (s *streamstatsStage) over(sp *statsSpec, w []entry, key string, vals []Value) []Value {
	g := sp.newGroup(vals)
	for _, e := range w {
		if e.key != key {
			continue
		}
		for i, st := range g.states {
			if e.ok[i] {
				st.add(e.vals[i], e.t)
			}
		}
	}
	return sp.results(g)
}
