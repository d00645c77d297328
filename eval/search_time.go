package eval

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/timefmt"
)

// Time modifiers in the search command [D S-timemod, "Specify time
// modifiers in your search"; S-search]:
//
//	earliest=<time>   keep events with _time >= <time>
//	latest=<time>     keep events with _time <  <time> (latest is exclusive)
//
// They are time bounds on _time, not field comparisons: a record never has
// a field called earliest. <time> is, in the search's clock (Options.Now)
// and zone (Options.Location):
//
//   - a relative time specifier: now, -24h, -7d@d, @w0, +1d@h, -1mon@mon
//     (timefmt.RelativeTime, shared with eval's relative_time); a leading "rt" (a
//     real-time window, rt-5m) is read as the same relative time [I];
//   - an absolute time in Splunk's default format %m/%d/%Y:%H:%M:%S
//     (10/19/2023:00:00:00), also without the time (%m/%d/%Y, midnight) [D];
//   - epoch seconds (1700000000, 1700000000.5; 0 means "all time") [D].
//
// Decisions [U: the docs only show time modifiers at the top level of a
// search]: a time modifier applies to the whole search command wherever it
// is written, also inside parentheses, OR or NOT (Splunk lifts them out of
// the boolean expression into the search's time range); several earliest=
// (or latest=) narrow the range together (the latest earliest, the
// earliest latest). They apply in any search command, also after the first
// pipe, where they bound rows by _time; a row without a numeric _time never
// falls inside a bound. The index-time modifiers _index_earliest and
// _index_latest are accepted and ignored (local events have no index
// time); earliest_time/latest_time are not modifiers (they are ordinary
// field names).
type timeBounds struct {
	earliest, latest       float64
	hasEarliest, hasLatest bool
}

// isTimeModifier reports whether a search comparison is a time modifier.
func isTimeModifier(c *ast.SearchCompare) bool {
	switch c.Field {
	case "earliest", "latest", "_index_earliest", "_index_latest":
		return true
	}
	return false
}

// add records the time modifier c; it reports a positioned error for a
// value that is not a time or an operator other than '='.
func (b *timeBounds) add(c *ast.SearchCompare, opts *Options, e *errs) {
	if c.Op != ast.OpEq {
		e.addf(c.Loc, "time modifier %s takes '=', not %q", c.Field, string(c.Op))
		return
	}
	t, err := parseSearchTime(c.Value.Value(), opts)
	if err != nil {
		e.addf(c.Loc, "%s=%s: %v", c.Field, c.Value.Value(), err)
		return
	}
	switch c.Field {
	case "earliest":
		if !b.hasEarliest || t > b.earliest {
			b.earliest = t
		}
		b.hasEarliest = true
	case "latest":
		if !b.hasLatest || t < b.latest {
			b.latest = t
		}
		b.hasLatest = true
	}
	// _index_earliest, _index_latest: checked above, otherwise ignored.
}

// active reports whether any bound applies.
func (b *timeBounds) active() bool { return b.hasEarliest || b.hasLatest }

// contains reports whether the event time t is inside the bounds.
func (b *timeBounds) contains(t float64) bool {
	if math.IsNaN(t) {
		return false
	}
	return (!b.hasEarliest || t >= b.earliest) && (!b.hasLatest || t < b.latest)
}

// containsValue is contains for a row's _time value.
func (b *timeBounds) containsValue(v Value) bool {
	f, ok := v.Float()
	return ok && !v.IsMulti() && b.contains(f)
}

// absoluteTimeLayouts are the absolute forms earliest/latest accept
// (%m/%d/%Y:%H:%M:%S and %m/%d/%Y as Go layouts, which also reject
// out-of-range months, days and hours).
var absoluteTimeLayouts = []string{"1/2/2006:15:04:05", "1/2/2006"}

// parseSearchTime resolves a time modifier's value to epoch seconds.
func parseSearchTime(v string, opts *Options) (float64, error) {
	s := strings.TrimSpace(v)
	if s == "" {
		return 0, fmt.Errorf("empty time")
	}
	if f, ok := parseNumber(s); ok && s[0] != '-' && s[0] != '+' {
		return f, nil
	}
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	if strings.Contains(s, "/") {
		for _, l := range absoluteTimeLayouts {
			if t, err := time.ParseInLocation(l, s, loc); err == nil {
				return float64(t.Unix()), nil
			}
		}
		return 0, fmt.Errorf("not a time: expected %%m/%%d/%%Y:%%H:%%M:%%S, a relative time (-24h, -7d@d, now) or epoch seconds")
	}
	s = strings.TrimPrefix(strings.ToLower(s), "rt")
	now := float64(opts.Now.UnixMicro()) / 1e6
	return timefmt.RelativeTime(now, s, loc)
}
