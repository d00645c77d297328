package eval

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// transactionStage is `transaction [fields] [maxspan=] [maxpause=]
// [maxevents=] [startswith=] [endswith=] [keepevicted=] [keeporphans=]
// [mvlist=] [connected=]` [D S-transaction]: groups events into one
// result per transaction.
//
// Grouping, as Splunk does it, over events newest first [D: transaction
// needs events in descending time order; spelunk sorts them so, stably]:
//
//   - an event belongs to the open transaction of its field values; it must
//     have every listed field (one with none or some of them is an orphan,
//     dropped unless keeporphans=true) [I: connected= only matters for
//     events with some of the fields, and those are orphans here];
//   - maxspan (newest minus oldest event), maxpause (gap to the next
//     event) and maxevents (default 1000) close the open transaction when
//     the event would break them; -1 disables each [D];
//   - because events arrive newest first, an endswith= event opens a
//     transaction (a second one closes the open one first) and events
//     before one can only join an open transaction; a startswith= event
//     joins and closes it [D: "transactions are processed newest first"];
//   - a transaction is complete when it holds its startswith event (if
//     startswith is set) and began with its endswith event (if endswith is
//     set); incomplete ones are "evicted": dropped unless keepevicted=true
//     [D].
//
// Output, one row per transaction, newest transaction first [I]: _time of
// the earliest event; _raw the events' _raw oldest first joined by
// newlines [D]; every other field the set of its values (sorted, one value
// stays single; mvlist=true: every value, oldest event first) [D sets, U
// order]; duration = latest - earliest _time and eventcount [D];
// closed_txn 1, or 0 for an evicted transaction kept by keepevicted [D].
// Columns: the input's, then duration, eventcount, closed_txn.
// field_match_sum and linecount are not produced; name=, unifyends=,
// maxopentxn= and maxopenevents= are not supported (the memory limits are
// accepted and ignored).
type transactionStage struct {
	loc                   ast.Span
	fields                []string
	maxspan, maxpause     float64 // -1: none
	maxevents             int     // <= 0: none
	start, end            stage   // filters; nil when absent
	keepEvicted, keepOrph bool
	mvlist                bool
}

const txnIndex = "\x00transaction_index"

func compileTransaction(c *ast.TransactionCommand, opts *Options, e *errs) stage {
	st := &transactionStage{loc: c.Loc, fields: c.Fields, maxspan: -1, maxpause: -1, maxevents: 1000}
	nerr := len(e.list)
	for _, o := range c.Options {
		v := o.Value.Value()
		switch k := strings.ToLower(o.Key); k {
		case "maxspan", "maxpause":
			d, ok := txnDuration(v)
			if !ok {
				e.addf(o.Loc, "transaction %s=%s: expected a number of s, m, h or d, or -1", o.Key, v)
				continue
			}
			if k == "maxspan" {
				st.maxspan = d
			} else {
				st.maxpause = d
			}
		case "maxevents":
			if n, ok := intOption(o, "transaction", e); ok {
				st.maxevents = n
			}
		case "keepevicted":
			st.keepEvicted, _ = boolOption(o, "transaction", e)
		case "keeporphans":
			st.keepOrph, _ = boolOption(o, "transaction", e)
		case "mvlist":
			if b, ok := ParseBool(v); ok {
				st.mvlist = b
			} else {
				e.unsupported(o.Loc, "transaction mvlist=<field list> is not supported yet")
			}
		case "connected", "mvraw":
			boolOption(o, "transaction", e)
		case "delim", "nullstr":
		case "maxopentxn", "maxopenevents":
			intOption(o, "transaction", e)
		case "name", "unifyends":
			e.unsupported(o.Loc, "transaction %s= is not supported yet", o.Key)
		default:
			e.addf(o.Loc, "unknown transaction option %q", o.Key)
		}
	}
	for _, f := range c.Fields {
		if strings.Contains(f, "*") {
			e.addf(c.Loc, "transaction field %q: wildcards are not allowed", f)
		}
	}
	st.start = compileTxnFilter(c.StartsWith, opts, e)
	st.end = compileTxnFilter(c.EndsWith, opts, e)
	if len(e.list) > nerr {
		return nil
	}
	return st
}

// txnDuration reads maxspan/maxpause: -1, N (seconds) or N with a unit.
func txnDuration(v string) (float64, bool) {
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return -1, true
		}
		return float64(n), true
	}
	d, err := ParseSpan(v)
	return d, err == nil
}

// compileTxnFilter compiles startswith=/endswith= as a search or where
// stage; nil when f is nil or after an error.
func compileTxnFilter(f *ast.TransactionFilter, opts *Options, e *errs) stage {
	if f == nil {
		return nil
	}
	if f.Form == ast.FilterEval {
		return compileCommand(&ast.WhereCommand{Loc: f.Loc, Expr: f.Eval}, false, opts, e)
	}
	return compileCommand(&ast.SearchCommand{Loc: f.Loc, Expr: f.Search}, false, opts, e)
}

func (s *transactionStage) name() string   { return "transaction" }
func (s *transactionStage) span() ast.Span { return s.loc }

// matching returns which rows of in the filter keeps.
func matching(ctx context.Context, env *runEnv, f stage, in *rowSet) ([]bool, error) {
	marked := &rowSet{fields: append(append([]string(nil), in.fields...), txnIndex), rows: make([]Row, len(in.rows))}
	n := len(marked.fields)
	for i, r := range in.rows {
		nr := widen(r, n)
		nr[n-1] = Num(float64(i))
		marked.rows[i] = nr
	}
	out, _, err := f.run(ctx, env, marked)
	if err != nil {
		return nil, err
	}
	keep := make([]bool, len(in.rows))
	c := out.col(txnIndex)
	for _, r := range out.rows {
		if f, ok := toNum(get(r, c)); ok && int(f) >= 0 && int(f) < len(keep) {
			keep[int(f)] = true
		}
	}
	return keep, nil
}

type txn struct {
	events         []int // newest first
	newest, oldest float64
	hasStart       bool
	hasEnd         bool
	complete       bool
}

func (s *transactionStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	var starts, ends []bool
	var err error
	if s.start != nil {
		if starts, err = matching(ctx, env, s.start, in); err != nil {
			return nil, 0, err
		}
	}
	if s.end != nil {
		if ends, err = matching(ctx, env, s.end, in); err != nil {
			return nil, 0, err
		}
	}
	tcol := in.col(fieldTime)
	times := make([]float64, len(in.rows))
	order := make([]int, 0, len(in.rows))
	var orphans []int
	for i, r := range in.rows {
		t, ok := toNum(first(get(r, tcol)))
		if !ok {
			orphans = append(orphans, i)
			continue
		}
		times[i] = t
		order = append(order, i)
	}
	err = sortStable(ctx, order, func(a, b int) int {
		switch {
		case times[a] > times[b]:
			return -1
		case times[a] < times[b]:
			return 1
		}
		return 0
	})
	if err != nil {
		return nil, 0, err
	}
	kcols := make([]int, len(s.fields))
	for i, f := range s.fields {
		kcols[i] = in.col(f)
	}
	open := map[string]*txn{}
	var done []*txn
	finish := func(key string, t *txn) {
		delete(open, key)
		t.complete = (s.start == nil || t.hasStart) && (s.end == nil || t.hasEnd)
		done = append(done, t)
	}
	for n, i := range order {
		if n%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		key, ok := joinKeyOf(in.rows[i], kcols)
		if !ok {
			orphans = append(orphans, i)
			continue
		}
		ti := times[i]
		t := open[key]
		if t != nil && ((s.maxspan >= 0 && t.newest-ti > s.maxspan) ||
			(s.maxpause >= 0 && t.oldest-ti > s.maxpause) ||
			(s.maxevents > 0 && len(t.events) >= s.maxevents)) {
			finish(key, t)
			t = nil
		}
		switch {
		case ends != nil && ends[i]:
			if t != nil {
				finish(key, t)
			}
			t = &txn{newest: ti, hasEnd: true}
			open[key] = t
		case t == nil && ends != nil:
			orphans = append(orphans, i)
			continue
		case t == nil:
			t = &txn{newest: ti}
			open[key] = t
		}
		t.events = append(t.events, i)
		t.oldest = ti
		if starts != nil && starts[i] {
			t.hasStart = true
			finish(key, t)
		}
	}
	// Close what is still open, in the order the transactions opened.
	var rest []*txn
	for _, t := range open {
		rest = append(rest, t)
	}
	posOf := make(map[int]int, len(order))
	for p, i := range order {
		posOf[i] = p
	}
	slices.SortFunc(rest, func(a, b *txn) int { return posOf[a.events[0]] - posOf[b.events[0]] })
	for _, t := range rest {
		t.complete = (s.start == nil || t.hasStart) && (s.end == nil || t.hasEnd)
		done = append(done, t)
	}
	// Output.
	out := &rowSet{fields: append([]string(nil), in.fields...)}
	extra := out.addFields("duration", "eventcount", "closed_txn")
	n := len(out.fields)
	var kept []*txn
	for _, t := range done {
		if t.complete || s.keepEvicted {
			kept = append(kept, t)
		}
	}
	slices.SortStableFunc(kept, func(a, b *txn) int {
		switch {
		case a.oldest > b.oldest:
			return -1
		case a.oldest < b.oldest:
			return 1
		}
		return 0
	})
	rawCol := in.col("_raw")
	for _, t := range kept {
		row := make(Row, n)
		evs := slices.Clone(t.events)
		slices.Reverse(evs) // oldest first
		for c := range in.fields {
			switch c {
			case tcol:
				row[c] = Num(t.oldest)
				continue
			case rawCol:
				var raws []string
				for _, i := range evs {
					if v := get(in.rows[i], c); !v.IsNull() {
						raws = append(raws, v.String())
					}
				}
				if len(raws) > 0 {
					row[c] = Str(strings.Join(raws, "\n"))
				}
				continue
			}
			row[c] = s.merge(in, evs, c)
		}
		row[extra[0]] = Num(t.newest - t.oldest)
		row[extra[1]] = Num(float64(len(t.events)))
		closed := 0.0
		if t.complete {
			closed = 1
		}
		row[extra[2]] = Num(closed)
		out.rows = append(out.rows, row)
	}
	if s.keepOrph {
		slices.Sort(orphans)
		for _, i := range orphans {
			out.rows = append(out.rows, widen(in.rows[i], n))
		}
	}
	if out.rows == nil {
		out.rows = []Row{}
	}
	return out, len(in.rows), nil
}

// merge is column c over the events evs (oldest first): the distinct
// values sorted (mvlist: every value in order); a single value keeps its
// type.
func (s *transactionStage) merge(in *rowSet, evs []int, c int) Value {
	var vals []string
	var only Value
	count := 0
	for _, i := range evs {
		v := get(in.rows[i], c)
		if v.IsNull() {
			continue
		}
		if count == 0 {
			only = v
		}
		count++
		vals = append(vals, v.Strings()...)
	}
	if count == 0 {
		return Null()
	}
	if !s.mvlist {
		slices.Sort(vals)
		vals = slices.Compact(vals)
	}
	if len(vals) == 1 && !only.IsMulti() {
		return only
	}
	if len(vals) == 1 {
		return Str(vals[0])
	}
	return Multi(vals...)
}
