package eval

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// makecontinuousMaxBuckets bounds the buckets makecontinuous may add.
const makecontinuousMaxBuckets = 1_000_000

// compileMakecontinuous is `makecontinuous [<field>] span=<span>` [D
// S-makecontinuous: "Makes a field on the x-axis numerically continuous
// by adding empty buckets for periods where there is no data and
// quantifying the periods where there is data. This command adds no
// data"]:
//
//   - the field defaults to _time [I: the examples run it after
//     timechart];
//   - a time span (1h, 10m, 1mon, ...) floors values as bin does (aligned
//     in Options.Location); a number span floors them to a multiple of the
//     span, kept as a number [U: bin writes "lo-hi" ranges instead];
//   - each result keeps its other fields with the field floored; a result
//     holding only the field is added for each bucket between the first
//     and the last that has none; results are ordered by bucket ascending,
//     those without a numeric value last [U];
//   - bins=, minspan=, start=, end= and aligntime= are not supported yet.
func compileMakecontinuous(c *ast.SimpleCommand, e *errs) stage {
	field := "_time"
	switch len(c.Args) {
	case 0:
	case 1:
		field = c.Args[0].Value()
	default:
		e.addf(c.Loc, "makecontinuous takes one field")
		return nil
	}
	var tspan timeSpan
	width, spanSet, numeric := 0.0, false, false
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "span":
			spanSet = true
			if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && !math.IsInf(f, 0) {
				width, numeric = f, true
				continue
			}
			ts, err := parseTimeSpan(v)
			if err != nil {
				e.addf(o.Loc, "makecontinuous span=%s: %v", v, err)
				return nil
			}
			tspan = ts
		case "bins", "minspan", "start", "end", "aligntime":
			e.unsupported(o.Loc, "makecontinuous option %s is not supported yet", o.Key)
			return nil
		default:
			e.addf(o.Loc, "unknown makecontinuous option %q", o.Key)
			return nil
		}
	}
	if !spanSet {
		e.unsupported(c.Loc, "makecontinuous without span= is not supported yet")
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error) {
		floor := func(f float64) float64 { return math.Floor(f/width) * width }
		next := func(b float64) float64 { return b + width }
		if !numeric {
			floor = func(f float64) float64 { return tspan.floor(f, env.loc) }
			next = func(b float64) float64 { return tspan.next(b, env.loc) }
		}
		fc := in.addFields(field)[0]
		type keyed struct {
			b   float64
			ok  bool
			row Row
		}
		rows := make([]keyed, 0, len(in.rows))
		lo, hi, seen := 0.0, 0.0, false
		have := map[float64]bool{}
		for _, r := range in.rows {
			f, ok := toNum(first(get(r, fc)))
			k := keyed{row: r}
			if ok && !math.IsNaN(f) && !math.IsInf(f, 0) {
				k.b, k.ok = floor(f), true
				r[fc] = Num(k.b)
				have[k.b] = true
				if !seen || k.b < lo {
					lo = k.b
				}
				if !seen || k.b > hi {
					hi = k.b
				}
				seen = true
			}
			rows = append(rows, k)
		}
		if seen {
			added := 0
			for b := lo; b < hi; b = next(b) {
				if !have[b] {
					if added++; added > makecontinuousMaxBuckets || len(rows) >= env.maxRows {
						return nil, limitAt(c.Loc, "makecontinuous would add more than the limit of rows")
					}
					nr := make(Row, len(in.fields))
					nr[fc] = Num(b)
					rows = append(rows, keyed{b: b, ok: true, row: nr})
				}
			}
		}
		err := sortStable(ctx, rows, func(a, b keyed) int {
			switch {
			case a.ok && b.ok:
				if a.b < b.b {
					return -1
				}
				if a.b > b.b {
					return 1
				}
			case a.ok:
				return -1
			case b.ok:
				return 1
			}
			return 0
		})
		if err != nil {
			return nil, err
		}
		out := &rowSet{fields: in.fields, rows: make([]Row, len(rows))}
		for i, k := range rows {
			out.rows[i] = k.row
		}
		return out, nil
	}}
}
