package timefmt

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Strftime formats the epoch time t (seconds, may carry a fraction) with
// Splunk's time format variables [D S-timevars] in loc. Directives:
//
//	%Y %y %C       year, 2-digit year, century
//	%m %d %e       month, day, day padded with a space
//	%j             day of year 001-366
//	%H %k %I %l %p hour 00-23, hour space-padded, hour 01-12, 01-12 space-padded, AM/PM
//	%M %S          minute, second (fractions truncated, never rounded)
//	%N %3N %6N %9N subsecond digits (default 9); %Q %3Q %6Q %9Q (default 3); %f microseconds
//	%s             epoch seconds
//	%T %F %D %R    %H:%M:%S, %Y-%m-%d, %m/%d/%y, %H:%M
//	%a %A %b %B %h short/long weekday, short/long month, %h = %b
//	%w %u          weekday 0-6 (Sunday 0), 1-7 (Monday 1)
//	%U %W %V %G    week of year (Sunday first, Monday first, ISO), ISO year
//	%Z %z %:z %::z %:::z   zone abbreviation, +hhmm, +hh:mm, +hh:mm:ss, +hh
//	%c %+ %x %X    C-locale date-time (Thu Jul 18 09:30:00 2019), with zone, %m/%d/%y, %H:%M:%S
//	%n %t %%       newline, tab, percent
//
// An unknown directive is copied as written. A nil loc is UTC.
func Strftime(t float64, format string, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return ""
	}
	sec := math.Floor(t)
	ns := int(math.Round((t - sec) * 1e9))
	if ns > 999_999_999 {
		ns = 999_999_999
	}
	tm := time.Unix(int64(sec), int64(ns)).In(loc)
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		width := 0
		for j < len(format) && '0' <= format[j] && format[j] <= '9' {
			width = width*10 + int(format[j]-'0')
			j++
		}
		colons := 0
		for j < len(format) && format[j] == ':' {
			colons++
			j++
		}
		if j == len(format) {
			b.WriteString(format[i:])
			break
		}
		if !writeDirective(&b, format[j], width, colons, tm, int64(sec)) {
			b.WriteString(format[i : j+1])
		}
		i = j
	}
	return b.String()
}

// writeDirective writes one directive; it reports false for an unknown one.
func writeDirective(b *strings.Builder, d byte, width, colons int, tm time.Time, epoch int64) bool {
	pad := func(n, w int, fill byte) {
		s := strconv.Itoa(n)
		for k := len(s); k < w; k++ {
			b.WriteByte(fill)
		}
		b.WriteString(s)
	}
	hour12 := tm.Hour() % 12
	if hour12 == 0 {
		hour12 = 12
	}
	if colons > 0 && d != 'z' {
		return false
	}
	switch d {
	case 'Y':
		pad(tm.Year(), 4, '0')
	case 'y':
		pad(tm.Year()%100, 2, '0')
	case 'C':
		pad(tm.Year()/100, 2, '0')
	case 'm':
		pad(int(tm.Month()), 2, '0')
	case 'd':
		pad(tm.Day(), 2, '0')
	case 'e':
		pad(tm.Day(), 2, ' ')
	case 'j':
		pad(tm.YearDay(), 3, '0')
	case 'H':
		pad(tm.Hour(), 2, '0')
	case 'k':
		pad(tm.Hour(), 2, ' ')
	case 'I':
		pad(hour12, 2, '0')
	case 'l':
		pad(hour12, 2, ' ')
	case 'p':
		if tm.Hour() < 12 {
			b.WriteString("AM")
		} else {
			b.WriteString("PM")
		}
	case 'M':
		pad(tm.Minute(), 2, '0')
	case 'S':
		pad(tm.Second(), 2, '0')
	case 'N':
		subsecond(b, tm.Nanosecond(), width, 9)
	case 'Q':
		subsecond(b, tm.Nanosecond(), width, 3)
	case 'f':
		subsecond(b, tm.Nanosecond(), 6, 6)
	case 's':
		b.WriteString(strconv.FormatInt(epoch, 10))
	case 'T':
		writeDirectives(b, "HMS", ':', tm, epoch)
	case 'F':
		writeDirectives(b, "Ymd", '-', tm, epoch)
	case 'D':
		writeDirectives(b, "mdy", '/', tm, epoch)
	case 'R':
		writeDirectives(b, "HM", ':', tm, epoch)
	case 'a':
		b.WriteString(tm.Weekday().String()[:3])
	case 'A':
		b.WriteString(tm.Weekday().String())
	case 'b', 'h':
		b.WriteString(tm.Month().String()[:3])
	case 'B':
		b.WriteString(tm.Month().String())
	case 'w':
		pad(int(tm.Weekday()), 1, '0')
	case 'u':
		wd := int(tm.Weekday())
		if wd == 0 {
			wd = 7
		}
		pad(wd, 1, '0')
	case 'U':
		pad((tm.YearDay()+6-int(tm.Weekday()))/7, 2, '0')
	case 'W':
		pad((tm.YearDay()+6-(int(tm.Weekday())+6)%7)/7, 2, '0')
	case 'V':
		_, wk := tm.ISOWeek()
		pad(wk, 2, '0')
	case 'G':
		yr, _ := tm.ISOWeek()
		pad(yr, 4, '0')
	case 'Z':
		name, _ := tm.Zone()
		b.WriteString(name)
	case 'z':
		writeOffset(b, tm, colons)
	case 'c':
		b.WriteString(strftimeTime(tm, "%a %b %e %H:%M:%S %Y", epoch))
	case '+':
		b.WriteString(strftimeTime(tm, "%a %b %e %H:%M:%S %Z %Y", epoch))
	case 'x':
		writeDirectives(b, "mdy", '/', tm, epoch)
	case 'X':
		writeDirectives(b, "HMS", ':', tm, epoch)
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case '%':
		b.WriteByte('%')
	default:
		return false
	}
	return true
}

// strftimeTime formats an already-zoned time (for composite directives).
func strftimeTime(tm time.Time, format string, epoch int64) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) {
			writeDirective(&b, format[i+1], 0, 0, tm, epoch)
			i++
			continue
		}
		b.WriteByte(format[i])
	}
	return b.String()
}

func writeDirectives(b *strings.Builder, ds string, sep byte, tm time.Time, epoch int64) {
	for i := 0; i < len(ds); i++ {
		if i > 0 {
			b.WriteByte(sep)
		}
		writeDirective(b, ds[i], 0, 0, tm, epoch)
	}
}

// subsecond writes the first width digits (default def) of the nanoseconds,
// truncated.
func subsecond(b *strings.Builder, ns, width, def int) {
	if width <= 0 {
		width = def
	}
	s := strconv.Itoa(ns)
	s = strings.Repeat("0", 9-len(s)) + s
	for len(s) < width {
		s += "0"
	}
	b.WriteString(s[:width])
}

// writeOffset writes the zone offset: +hhmm, or with colons +hh:mm (1),
// +hh:mm:ss (2), +hh (3).
func writeOffset(b *strings.Builder, tm time.Time, colons int) {
	_, off := tm.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	h, m, s := off/3600, off/60%60, off%60
	two := func(n int) {
		b.WriteByte(byte('0' + n/10))
		b.WriteByte(byte('0' + n%10))
	}
	b.WriteByte(sign)
	two(h)
	switch colons {
	case 0:
		two(m)
	case 1:
		b.WriteByte(':')
		two(m)
	case 2:
		b.WriteByte(':')
		two(m)
		b.WriteByte(':')
		two(s)
	}
}
