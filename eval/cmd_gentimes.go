package eval

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
)

// gentimesStage is `| gentimes start=<timestamp> [end=<timestamp>]
// [increment=<int>(s|m|h|d)]` [D S-gentimes: "Generates timestamp results
// starting with the exact time specified as start time. Each result
// describes an adjacent, non-overlapping time range as indicated by the
// increment value"; a timestamp is MM/DD/YYYY[:HH:MM:SS] or an integer,
// days relative to today (-30: 30 days ago); end defaults to midnight
// before now; increment defaults to 1d; output starttime, endtime,
// starthuman, endhuman]:
//
//   - times are read and shown in Options.Location; a relative start or
//     end is midnight of that day [I];
//   - each range is [t, t+increment-1] in whole seconds, ranges ascending
//     while t < end [U: whether a range may pass end];
//   - starthuman/endhuman read like "Sat Oct 1 00:00:00 2016" (weekday,
//     month, day without padding, time, year) [U: the format is shown
//     only in examples].
type gentimesStage struct {
	loc        ast.Span
	start, end string
	endSet     bool
	increment  int64
}

// gentimesMax bounds the ranges one gentimes makes.
const gentimesMax = 1_000_000

func compileGentimes(c *ast.SimpleCommand, e *errs) stage {
	st := &gentimesStage{loc: c.Loc, increment: 86400}
	nerr := len(e.list)
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "start":
			st.start = v
		case "end":
			st.end, st.endSet = v, true
		case "increment":
			n, ok := parseIncrement(v)
			if !ok {
				e.addf(o.Loc, "gentimes increment=%s: want a positive number followed by s, m, h or d", v)
			}
			st.increment = n
		default:
			e.addf(o.Loc, "unknown gentimes option %q", o.Key)
		}
	}
	if len(c.Args) > 0 {
		e.addf(c.Loc, "gentimes takes start=, end= and increment=, not %q", c.Args[0].Value())
	}
	if st.start == "" {
		e.addf(c.Loc, "gentimes needs start=")
	}
	for _, v := range []string{st.start, st.end} {
		if _, ok := gentimesTime(v, time.Now(), time.UTC); v != "" && !ok {
			e.addf(c.Loc, "gentimes: %q is not MM/DD/YYYY[:HH:MM:SS] or a number of days", v)
		}
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

// parseIncrement reads <int>[s|m|h|d] (seconds without a unit [U]).
func parseIncrement(v string) (int64, bool) {
	unit := int64(1)
	switch {
	case strings.HasSuffix(v, "s"):
		v = v[:len(v)-1]
	case strings.HasSuffix(v, "m"):
		unit, v = 60, v[:len(v)-1]
	case strings.HasSuffix(v, "h"):
		unit, v = 3600, v[:len(v)-1]
	case strings.HasSuffix(v, "d"):
		unit, v = 86400, v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > 1<<40/unit {
		return 0, false
	}
	return n * unit, true
}

// gentimesTime reads a gentimes timestamp in loc; an integer is midnight
// of today (in loc, at now) plus that many days.
func gentimesTime(v string, now time.Time, loc *time.Location) (time.Time, bool) {
	if n, err := strconv.Atoi(v); err == nil {
		y, m, d := now.In(loc).Date()
		return time.Date(y, m, d+n, 0, 0, 0, 0, loc), true
	}
	for _, layout := range []string{"01/02/2006:15:04:05", "1/2/2006:15:04:05", "01/02/2006", "1/2/2006"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (s *gentimesStage) name() string   { return "gentimes" }
func (s *gentimesStage) span() ast.Span { return s.loc }
func (*gentimesStage) generates()       {}

func (s *gentimesStage) run(ctx context.Context, env *runEnv, _ *rowSet) (*rowSet, int, error) {
	loc := env.loc
	if loc == nil {
		loc = time.UTC
	}
	now := env.opts.Now
	start, _ := gentimesTime(s.start, now, loc)
	end := func() time.Time {
		y, m, d := now.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}()
	if s.endSet {
		end, _ = gentimesTime(s.end, now, loc)
	}
	out := &rowSet{fields: []string{"starttime", "endtime", "starthuman", "endhuman"}}
	tk := &ticker{ctx: ctx}
	human := func(t int64) Value { return Str(time.Unix(t, 0).In(loc).Format("Mon Jan 2 15:04:05 2006")) }
	for t := start.Unix(); t < end.Unix(); t += s.increment {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		if len(out.rows) >= min(env.maxRows, gentimesMax) {
			return nil, 0, limitAt(s.loc, "gentimes makes more than the limit of %d rows", min(env.maxRows, gentimesMax))
		}
		e := t + s.increment - 1
		out.rows = append(out.rows, Row{Num(float64(t)), Num(float64(e)), human(t), human(e)})
	}
	return out, 0, nil
}
