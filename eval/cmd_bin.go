package eval

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// binStage is `bin|bucket span=S field [AS name]` [D S-bin]:
//
//   - _time (or any field, with a time span such as 1h, 5m, 1d, 1w, 1mon,
//     1q, 1y, 100ms): the start of the bin, epoch seconds (time_span.go:
//     fixed spans aligned to midnight in Options.Location, as tstats'
//     span; month, quarter and year spans start on a month's first day);
//   - a numeric span (span=10, span=0.5) on a numeric field: the bin as a
//     range string "lo-hi" (bin x span=10 turns 14 into "10-20") [D];
//   - a log span ([coefficient]log[base], span=log, span=2log10) on a
//     numeric field [D S-bin: "<log-span> Syntax: [<num>]log[<num>] ...
//     The first number is a coefficient. The second number is the base.
//     If the first number is supplied, it must be a real number >= 1.0 and
//     < base. Base, if supplied, must be real number > 1.0"]: the bin
//     "lo-hi" with lo = coefficient·base^k ≤ value < hi = lo·base (base
//     10 by default, coefficient 1); values ≤ 0 are left as they are [U];
//   - non-numeric values are left as they are.
//
// bins=, minspan=, start=, end= and aligntime= are not supported yet.
type binStage struct {
	loc     ast.Span
	field   string
	as      string
	width   float64
	numeric bool
	tspan   timeSpan
	logCoef float64 // log span: coefficient and base (base 0: no log span)
	logBase float64
}

func compileBin(c *ast.BinCommand, e *errs) stage {
	st := &binStage{loc: c.Loc, field: c.Field, as: c.As}
	if st.as == "" {
		st.as = c.Field
	}
	spanSet := false
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "span":
			spanSet = true
			if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 {
				st.width, st.numeric = f, true
				continue
			}
			if coef, base, ok, err := parseLogSpan(v); ok {
				if err != nil {
					e.addf(o.Loc, "%s span=%s: %v", c.Name, v, err)
				}
				st.logCoef, st.logBase = coef, base
				continue
			}
			ts, err := parseTimeSpan(v)
			if err != nil {
				e.unsupported(o.Loc, "%s span=%s: %v", c.Name, v, err)
				continue
			}
			st.tspan = ts
		case "bins", "minspan", "start", "end", "aligntime":
			e.unsupported(o.Loc, "%s option %s is not supported yet", c.Name, o.Key)
		default:
			e.addf(o.Loc, "unknown %s option %q", c.Name, o.Key)
		}
	}
	if !spanSet {
		e.unsupported(c.Loc, "%s without span= (automatic bins) is not supported yet", c.Name)
		return nil
	}
	if c.Field == "" {
		e.addf(c.Loc, "%s needs a field", c.Name)
		return nil
	}
	return st
}

func (s *binStage) name() string   { return "bin" }
func (s *binStage) span() ast.Span { return s.loc }

func (s *binStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	out := &rowSet{fields: in.fields, rows: in.rows}
	src := out.col(s.field)
	if src < 0 {
		return out, len(in.rows), nil
	}
	dst := out.addFields(s.as)[0]
	for _, row := range out.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		v := row[src]
		f, ok := toNum(first(v))
		if !ok {
			if dst != src {
				row[dst] = v
			}
			continue
		}
		if s.logBase > 0 {
			if f <= 0 {
				if dst != src {
					row[dst] = v
				}
				continue
			}
			k := math.Floor(math.Log(f/s.logCoef) / math.Log(s.logBase))
			lo := s.logCoef * math.Pow(s.logBase, k)
			if lo*s.logBase <= f { // rounding at an exact power
				lo *= s.logBase
			}
			row[dst] = Str(formatNumber(lo) + "-" + formatNumber(lo*s.logBase))
			continue
		}
		if !s.numeric {
			row[dst] = Num(s.tspan.floor(f, env.loc))
			continue
		}
		lo := math.Floor(f/s.width) * s.width
		row[dst] = Str(formatNumber(lo) + "-" + formatNumber(lo+s.width))
	}
	return out, len(in.rows), nil
}

// parseLogSpan reads [coefficient]log[base]; ok reports whether v has that
// shape, err whether its numbers are out of range.
func parseLogSpan(v string) (coef, base float64, ok bool, err error) {
	before, after, found := strings.Cut(strings.ToLower(v), "log")
	if !found {
		return 0, 0, false, nil
	}
	coef, base = 1, 10
	if before != "" {
		c, e1 := strconv.ParseFloat(before, 64)
		if e1 != nil {
			return 0, 0, false, nil
		}
		coef = c
	}
	if after != "" {
		b, e2 := strconv.ParseFloat(after, 64)
		if e2 != nil {
			return 0, 0, false, nil
		}
		base = b
	}
	if base <= 1 {
		return 0, 0, true, fmt.Errorf("the base must be greater than 1")
	}
	if coef < 1 || coef >= base {
		return 0, 0, true, fmt.Errorf("the coefficient must be at least 1 and less than the base")
	}
	return coef, base, true, nil
}
