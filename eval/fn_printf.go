package eval

import (
	"fmt"
	"math"
	"strings"
)

// fnPrintf implements printf(format, args...) with C's conversions; a
// missing argument prints as empty (string) or 0 (number) [U]. The flag
// "'" groups thousands with commas [D S-textfn]. Output longer than the
// value limit (Options.MaxValueLen) is an error, found as it grows.
func fnPrintf(c *ectx, a []Value) Value {
	if a[0].k == kindNull {
		return Null()
	}
	f := first(a[0]).String()
	args := a[1:]
	next := func() Value {
		if len(args) == 0 {
			return Null()
		}
		v := args[0]
		args = args[1:]
		return first(v)
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if b.Len() > c.opts.maxValueLen() {
			return c.valueTooLong(b.Len())
		}
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("-+ #0'", f[j]) >= 0 {
			j++
		}
		for j < len(f) && (('0' <= f[j] && f[j] <= '9') || f[j] == '.' || f[j] == '*') {
			j++
		}
		for j < len(f) && strings.IndexByte("hlLqjzt", f[j]) >= 0 {
			j++
		}
		if j >= len(f) {
			b.WriteString(f[i:])
			break
		}
		spec := f[i:j]
		verb := f[j]
		i = j
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		comma := strings.Contains(spec, "'")
		spec = strings.NewReplacer("'", "", "h", "", "l", "", "L", "", "q", "", "j", "", "z", "", "t", "").Replace(spec)
		if strings.Contains(spec, "*") {
			w := next()
			n, _ := toNum(w)
			spec = strings.Replace(spec, "*", itoa(int(n)), 1)
		}
		v := next()
		// A width or precision is bytes the verb writes whatever the
		// value: checked before fmt builds them.
		if n := specSize(spec) + b.Len(); n > c.opts.maxValueLen() {
			return c.valueTooLong(n)
		} else if !c.reserve(n) {
			return Null()
		}
		switch verb {
		case 'd', 'i', 'u':
			n, _ := toNum(v)
			s := fmt.Sprintf(spec+"d", int64(math.Trunc(n)))
			if comma {
				s = groupThousands(s)
			}
			b.WriteString(s)
		case 'x', 'X', 'o':
			n, _ := toNum(v)
			b.WriteString(fmt.Sprintf(spec+string(verb), int64(math.Trunc(n))))
		case 'f', 'F', 'e', 'E', 'g', 'G':
			n, _ := toNum(v)
			s := fmt.Sprintf(spec+string(verb), n)
			if comma {
				s = groupThousands(s)
			}
			b.WriteString(s)
		case 'c':
			if n, ok := toNum(v); ok {
				b.WriteRune(rune(int(n)))
			} else {
				b.WriteString(firstRune(v.String()))
			}
		case 's', 'z':
			b.WriteString(fmt.Sprintf(spec+"s", v.String()))
		default:
			b.WriteString(spec + string(verb))
		}
	}
	return Str(b.String())
}

// specSize is the largest number (width or precision) in a conversion
// spec such as "-10.3", saturating past 1<<40.
func specSize(spec string) int {
	most, n := 0, 0
	for i := 0; i <= len(spec); i++ {
		if i < len(spec) && '0' <= spec[i] && spec[i] <= '9' {
			n = min(n*10+int(spec[i]-'0'), 1<<40)
			continue
		}
		most, n = max(most, n), 0
	}
	return most
}

func firstRune(s string) string {
	if s == "" {
		return ""
	}
	_, n := decodeRune(s)
	return s[:n]
}

// groupThousands inserts commas into the integer digits of a formatted
// number.
func groupThousands(s string) string {
	start := strings.IndexAny(s, "0123456789")
	if start < 0 {
		return s
	}
	end := start
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	digits := s[start:end]
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return s[:start] + b.String() + s[end:]
}
