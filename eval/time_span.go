package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// timeSpan is a time span of bin, timechart and tstats [D S-bin: "<span-
// length>: <int>[<timescale>]", timescales <sec> s, <min> m, <hr> h,
// <day> d, <week> w, <month> mon, <quarter> q, <year> y and <subseconds>
// us, ms, cs, ds]. Exactly one of secs and months is set:
//
//   - secs: a fixed width in seconds; bins are aligned to multiples of the
//     width since the epoch, shifted to midnight in the search's time zone
//     (binTime). Weeks are 7 days aligned so [U: Splunk documents no week
//     start for span=1w; epoch alignment makes weeks start on Thursday];
//   - months (mon = 1, q = 3, y = 12): calendar bins starting at 00:00 on
//     the first day of a month in the search's time zone [I: calendar
//     months, as Splunk's month bins are; their alignment for several
//     months is undocumented, U], the months counted from January of
//     year 0, so 3mon bins start in January, April, July and October and
//     1y bins on January 1st.
type timeSpan struct {
	secs   float64
	months int
}

// parseTimeSpan reads a span: an optional positive integer (a decimal for
// subsecond units) and a timescale.
func parseTimeSpan(s string) (timeSpan, error) {
	i := 0
	for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '.') {
		i++
	}
	n := 1.0
	if i > 0 {
		v, err := strconv.ParseFloat(s[:i], 64)
		if err != nil || v <= 0 {
			return timeSpan{}, fmt.Errorf("the count must be a positive number")
		}
		n = v
	}
	unit := strings.ToLower(s[i:])
	months := 0
	var secs float64
	switch unit {
	case "s", "sec", "secs", "second", "seconds":
		secs = 1
	case "m", "min", "mins", "minute", "minutes":
		secs = 60
	case "h", "hr", "hrs", "hour", "hours":
		secs = 3600
	case "d", "day", "days":
		secs = 86400
	case "w", "week", "weeks":
		secs = 7 * 86400
	case "us":
		secs = 1e-6
	case "ms":
		secs = 1e-3
	case "cs":
		secs = 1e-2
	case "ds":
		secs = 1e-1
	case "mon", "month", "months":
		months = 1
	case "q", "qtr", "qtrs", "quarter", "quarters":
		months = 3
	case "y", "yr", "yrs", "year", "years":
		months = 12
	case "":
		return timeSpan{}, fmt.Errorf("missing unit (s, m, h, d, w, mon, q, y)")
	default:
		return timeSpan{}, fmt.Errorf("unit %q is not a time unit (s, m, h, d, w, mon, q, y, ms, us, cs, ds)", s[i:])
	}
	if months > 0 {
		if n != math.Trunc(n) {
			return timeSpan{}, fmt.Errorf("a month span needs a whole number")
		}
		return timeSpan{months: months * int(n)}, nil
	}
	if secs >= 1 && n != math.Trunc(n) {
		return timeSpan{}, fmt.Errorf("the count must be a positive integer")
	}
	return timeSpan{secs: n * secs}, nil
}

// floor returns the start of the bin holding t.
func (ts timeSpan) floor(t float64, loc *time.Location) float64 {
	if ts.months == 0 {
		return binTime(t, ts.secs, loc)
	}
	tm := time.Unix(int64(math.Floor(t)), 0).In(loc)
	m := tm.Year()*12 + int(tm.Month()) - 1
	m -= ((m % ts.months) + ts.months) % ts.months
	return float64(time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, loc).Unix())
}

// next returns the start of the bin after the one starting at b.
func (ts timeSpan) next(b float64, loc *time.Location) float64 {
	if ts.months == 0 {
		return binTime(b+ts.secs+ts.secs/2, ts.secs, loc)
	}
	tm := time.Unix(int64(b), 0).In(loc)
	return float64(time.Date(tm.Year(), tm.Month()+time.Month(ts.months), 1, 0, 0, 0, 0, loc).Unix())
}

// width is the length in seconds of the bin starting at b (_span).
func (ts timeSpan) width(b float64, loc *time.Location) float64 {
	if ts.months == 0 {
		return ts.secs
	}
	return ts.next(b, loc) - b
}
