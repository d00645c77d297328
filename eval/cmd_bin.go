package eval

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// binStage is `bin|bucket span=S field [AS name]` [D S-bin]:
//
//   - _time (or any field, with a time span such as 1h, 5m, 1d): the start
//     of the span-wide bin, epoch seconds, aligned to midnight in
//     Options.Location (as tstats' span);
//   - a numeric span (span=10, span=0.5) on a numeric field: the bin as a
//     range string "lo-hi" (bin x span=10 turns 14 into "10-20") [D];
//     non-numeric values are left as they are.
//
// bins=, minspan=, start=, end=, aligntime= and log spans are not
// supported yet.
type binStage struct {
	loc     ast.Span
	field   string
	as      string
	width   float64
	numeric bool
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
			f, err := parseSpan(v)
			if err != nil {
				e.unsupported(o.Loc, "%s span=%s: %v", c.Name, v, err)
				continue
			}
			st.width = f
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
		if !s.numeric {
			row[dst] = Num(binTime(f, s.width, env.loc))
			continue
		}
		lo := math.Floor(f/s.width) * s.width
		row[dst] = Str(formatNumber(lo) + "-" + formatNumber(lo+s.width))
	}
	return out, len(in.rows), nil
}
