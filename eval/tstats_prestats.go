package eval

import (
	"context"
	"math/bits"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
)

// tstats prestats=t [D S-tstats: "prestats: Use this to output the answer
// in prestats format, which enables you to pipe the results to a different
// type of processor, such as chart or timechart, that takes prestats
// output"]. `| tstats prestats=t count by X | stats count by X` over rows
// a, a, b gives a=2, b=1: the command that follows finishes the
// aggregation.
//
// Splunk's prestats rows hold partial aggregate states in internal
// psrsvd_* fields whose layout it does not document. spelunk's prestats
// form is the one every consumer finishes exactly without knowing it
// [I]: one row per matching table row (newest first), holding the by
// fields (the _time bin when `by _time span=`, a by field without a value
// dropping the row unless fillnull_value is set, as in the grouped form)
// and each aggregate's input field, named as written (Processes.user). So
// stats, chart, timechart, eventstats — any command — compute over the
// events the summary stands for: count counts them, dc, values, sum, avg,
// min, max, percentiles, earliest and latest see the same values they
// would have seen in tstats. An aggregate's field that is also a by field
// (min(_time) with `by _time span=1h`) holds the by value [U].

// prestatsField is one aggregate's input field in prestats rows.
type prestatsField struct {
	name string // as written (Processes.user, _time)
	col  string // the table column; "" when no row has it
}

// addPrestatsField records an aggregate's input field once (fieldless
// count has none).
func (st *tstatsStage) addPrestatsField(written, col string) {
	if written == "" || slices.ContainsFunc(st.pre, func(p prestatsField) bool { return p.name == written }) {
		return
	}
	for _, f := range st.fields[:len(st.by)] {
		if f == written {
			return
		}
	}
	st.pre = append(st.pre, prestatsField{name: written, col: col})
}

// prestatsRows builds the prestats rows of the table rows in mask.
func (st *tstatsStage) prestatsRows(ctx context.Context, env *runEnv, t *cim.Table, mask bitmap) (*rowSet, error) {
	out := &rowSet{fields: append(slices.Clone(st.fields[:len(st.by)]), make([]string, 0, len(st.pre))...)}
	for _, p := range st.pre {
		out.fields = append(out.fields, p.name)
	}
	times := t.Times()
	byCols := make([]*cim.Column, len(st.by))
	for i, b := range st.by {
		if b.col != "" && b.col != fieldTime {
			byCols[i] = t.Column(b.col)
		}
	}
	preCols := make([]*cim.Column, len(st.pre))
	for i, p := range st.pre {
		if p.col != "" && p.col != fieldTime {
			preCols[i] = t.Column(p.col)
		}
	}
	var rows []int
	for wi, w := range mask {
		for w != 0 {
			j := bits.TrailingZeros64(w)
			w &= w - 1
			rows = append(rows, wi*64+j)
		}
	}
	// newest first, as events are read [I]
	slices.SortStableFunc(rows, func(a, b int) int {
		switch {
		case times[a] > times[b]:
			return -1
		case times[a] < times[b]:
			return 1
		}
		return 0
	})
rowLoop:
	for k, r := range rows {
		if k&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if len(out.rows) >= env.maxRows {
			return nil, limitAt(st.loc, "tstats prestats=t produced more than the limit of %d rows", env.maxRows)
		}
		row := make(Row, len(out.fields))
		for i, b := range st.by {
			switch {
			case b.col == fieldTime:
				row[i] = Num(b.span.floor(times[r], env.loc))
				continue
			case byCols[i] != nil:
				if v, ok := byCols[i].Value(r); ok {
					row[i] = Str(v)
					continue
				}
			}
			if !st.hasFill {
				continue rowLoop
			}
			row[i] = Str(st.fill)
		}
		for i, p := range st.pre {
			switch {
			case p.col == fieldTime:
				row[len(st.by)+i] = Num(times[r])
			case preCols[i] != nil:
				if v, ok := preCols[i].Value(r); ok {
					row[len(st.by)+i] = Str(v)
				}
			}
		}
		out.rows = append(out.rows, row)
	}
	return out, nil
}

// tstats append=t [D S-tstats: "append: When in prestats mode
// (prestats=true), enables append=true where the prestats results append
// to any results in the previous search"]: `| tstats prestats=t count
// from A by X | tstats prestats=t append=t count from B by X | stats
// count by X` counts both. Without prestats the grouped rows are appended
// the same way [I]. Only with append=t may tstats follow other commands.
type tstatsAppendStage struct{ st *tstatsStage }

// compileTstatsAppend compiles a tstats that is not the first command.
func compileTstatsAppend(c *ast.TstatsCommand, opts *Options, e *errs) stage {
	appendTo := false
	for _, o := range c.Options {
		if strings.EqualFold(o.Key, "append") {
			appendTo, _ = ParseBool(o.Value.Value())
		}
	}
	if !appendTo {
		e.addf(c.Loc, "tstats must be the first command of the search unless append=true")
		return nil
	}
	if hasSubsearch(c.Where) {
		e.unsupported(c.Loc, "tstats append=true with a [subsearch] in where is not supported yet")
		return nil
	}
	st, ok := compileTstats(c, opts, e).(*tstatsStage)
	if !ok {
		return nil
	}
	return &tstatsAppendStage{st}
}

func (s *tstatsAppendStage) name() string   { return "tstats" }
func (s *tstatsAppendStage) span() ast.Span { return s.st.loc }

func (s *tstatsAppendStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	rs, _, err := s.st.run(ctx, env, nil)
	if err != nil {
		return nil, 0, err
	}
	if in == nil {
		return rs, 0, nil
	}
	return appendRows(in, rs), len(in.rows), nil
}
