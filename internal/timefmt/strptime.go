package timefmt

import (
	"strings"
	"time"
)

// Strptime parses s with Splunk's time format variables (the subset
// Strftime documents, for convert mktime) and returns epoch seconds. Fields
// the format does not give default to 1970-01-01 00:00:00; times without a
// zone (%z) are read in loc (UTC when nil). Parsing must consume all of s.
func Strptime(s, format string, loc *time.Location) (float64, bool) {
	if loc == nil {
		loc = time.UTC
	}
	p := &timeParser{s: s, year: 1970, month: 1, day: 1, loc: loc}
	if !p.parse(format) || p.i != len(p.s) {
		return 0, false
	}
	if p.epochSet {
		return p.epoch, true
	}
	h := p.hour
	if p.pm != 0 {
		h %= 12
		if p.pm == 2 {
			h += 12
		}
	}
	tm := time.Date(p.year, time.Month(p.month), p.day, h, p.min, p.sec, p.ns, p.loc)
	if p.yday > 0 {
		tm = time.Date(p.year, 1, p.yday, h, p.min, p.sec, p.ns, p.loc)
	}
	return float64(tm.Unix()) + float64(tm.Nanosecond())/1e9, true
}

type timeParser struct {
	s                      string
	i                      int
	year, month, day, yday int
	hour, min, sec, ns     int
	pm                     int // 0 none, 1 AM, 2 PM
	loc                    *time.Location
	epoch                  float64
	epochSet               bool
}

func (p *timeParser) parse(format string) bool {
	for k := 0; k < len(format); k++ {
		c := format[k]
		if c != '%' || k+1 == len(format) {
			if c == ' ' {
				for p.i < len(p.s) && p.s[p.i] == ' ' {
					p.i++
				}
				continue
			}
			if p.i >= len(p.s) || p.s[p.i] != c {
				return false
			}
			p.i++
			continue
		}
		k++
		width := 0
		for k < len(format) && '0' <= format[k] && format[k] <= '9' {
			width = width*10 + int(format[k]-'0')
			k++
		}
		for k < len(format) && format[k] == ':' { // %:z
			k++
		}
		if k == len(format) || !p.directive(format[k], width) {
			return false
		}
	}
	return true
}

func (p *timeParser) num(maxDigits int, dst *int) bool {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
	neg := false
	if p.i < len(p.s) && (p.s[p.i] == '-' || p.s[p.i] == '+') && maxDigits > 4 {
		neg = p.s[p.i] == '-'
		p.i++
	}
	start, n := p.i, 0
	for p.i < len(p.s) && p.i-start < maxDigits && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		n = n*10 + int(p.s[p.i]-'0')
		p.i++
	}
	if p.i == start {
		return false
	}
	if neg {
		n = -n
	}
	*dst = n
	return true
}

func (p *timeParser) name(names func(int) string, count int, dst *int) bool {
	rest := strings.ToLower(p.s[p.i:])
	for k := 0; k < count; k++ {
		full := strings.ToLower(names(k))
		for _, cand := range []string{full, full[:3]} {
			if strings.HasPrefix(rest, cand) {
				p.i += len(cand)
				if dst != nil {
					*dst = k
				}
				return true
			}
		}
	}
	return false
}

func (p *timeParser) directive(d byte, width int) bool {
	switch d {
	case 'Y':
		return p.num(4, &p.year)
	case 'y':
		var y int
		if !p.num(2, &y) {
			return false
		}
		if y < 69 {
			p.year = 2000 + y
		} else {
			p.year = 1900 + y
		}
		return true
	case 'm':
		return p.num(2, &p.month)
	case 'd', 'e':
		return p.num(2, &p.day)
	case 'j':
		return p.num(3, &p.yday)
	case 'H', 'k', 'I', 'l':
		return p.num(2, &p.hour)
	case 'M':
		return p.num(2, &p.min)
	case 'S':
		return p.num(2, &p.sec)
	case 'p':
		rest := strings.ToUpper(p.s[p.i:])
		switch {
		case strings.HasPrefix(rest, "AM"):
			p.pm = 1
		case strings.HasPrefix(rest, "PM"):
			p.pm = 2
		default:
			return false
		}
		p.i += 2
		return true
	case 'N', 'Q', 'f':
		start := p.i
		for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' && (width == 0 || p.i-start < width) {
			p.i++
		}
		digits := p.s[start:p.i]
		if digits == "" {
			return false
		}
		for len(digits) < 9 {
			digits += "0"
		}
		n := 0
		for _, c := range digits[:9] {
			n = n*10 + int(c-'0')
		}
		p.ns = n
		return true
	case 's':
		var n int
		if !p.num(18, &n) {
			return false
		}
		p.epoch, p.epochSet = float64(n), true
		return true
	case 'T':
		return p.parse("%H:%M:%S")
	case 'F':
		return p.parse("%Y-%m-%d")
	case 'D', 'x':
		return p.parse("%m/%d/%y")
	case 'R':
		return p.parse("%H:%M")
	case 'X':
		return p.parse("%H:%M:%S")
	case 'c':
		return p.parse("%a %b %e %H:%M:%S %Y")
	case 'b', 'h', 'B':
		var m int
		if !p.name(func(k int) string { return time.Month(k + 1).String() }, 12, &m) {
			return false
		}
		p.month = m + 1
		return true
	case 'a', 'A':
		return p.name(func(k int) string { return time.Weekday(k).String() }, 7, nil)
	case 'Z':
		start := p.i
		for p.i < len(p.s) && ('A' <= p.s[p.i] && p.s[p.i] <= 'Z' || 'a' <= p.s[p.i] && p.s[p.i] <= 'z') {
			p.i++
		}
		if p.s[start:p.i] == "UTC" || p.s[start:p.i] == "GMT" || p.s[start:p.i] == "Z" {
			p.loc = time.UTC
		}
		return p.i > start
	case 'z':
		if p.i < len(p.s) && p.s[p.i] == 'Z' {
			p.i++
			p.loc = time.UTC
			return true
		}
		if p.i >= len(p.s) || (p.s[p.i] != '+' && p.s[p.i] != '-') {
			return false
		}
		sign := 1
		if p.s[p.i] == '-' {
			sign = -1
		}
		p.i++
		var h, m int
		if !p.num(2, &h) {
			return false
		}
		if p.i < len(p.s) && p.s[p.i] == ':' {
			p.i++
		}
		if p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' && !p.num(2, &m) {
			return false
		}
		p.loc = time.FixedZone("", sign*(h*3600+m*60))
		return true
	case '%':
		if p.i < len(p.s) && p.s[p.i] == '%' {
			p.i++
			return true
		}
		return false
	case 'n', 't':
		for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
			p.i++
		}
		return true
	}
	return false
}
