package timefmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// RelativeTime applies a Splunk relative time specifier to the epoch time
// t in loc [D S-timemod, "Specify time modifiers in your search"]:
//
//	now                    t itself
//	[+|-]<n><unit>         add or subtract n units (n defaults to 1)
//	@<unit>                snap down to the start of the unit
//	@w0 .. @w7             snap to the latest Sunday (w0, w7), Monday (w1), ...
//
// Offsets and snaps may follow one another (-7d@w0, @d+8h, -1mon@mon).
// Units: s sec secs second seconds, m min mins minute minutes, h hr hrs
// hour hours, d day days, w week weeks, mon month months, q qtr qtrs
// quarter quarters, y yr yrs year years. Days, weeks, months, quarters and
// years are calendar units in loc (UTC when nil); the others are fixed
// lengths.
func RelativeTime(t float64, spec string, loc *time.Location) (float64, error) {
	if loc == nil {
		loc = time.UTC
	}
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "now" {
		return t, nil
	}
	sec := math.Floor(t)
	frac := t - sec
	tm := time.Unix(int64(sec), 0).In(loc)
	i := 0
	for i < len(spec) {
		switch c := spec[i]; {
		case c == '+' || c == '-':
			j := i + 1
			for j < len(spec) && '0' <= spec[j] && spec[j] <= '9' {
				j++
			}
			n := 1
			if j > i+1 {
				v, err := strconv.Atoi(spec[i+1 : j])
				if err != nil {
					return 0, fmt.Errorf("bad relative time %q", spec)
				}
				n = v
			}
			if c == '-' {
				n = -n
			}
			k := j
			for k < len(spec) && isLetter(spec[k]) {
				k++
			}
			u := timeUnit(spec[j:k])
			if u == "" {
				return 0, fmt.Errorf("bad relative time %q: unknown unit %q", spec, spec[j:k])
			}
			tm = addUnits(tm, n, u)
			i = k
		case c == '@':
			j := i + 1
			for j < len(spec) && (isLetter(spec[j]) || ('0' <= spec[j] && spec[j] <= '9' && j > i+1)) {
				j++
			}
			unit := spec[i+1 : j]
			var ok bool
			if tm, ok = snap(tm, unit); !ok {
				return 0, fmt.Errorf("bad relative time %q: cannot snap to %q", spec, unit)
			}
			frac = 0
			i = j
		default:
			return 0, fmt.Errorf("bad relative time %q", spec)
		}
	}
	return float64(tm.Unix()) + frac, nil
}

func isLetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

// timeUnit returns the canonical unit (s, m, h, d, w, mon, q, y) or "".
func timeUnit(u string) string {
	switch strings.ToLower(u) {
	case "s", "sec", "secs", "second", "seconds":
		return "s"
	case "m", "min", "mins", "minute", "minutes":
		return "m"
	case "h", "hr", "hrs", "hour", "hours":
		return "h"
	case "d", "day", "days":
		return "d"
	case "w", "week", "weeks":
		return "w"
	case "mon", "month", "months":
		return "mon"
	case "q", "qtr", "qtrs", "quarter", "quarters":
		return "q"
	case "y", "yr", "yrs", "year", "years":
		return "y"
	}
	return ""
}

func addUnits(tm time.Time, n int, u string) time.Time {
	switch u {
	case "s":
		return tm.Add(time.Duration(n) * time.Second)
	case "m":
		return tm.Add(time.Duration(n) * time.Minute)
	case "h":
		return tm.Add(time.Duration(n) * time.Hour)
	case "d":
		return tm.AddDate(0, 0, n)
	case "w":
		return tm.AddDate(0, 0, 7*n)
	case "mon":
		return tm.AddDate(0, n, 0)
	case "q":
		return tm.AddDate(0, 3*n, 0)
	}
	return tm.AddDate(n, 0, 0)
}

// snap rounds tm down to the start of unit.
func snap(tm time.Time, unit string) (time.Time, bool) {
	y, mo, d := tm.Date()
	loc := tm.Location()
	lu := strings.ToLower(unit)
	if len(lu) == 2 && lu[0] == 'w' && '0' <= lu[1] && lu[1] <= '7' {
		want := int(lu[1]-'0') % 7
		day := time.Date(y, mo, d, 0, 0, 0, 0, loc)
		back := (int(day.Weekday()) - want + 7) % 7
		return day.AddDate(0, 0, -back), true
	}
	switch timeUnit(lu) {
	case "s":
		return tm.Truncate(time.Second), true
	case "m":
		return time.Date(y, mo, d, tm.Hour(), tm.Minute(), 0, 0, loc), true
	case "h":
		return time.Date(y, mo, d, tm.Hour(), 0, 0, 0, loc), true
	case "d":
		return time.Date(y, mo, d, 0, 0, 0, 0, loc), true
	case "w":
		return snap(tm, "w0")
	case "mon":
		return time.Date(y, mo, 1, 0, 0, 0, 0, loc), true
	case "q":
		return time.Date(y, ((mo-1)/3)*3+1, 1, 0, 0, 0, 0, loc), true
	case "y":
		return time.Date(y, 1, 1, 0, 0, 0, 0, loc), true
	}
	return tm, false
}
