package eval

import (
	"time"

	"github.com/spelunk-dev/spelunk/internal/timefmt"
)

// Date and time functions [D S-dtfunc]. Times are epoch seconds; strftime
// and strptime work in Options.Location (UTC by default).
var timeFuncs = map[string]*funcSpec{
	// now(): the search's start time, Options.Now, whole seconds [D].
	"now": {min: 0, max: 0, ret: tNum, ctx: func(c *ectx, _ []Value) Value {
		return Num(float64(c.opts.Now.Unix()))
	}},
	// time(): the wall clock when the row is evaluated, microseconds [D].
	"time": {min: 0, max: 0, ret: tNum, ctx: func(*ectx, []Value) Value {
		return Num(float64(time.Now().UnixMicro()) / 1e6)
	}},
	// strftime(t, format): null when t is not a number [D].
	"strftime": {min: 2, max: 2, ret: tStr, ctx: func(c *ectx, a []Value) Value {
		t, ok := toNum(first(a[0]))
		if !ok || a[1].k == kindNull {
			return Null()
		}
		return Str(timefmt.Strftime(t, first(a[1]).String(), c.opts.Location))
	}},
	// strptime(s, format): epoch seconds, null when s does not fit [D].
	"strptime": {min: 2, max: 2, ret: tNum, ctx: func(c *ectx, a []Value) Value {
		if a[0].k == kindNull || a[1].k == kindNull {
			return Null()
		}
		t, ok := timefmt.Strptime(first(a[0]).String(), first(a[1]).String(), c.opts.Location)
		if !ok {
			return Null()
		}
		return Num(t)
	}},
	// relative_time(t, spec): timefmt.RelativeTime; null on a bad specifier [D].
	"relative_time": {min: 2, max: 2, ret: tNum, ctx: func(c *ectx, a []Value) Value {
		t, ok := toNum(first(a[0]))
		if !ok || a[1].k == kindNull {
			return Null()
		}
		r, err := timefmt.RelativeTime(t, first(a[1]).String(), c.opts.Location)
		if err != nil {
			return Null()
		}
		return Num(r)
	}},
}
