package eval

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// compileConcurrency is `concurrency duration=<field> [start=<field>]
// [output=<field>]` [D S-concurrency: "the total number of events in
// progress at the time that each particular event started, including the
// event itself"; "An event X is concurrent with event Y if X.start is
// between Y.start and (Y.start + Y.duration)"; start default _time, output
// default "concurrency"]:
//
//   - "between" includes both ends, so events starting at the same time
//     count each other [U];
//   - a result without a numeric start or duration gets no value and
//     counts for no other [U]; a negative duration counts as 0 [U];
//   - the count does not depend on the order of the results [I].
func compileConcurrency(c *ast.SimpleCommand, e *errs) stage {
	dur, start, output := "", "_time", "concurrency"
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "duration":
			dur = o.Value.Value()
		case "start":
			start = o.Value.Value()
		case "output":
			output = o.Value.Value()
		default:
			e.addf(o.Loc, "unknown concurrency option %q", o.Key)
			return nil
		}
	}
	if len(c.Args) > 0 {
		e.addf(c.Loc, "concurrency takes options, not %q", c.Args[0].Value())
		return nil
	}
	if dur == "" {
		e.addf(c.Loc, "concurrency needs duration=")
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		sc, dc := in.col(start), in.col(dur)
		type span struct {
			row        int
			start, end float64
		}
		var spans []span
		for i, r := range in.rows {
			s, ok1 := toNum(first(get(r, sc)))
			d, ok2 := toNum(first(get(r, dc)))
			if ok1 && ok2 {
				spans = append(spans, span{row: i, start: s, end: s + max(d, 0)})
			}
		}
		starts := make([]float64, len(spans))
		ends := make([]float64, len(spans))
		for i, sp := range spans {
			starts[i], ends[i] = sp.start, sp.end
		}
		slices.Sort(starts)
		slices.Sort(ends)
		oc := in.addFields(output)[0]
		for _, r := range in.rows {
			if oc != sc && oc != dc {
				r[oc] = Null()
			}
		}
		t := &ticker{ctx: ctx}
		for _, sp := range spans {
			if err := t.tick(); err != nil {
				return nil, err
			}
			// started at or before sp.start, minus those ended before it
			begun := sort.Search(len(starts), func(i int) bool { return starts[i] > sp.start })
			ended := sort.Search(len(ends), func(i int) bool { return ends[i] >= sp.start })
			in.rows[sp.row][oc] = Num(float64(begun - ended))
		}
		return in, nil
	}}
}
