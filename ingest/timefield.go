package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// clock is how a parser reads event times: Options.TimeField, TimeFormat
// and InputTZ compiled.
type clock struct {
	field  string         // "" : each reader's own time fields
	layout string         // Go layout of TimeFormat ("" : the default formats)
	epoch  bool           // TimeFormat %s: epoch seconds
	loc    *time.Location // zone of times written without one
}

// defaultTimeFields are the fields the JSON and CSV readers take _time
// from, the first that exists and reads: Sysmon's UtcTime (always UTC),
// @timestamp (Winlogbeat, ECS), _time, timestamp, time, and TimeCreated
// (PowerShell's Get-WinEvent exports, as "/Date(1589324432123)/", RFC 3339
// or "5/12/2020 10:20:32 PM"; also TimeCreated.SystemTime and SystemTime).
var defaultTimeFields = []string{"UtcTime", "@timestamp", "_time", "timestamp", "time", "TimeCreated", "TimeCreated.SystemTime", "SystemTime"}

// newClock checks and compiles the time options; nil when all are empty.
func newClock(field, format, tz string) (*clock, error) {
	if field == "" && format == "" && tz == "" {
		return nil, nil
	}
	c := &clock{field: field, loc: time.UTC}
	if tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("time zone %q: %v", tz, err)
		}
		c.loc = loc
	}
	if format != "" {
		layout, epoch, err := timeLayout(format)
		if err != nil {
			return nil, err
		}
		c.layout, c.epoch = layout, epoch
	}
	return c, nil
}

// location is the zone of times written without one (UTC by default).
func (c *clock) location() *time.Location {
	if c == nil {
		return time.UTC
	}
	return c.loc
}

// parse reads the value v of field name: with TimeFormat first, then the
// default formats (parseTimestampIn). UtcTime is always UTC.
func (c *clock) parse(name, v string) (float64, bool) {
	loc := c.location()
	if name == "UtcTime" {
		loc = time.UTC
	}
	if c != nil {
		switch {
		case c.epoch:
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				return f, true
			}
		case c.layout != "":
			if t, err := time.ParseInLocation(c.layout, strings.TrimSpace(v), loc); err == nil {
				return epoch(t), true
			}
		}
	}
	return parseTimestampIn(v, loc)
}

// eventTime sets ev.Time from the first of names that ev has and that
// reads as a time with c (see clock.parse); false when none does.
func (p *parser) eventTime(ev *Event, c *clock, names []string) bool {
	for _, name := range names {
		if v, ok := ev.Get(name); ok {
			if t, ok := c.parse(name, v); ok {
				ev.Time = t
				return true
			}
		}
	}
	return false
}

// timeField applies Options.TimeField, else the first mappings time rule
// that holds, to a parsed event: the field's time replaces the reader's;
// an event without it, or whose value does not read, keeps the reader's
// time and is counted.
func (p *parser) timeField(ev *Event) {
	if p.clock != nil && p.clock.field != "" {
		if !p.eventTime(ev, p.clock, []string{p.clock.field}) {
			p.noTimeField++
		}
		return
	}
	if p.know == nil {
		return
	}
	for _, tr := range p.know.maps.Times {
		if !holdsAll(tr.Match, ev) {
			continue
		}
		if !p.eventTime(ev, tr.clock, tr.Field) {
			p.noTimeField++
		}
		return
	}
}

// parseTimestampIn reads RFC 3339, epoch seconds, .NET JSON dates
// ("/Date(1589324432123)/", "/Date(1589324432123+0200)/"), or a zone-less
// "2006-01-02 15:04:05[.fff]", "2006-01-02T15:04:05[.fff]", "1/2/2006
// 3:04:05 PM" or "1/2/2006 15:04:05" read in loc. It looks at the value's
// shape first, so that a value is parsed once, not tried against every
// layout (each failed parse allocates its error).
func parseTimestampIn(s string, loc *time.Location) (float64, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, false
	case isNumber(s):
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f, true
		}
		return 0, false
	case strings.HasPrefix(s, "/Date("):
		ms, ok := strings.CutSuffix(s[len("/Date("):], ")/")
		if !ok {
			return 0, false
		}
		if i := strings.LastIndexAny(ms, "+-"); i > 0 {
			ms = ms[:i] // the zone says how to show it, not when it was
		}
		if n, err := strconv.ParseInt(ms, 10, 64); err == nil {
			return float64(n) / 1000, true
		}
		return 0, false
	case len(s) >= 19 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' '):
		// ISO 8601: with a zone (RFC 3339), or without (in loc)
		last := s[len(s)-1]
		if last == 'Z' || last == 'z' || strings.LastIndexAny(s[10:], "+-") > 0 {
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				return epoch(t), true
			}
			if t, err := time.Parse("2006-01-02 15:04:05.999999999Z07:00", s); err == nil {
				return epoch(t), true
			}
			return 0, false
		}
		layout := "2006-01-02 15:04:05.999999999"
		if s[10] == 'T' {
			layout = "2006-01-02T15:04:05.999999999"
		}
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return epoch(t), true
		}
	case strings.IndexByte(s, '/') > 0:
		layout := "1/2/2006 15:04:05"
		if strings.HasSuffix(s, "M") {
			layout = "1/2/2006 3:04:05 PM"
		}
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return epoch(t), true
		}
	}
	return 0, false
}

// isNumber reports whether s may be a number (digits, sign, dot,
// exponent).
func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}

// timeLayout turns Options.TimeFormat into a Go layout: a format with a %
// is strptime-style, as Splunk's TIME_FORMAT (%Y %y %m %d %e %j %H %I %M
// %S %p %b %h %B %a %A %z %:z %Z %T %F %D, %N %3N %6N %9N and %f for the
// fraction after a literal "." or ",", %s for epoch seconds alone, %%);
// anything else is a Go layout ("2006-01-02 15:04:05").
func timeLayout(format string) (layout string, epoch bool, err error) {
	if !strings.Contains(format, "%") {
		return format, false, nil
	}
	if format == "%s" {
		return "", true, nil
	}
	var sb strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			sb.WriteByte(c)
			continue
		}
		i++
		if i >= len(format) {
			return "", false, fmt.Errorf("time format %q: ends with %%", format)
		}
		spec := string(format[i])
		switch format[i] {
		case ':', '3', '6', '9':
			if i+1 < len(format) {
				spec = format[i : i+2]
				i++
			}
		}
		var out string
		switch spec {
		case "Y":
			out = "2006"
		case "y":
			out = "06"
		case "m":
			out = "01"
		case "d":
			out = "02"
		case "e":
			out = "_2"
		case "j":
			out = "002"
		case "H":
			out = "15"
		case "I":
			out = "03"
		case "M":
			out = "04"
		case "S":
			out = "05"
		case "p":
			out = "PM"
		case "b", "h":
			out = "Jan"
		case "B":
			out = "January"
		case "a":
			out = "Mon"
		case "A":
			out = "Monday"
		case "z":
			out = "-0700"
		case ":z":
			out = "-07:00"
		case "Z":
			out = "MST"
		case "T":
			out = "15:04:05"
		case "F":
			out = "2006-01-02"
		case "D":
			out = "01/02/06"
		case "N", "9N":
			out = "000000000"
		case "3N":
			out = "000"
		case "6N", "f":
			out = "000000"
		case "%":
			out = "%"
		default:
			return "", false, fmt.Errorf("time format %q: %%%s not supported", format, spec)
		}
		sb.WriteString(out)
	}
	return sb.String(), false, nil
}
