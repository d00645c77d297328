package eval

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/glob"
	"github.com/spelunk-dev/spelunk/internal/timefmt"
)

// defaultTimeFormat is convert's timeformat when none is given [D S-convert].
const defaultTimeFormat = "%m/%d/%Y %H:%M:%S"

// convertStage is `convert [timeformat="..."] func(field) [AS new] ...`
// [D S-convert, spl_semantics.md §8]:
//
//   - without AS the value is replaced in place; with AS the result goes
//     to the named field (a new column appended at the end, or the existing
//     column replaced) and the original is kept;
//   - field names may use '*' (ctime(*Time)); an AS name with the same
//     number of '*' receives the matched text;
//   - a field that no row has is a no-op; a value the function cannot
//     convert is left as it is (with AS, copied unchanged) [U];
//   - multivalue fields are converted value by value.
//
// Functions:
//
//	ctime(f)    epoch seconds → string in timeformat (default
//	            %m/%d/%Y %H:%M:%S), in Options.Location; fractional seconds
//	            are truncated [I]
//	mktime(f)   string in timeformat → epoch seconds (a number)
//	dur2sec(f)  [D+]HH:MM:SS → seconds
//	num(f)      number (commas removed) or, when not convertible, null
//	rmcomma(f)  the value without commas
//	none(f)     excludes f from the other conversions of this command
type convertStage struct {
	loc     ast.Span
	format  string
	convs   []conversion
	exclude []glob.Glob // none(...)
	loc2    *time.Location
}

type conversion struct {
	fn    string
	field glob.Glob
	as    *glob.Glob
}

var convertUnsupported = []string{"auto", "memk", "mstime", "rmunit"}

func compileConvert(c *ast.ConvertCommand, opts *Options, e *errs) stage {
	st := &convertStage{loc: c.Loc, format: defaultTimeFormat, loc2: opts.Location}
	if c.TimeFormat != nil {
		st.format = c.TimeFormat.Value()
	}
	nerr := len(e.list)
	for _, cv := range c.Conversions {
		fn := strings.ToLower(cv.Func)
		switch fn {
		case "ctime", "mktime", "dur2sec", "num", "rmcomma", "none":
		default:
			if containsStr(convertUnsupported, fn) {
				e.unsupportedFunc(cv.Loc, "convert function %s() is not supported yet", cv.Func)
			} else {
				e.addf(cv.Loc, "unknown convert function %s() (known: ctime, mktime, dur2sec, num, rmcomma, none, auto, memk, mstime, rmunit)", cv.Func)
			}
			continue
		}
		if cv.Field == "" {
			e.addf(cv.Loc, "convert %s() needs a field", cv.Func)
			continue
		}
		field := glob.New(cv.Field)
		if fn == "none" {
			st.exclude = append(st.exclude, field)
			continue
		}
		conv := conversion{fn: fn, field: field}
		if cv.As != "" {
			as := glob.New(cv.As)
			if as.Stars() != 0 && as.Stars() != field.Stars() {
				e.addf(cv.Loc, "convert %s(%s) AS %s: the AS name must have no wildcard or as many as the field (%d)", cv.Func, cv.Field, cv.As, field.Stars())
				continue
			}
			conv.as = &as
		}
		st.convs = append(st.convs, conv)
	}
	if len(c.Conversions) == 0 {
		e.addf(c.Loc, "convert needs at least one conversion, such as ctime(field)")
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *convertStage) name() string   { return "convert" }
func (s *convertStage) span() ast.Span { return s.loc }

func (s *convertStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	out := &rowSet{fields: append([]string(nil), in.fields...), rows: in.rows}
	for _, cv := range s.convs {
		type job struct{ src, dst int }
		var jobs []job
		for i, f := range out.fields {
			caps, ok := cv.field.Capture(f)
			if !ok || s.excluded(f) {
				continue
			}
			dst := i
			if cv.as != nil {
				name := cv.as.Expand(caps)
				dst = out.index(name)
				if dst < 0 {
					out.fields = append(out.fields, name)
					dst = len(out.fields) - 1
					for k := range out.rows {
						out.rows[k] = append(out.rows[k], Null())
					}
				}
			}
			jobs = append(jobs, job{i, dst})
		}
		for k, row := range out.rows {
			if k%checkEvery == checkEvery-1 {
				if err := ctx.Err(); err != nil {
					return nil, 0, err
				}
			}
			for _, j := range jobs {
				row[j.dst] = s.convert(cv.fn, row[j.src])
			}
		}
	}
	return out, len(in.rows), nil
}

func (s *convertStage) excluded(field string) bool {
	for _, g := range s.exclude {
		if g.Match(field) {
			return true
		}
	}
	return false
}

// convert applies fn to v, value by value for a multivalue; values fn
// cannot convert stay as they are (num: become null).
func (s *convertStage) convert(fn string, v Value) Value {
	switch v.k {
	case kindNull:
		return v
	case kindMulti:
		out := make([]string, 0, len(v.mv))
		for _, x := range v.mv {
			if r := s.convert(fn, Str(x)); !r.IsNull() {
				out = append(out, r.String())
			}
		}
		return Multi(out...)
	}
	switch fn {
	case "ctime":
		if f, ok := v.Float(); ok {
			return Str(timefmt.Strftime(f, s.format, s.loc2))
		}
	case "mktime":
		if v.k == kindNum {
			return v
		}
		if f, ok := timefmt.Strptime(v.s, s.format, s.loc2); ok {
			return Num(f)
		}
	case "dur2sec":
		if f, ok := dur2sec(v.String()); ok {
			return Num(f)
		}
	case "num":
		if v.k == kindNum {
			return v
		}
		if f, ok := parseNumber(strings.ReplaceAll(v.s, ",", "")); ok {
			return Num(f)
		}
		return Null()
	case "rmcomma":
		if v.k == kindStr {
			return Str(strings.ReplaceAll(v.s, ",", ""))
		}
	}
	return v
}

// dur2sec reads "[D+]HH:MM:SS" (seconds may have a fraction; MM:SS and SS
// alone are accepted too) as seconds.
func dur2sec(s string) (float64, bool) {
	days := 0.0
	if d, rest, ok := strings.Cut(s, "+"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 {
			return 0, false
		}
		days, s = float64(n), rest
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 || s == "" {
		return 0, false
	}
	total := 0.0
	for i, p := range parts {
		var f float64
		if i == len(parts)-1 {
			v, ok := parseNumber(p)
			if !ok || v < 0 {
				return 0, false
			}
			f = v
		} else {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 {
				return 0, false
			}
			f = float64(n)
		}
		total = total*60 + f
	}
	return days*86400 + total, true
}
