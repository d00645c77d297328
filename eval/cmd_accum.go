package eval

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// Running computations over the results in order:
//
//   - accum field [AS new] [D S-accum: "For each event where field is a
//     number, the accum command calculates a running total or sum of the
//     numbers"]: results where field is not a number get no value and add
//     nothing [U];
//   - delta field [AS new] [p=N] [D S-delta: "Computes the difference
//     between nearby results using the value of a specific numeric field
//     ... the current value and the value N events prior"; the default
//     name is delta(field), p=1]: "prior" counts the earlier results that
//     have a numeric value of field; a result without one gets no value
//     [U];
//   - autoregress field [AS new] [p=N | p=N-M] [D S-autoregress: "Prepares
//     your events for calculating the autoregression ... by copying one or
//     more of the previous values for field into each event"; new fields
//     field_pN; AS only with a single p]: the values of the results N
//     before, whatever they hold (null when there is none).

func compileAccum(c *ast.SimpleCommand, e *errs) stage {
	a, ok := oneFieldArg(c, e, true)
	if !ok {
		return nil
	}
	src, dst := a.fields[0], a.fields[0]
	if a.as != "" {
		dst = a.as
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		tk := &ticker{ctx: ctx}
		sc := in.col(src)
		if sc < 0 {
			return in, nil
		}
		dc := in.addFields(dst)[0]
		sum := 0.0
		for _, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			f, ok := toNum(first(get(r, sc)))
			if !ok {
				if dc != sc {
					r[dc] = Null()
				}
				continue
			}
			sum += f
			r[dc] = Num(sum)
		}
		return in, nil
	}}
}

// lagOption reads p=N (or p=N-M when ranges are allowed).
func lagOption(c *ast.SimpleCommand, ranges bool, e *errs) (lo, hi int, ok bool) {
	lo, hi = 1, 1
	v, set := c.Option("p")
	if !set {
		return lo, hi, true
	}
	a, b, isRange := strings.Cut(v, "-")
	n1, err1 := strconv.Atoi(a)
	n2 := n1
	var err2 error
	if isRange {
		if !ranges {
			e.addf(c.Loc, "%s p=%s: expected a number", c.Name, v)
			return 0, 0, false
		}
		n2, err2 = strconv.Atoi(b)
	}
	if err1 != nil || err2 != nil || n1 < 1 || n2 < n1 {
		e.addf(c.Loc, "%s p=%s: expected a positive number%s", c.Name, v, map[bool]string{true: " or range N-M"}[ranges])
		return 0, 0, false
	}
	return n1, n2, true
}

func compileDelta(c *ast.SimpleCommand, e *errs) stage {
	a, ok := oneFieldArg(c, e, true)
	if !ok {
		return nil
	}
	p, _, ok := lagOption(c, false, e)
	if !ok {
		return nil
	}
	src := a.fields[0]
	dst := a.as
	if dst == "" {
		dst = "delta(" + src + ")"
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		tk := &ticker{ctx: ctx}
		sc := in.col(src)
		if sc < 0 {
			return in, nil
		}
		dc := in.addFields(dst)[0]
		var prior []float64
		for _, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			f, ok := toNum(first(get(r, sc)))
			if !ok {
				if dc != sc {
					r[dc] = Null()
				}
				continue
			}
			if len(prior) >= p {
				r[dc] = Num(f - prior[len(prior)-p])
			} else if dc != sc {
				r[dc] = Null()
			}
			prior = append(prior, f)
		}
		return in, nil
	}}
}

func compileAutoregress(c *ast.SimpleCommand, e *errs) stage {
	a, ok := oneFieldArg(c, e, true)
	if !ok {
		return nil
	}
	lo, hi, ok := lagOption(c, true, e)
	if !ok {
		return nil
	}
	if a.as != "" && lo != hi {
		e.addf(c.Loc, "autoregress: AS needs a single p, not a range")
		return nil
	}
	src := a.fields[0]
	var names []string
	for n := lo; n <= hi; n++ {
		if a.as != "" {
			names = append(names, a.as)
		} else {
			names = append(names, fmt.Sprintf("%s_p%d", src, n))
		}
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		tk := &ticker{ctx: ctx}
		sc := in.col(src)
		var vals []Value
		for _, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			vals = append(vals, get(r, sc))
		}
		cols := in.addFields(names...)
		for i, r := range in.rows {
			if err := tk.tick(); err != nil {
				return nil, err
			}
			for k, c := range cols {
				if j := i - (lo + k); j >= 0 {
					r[c] = vals[j]
				} else {
					r[c] = Null()
				}
			}
		}
		return in, nil
	}}
}
