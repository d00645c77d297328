package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// rangeSpec is one `name=lo-hi` of rangemap.
type rangeSpec struct {
	name   string
	lo, hi float64
}

// compileRangemap is `rangemap field=<field> [<name>=<lo>-<hi>]...
// [default=<string>]` [D S-rangemap: "adds in a new field called range";
// "Set the range field to the names of any attribute_name that the value
// of the input field is within. If no range is matched, the range value is
// set to the default value"; overlapping ranges give a multivalue;
// numbers may be floating point or negative ("Dislike=-5--1"), the first
// lower than the second; default "None"]: ranges include both ends [I: the
// example DontCare=0-0]; names in the order written [U]; a value that is
// not a number, or a missing field, gets the default [U].
func compileRangemap(c *ast.SimpleCommand, e *errs) stage {
	if len(c.Args) > 0 {
		e.addf(c.Loc, "rangemap takes field=, default= and name=lo-hi options, not %q", c.Args[0].Value())
		return nil
	}
	field, def := "", "None"
	var ranges []rangeSpec
	nerr := len(e.list)
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "field":
			field = v
		case "default":
			def = v
		default:
			r, ok := parseNumRange(v)
			if !ok {
				e.addf(o.Loc, "rangemap %s=%s: want <num>-<num> with the first not above the second", o.Key, v)
				continue
			}
			r.name = o.Key
			ranges = append(ranges, r)
		}
	}
	if field == "" {
		e.addf(c.Loc, "rangemap needs field=")
	}
	if len(e.list) > nerr {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		src := in.col(field)
		dst := in.addFields("range")[0]
		t := &ticker{ctx: ctx}
		for _, r := range in.rows {
			if err := t.tick(); err != nil {
				return nil, err
			}
			var names []string
			if f, ok := toNum(first(get(r, src))); ok {
				for _, rg := range ranges {
					if f >= rg.lo && f <= rg.hi {
						names = append(names, rg.name)
					}
				}
			}
			switch len(names) {
			case 0:
				r[dst] = Str(def)
			case 1:
				r[dst] = Str(names[0])
			default:
				r[dst] = mvOf(names)
			}
		}
		return in, nil
	}}
}

// parseNumRange reads "<num>-<num>"; either number may be negative.
func parseNumRange(s string) (rangeSpec, bool) {
	for i := 1; i < len(s); i++ {
		if s[i] != '-' {
			continue
		}
		lo, ok1 := parseNumber(s[:i])
		hi, ok2 := parseNumber(s[i+1:])
		if ok1 && ok2 && lo <= hi {
			return rangeSpec{lo: lo, hi: hi}, true
		}
	}
	return rangeSpec{}, false
}
