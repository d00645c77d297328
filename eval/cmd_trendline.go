package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// trendTerm is one `<type><period>(<field>) [AS <name>]` of trendline.
type trendTerm struct {
	kind   string // sma, ema or wma
	period int
	field  string
	as     string
}

// compileTrendline is `trendline (<trendtype><period>(<field>) [AS
// <newfield>])...` [D S-trendline: "Computes the moving averages of fields:
// simple moving average (sma), exponential moving average (ema), and
// weighted moving average (wma)"; period "an integer between 2 and
// 10000"; the output field defaults to e.g. sma2(foo)]. The parser reads
// it with the stats grammar (each term has the shape of an aggregate):
//
//   - results are taken in their order; a result whose field is not a
//     number gets no value and does not count [U];
//   - sma is the mean of the last period values, wma weighs them 1 (the
//     oldest) .. period (the current) [D "weighted moving average"; the
//     linear weights, I]; both start at the period-th value, earlier
//     results get none [U];
//   - ema starts with the sma of the first period values and then takes
//     ema = a·x + (1-a)·ema with a = 2/(period+1) [U: the seed and the
//     smoothing factor are not documented; these are the usual ones].
func compileTrendline(c *ast.StatsCommand, e *errs) stage {
	nerr := len(e.list)
	for _, o := range c.Options {
		e.addf(o.Loc, "trendline takes no options, not %q", o.Key)
	}
	if len(c.By) > 0 {
		e.addf(c.Loc, "trendline takes no by clause")
	}
	if len(c.Aggregates) == 0 {
		e.addf(c.Loc, "trendline needs a trend, such as sma5(field)")
	}
	var terms []trendTerm
	for _, a := range c.Aggregates {
		kind := ""
		for _, k := range []string{"sma", "ema", "wma"} {
			if strings.HasPrefix(a.Func, k) {
				kind = k
			}
		}
		n, err := strconv.Atoi(strings.TrimPrefix(a.Func, kind))
		switch {
		case kind == "" || err != nil:
			e.addf(a.Loc, "trendline: %q is not sma, ema or wma with a period", a.Func)
			continue
		case n < 2 || n > 10000:
			e.addf(a.Loc, "trendline: the period of %s must be between 2 and 10000", a.Func)
			continue
		case a.Field == "" || a.Eval != nil:
			e.addf(a.Loc, "trendline: %s needs a field, as %s(field)", a.Func, a.Func)
			continue
		}
		t := trendTerm{kind: kind, period: n, field: a.Field, as: a.As}
		if t.as == "" {
			t.as = a.Func + "(" + a.Field + ")"
		}
		terms = append(terms, t)
	}
	if len(e.list) > nerr {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: "trendline", fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		tk := &ticker{ctx: ctx}
		for _, t := range terms {
			src := in.col(t.field)
			dst := in.addFields(t.as)[0]
			var win []float64 // the last period values
			ema := 0.0
			seen := 0
			alpha := 2 / float64(t.period+1)
			for _, r := range in.rows {
				if err := tk.tick(); err != nil {
					return nil, err
				}
				f, ok := toNum(first(get(r, src)))
				if !ok {
					if dst != src {
						r[dst] = Null()
					}
					continue
				}
				seen++
				win = append(win, f)
				if len(win) > t.period {
					win = win[1:]
				}
				if seen < t.period {
					if dst != src {
						r[dst] = Null()
					}
					continue
				}
				switch t.kind {
				case "sma":
					r[dst] = Num(sumOf(win) / float64(t.period))
				case "wma":
					ws, w := 0.0, 0.0
					for i, v := range win {
						ws += float64(i+1) * v
						w += float64(i + 1)
					}
					r[dst] = Num(ws / w)
				case "ema":
					if seen == t.period {
						ema = sumOf(win) / float64(t.period)
					} else {
						ema = alpha*f + (1-alpha)*ema
					}
					r[dst] = Num(ema)
				}
			}
		}
		return in, nil
	}}
}

// sumOf adds the values in order (a fresh sum per window keeps results
// independent of earlier rounding).
func sumOf(vs []float64) float64 {
	s := 0.0
	for _, v := range vs {
		s += v
	}
	return s
}
