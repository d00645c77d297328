package eval

import (
	"context"
	"math"
	"slices"
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
//   - time_window=<span>: only rows whose _time is less than the span
//     away from the row's; rows must come in time order, ascending or
//     descending (the default, newest first) [D], and leave the window
//     oldest first;
//   - windows slide: aggregates that can are updated as rows enter and
//     leave (stream_window.go), the others recomputed over the window;
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
			st.current, ok = ParseBool(v)
		case "global":
			st.global, ok = ParseBool(v)
		case "reset_on_change":
			st.resetOnChange, ok = ParseBool(v)
		case "window":
			n, err := strconv.Atoi(v)
			ok = err == nil && n >= 0 && n <= maxStreamWindow
			st.window = n
		case "time_window":
			f, err := ParseSpan(v)
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

// entry is one row remembered by a window: its group, number, time and
// aggregate inputs.
type entry struct {
	key  string
	seq  int
	t    float64
	vals []Value
	ok   []bool
}

// winGroup is one group's rows in the window, oldest first, and the
// sliding states of its aggregates (nil for those recomputed).
type winGroup struct {
	vals    []Value
	ents    []entry
	head    int
	sliders []slider
}

func (g *winGroup) push(e entry) {
	g.ents = append(g.ents, e)
	for i, sl := range g.sliders {
		if sl != nil && e.ok[i] {
			sl.add(e.vals[i], e.seq)
		}
	}
}

// pop removes the group's oldest row.
func (g *winGroup) pop() {
	e := g.ents[g.head]
	g.ents[g.head] = entry{}
	g.head++
	for i, sl := range g.sliders {
		if sl != nil && e.ok[i] {
			sl.remove(e.vals[i], e.seq)
		}
	}
	if g.head > 64 && g.head*2 > len(g.ents) {
		g.ents = append(g.ents[:0], g.ents[g.head:]...)
		g.head = 0
	}
}

func (g *winGroup) size() int { return len(g.ents) - g.head }

// winRow is a row of a global window: its group and time.
type winRow struct {
	key string
	t   float64
}

// window is the state of a windowed streamstats: the groups and, with
// global=true, every group's rows in one queue that decides which leave.
type window struct {
	s      *streamstatsStage
	sp     *statsSpec
	groups map[string]*winGroup
	all    []winRow // global=true: the rows in the window, oldest first
	head   int
	work   int // entries aggregated by recomputing, for checking ctx
}

func newWindow(s *streamstatsStage, sp *statsSpec) *window {
	return &window{s: s, sp: sp, groups: map[string]*winGroup{}}
}

func (w *window) group(key string, vals []Value) *winGroup {
	g := w.groups[key]
	if g == nil {
		g = &winGroup{vals: slices.Clone(vals), sliders: make([]slider, len(w.sp.aggs))}
		for i, a := range w.sp.aggs {
			g.sliders[i] = newSlider(a.kind)
		}
		w.groups[key] = g
	}
	return g
}

func (w *window) push(g *winGroup, e entry) {
	g.push(e)
	if w.s.global {
		w.all = append(w.all, winRow{key: e.key, t: e.t})
	}
}

// outside reports whether a row at time et has left the time window of a
// row at time t: the span is measured backwards from t when rows come
// newest first as well as oldest first [D S-streamstats: events sorted in
// ascending or descending time order]. A row without a time leaves.
func (w *window) outside(et, t float64) bool {
	return w.s.timeWindow > 0 && !math.IsNaN(t) && !(math.Abs(t-et) < w.s.timeWindow)
}

// evict drops the rows that left the window ending at the current row
// (time t), g being the current row's group.
func (w *window) evict(g *winGroup, t float64) {
	if !w.s.global {
		for g.size() > 0 && ((w.s.window > 0 && g.size() > w.s.window) || w.outside(g.ents[g.head].t, t)) {
			g.pop()
		}
		return
	}
	for w.head < len(w.all) {
		e := w.all[w.head]
		if !(w.s.window > 0 && len(w.all)-w.head > w.s.window) && !w.outside(e.t, t) {
			break
		}
		w.all[w.head] = winRow{}
		w.head++
		w.groups[e.key].pop()
	}
	if w.head > 64 && w.head*2 > len(w.all) {
		w.all = append(w.all[:0], w.all[w.head:]...)
		w.head = 0
	}
}

// results are g's aggregates over its rows in the window.
func (w *window) results(g *winGroup) []Value {
	out := make([]Value, len(w.sp.aggs))
	for i, a := range w.sp.aggs {
		if sl := g.sliders[i]; sl != nil {
			out[i] = sl.result()
			if a.kind.fn == "values" {
				w.work += g.size() // a sorted copy of the window's values
			}
			continue
		}
		st := a.kind.make()
		for _, e := range g.ents[g.head:] {
			if e.ok[i] {
				st.add(e.vals[i], e.t)
			}
		}
		w.work += g.size()
		out[i] = st.result()
	}
	return out
}

func (s *streamstatsStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	sp := s.spec.forInput(env, in)
	c := newEctx(env, in, sp.prog.bind(in))
	out := &rowSet{fields: in.fields, rows: in.rows}
	cols := out.addFields(sp.aggNames()...)
	c.cols = sp.prog.bind(out) // same columns for the by-fields; new ones for outputs
	windowed := s.window > 0 || s.timeWindow > 0
	running := map[string]*group{}
	win := newWindow(s, sp)
	var prevKey string
	havePrev := false
	buf := make([]Value, 0, len(sp.bySlots))
	reset := func() {
		running = map[string]*group{}
		win = newWindow(s, sp)
	}
	for i, row := range out.rows {
		if i&4095 == 4095 || win.work > 16*checkEvery {
			win.work = 0
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
				g := win.group(key, vals)
				e := s.entryOf(sp, c, key, i, t)
				if s.current {
					win.push(g, e)
				}
				win.evict(g, t)
				res = win.results(g)
				if !s.current {
					win.push(g, e)
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

func (s *streamstatsStage) entryOf(sp *statsSpec, c *ectx, key string, seq int, t float64) entry {
	e := entry{key: key, seq: seq, t: t, vals: make([]Value, len(sp.aggs)), ok: make([]bool, len(sp.aggs))}
	for i, a := range sp.aggs {
		e.vals[i], e.ok[i] = a.input(c)
	}
	return e
}
