package eval

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Mathematical and statistical eval functions [D S-mathfn]. Arguments that
// are not numbers give null.
var mathFuncs = map[string]*funcSpec{
	// round(x[, digits]): half away from zero on the decimal digits as
	// written (round(2.555, 2) = 2.56) [D].
	"round": {min: 1, max: 2, pure: true, ret: tNum, fn: func(a []Value) Value {
		x, ok := toNum(first(a[0]))
		if !ok {
			return Null()
		}
		d := 0.0
		if len(a) == 2 {
			if d, ok = toNum(first(a[1])); !ok || d < 0 {
				return Null()
			}
		}
		return Num(roundDecimal(x, int(d)))
	}},
	"floor":   math1(math.Floor),
	"ceiling": math1(math.Ceil),
	"ceil":    math1(math.Ceil),
	"abs":     math1(math.Abs),
	"exp":     math1(math.Exp),
	"exact":   math1(func(x float64) float64 { return x }),
	// sqrt, ln: null outside the domain.
	"sqrt": math1(func(x float64) float64 {
		if x < 0 {
			return math.NaN()
		}
		return math.Sqrt(x)
	}),
	"ln": math1(func(x float64) float64 {
		if x <= 0 {
			return math.NaN()
		}
		return math.Log(x)
	}),
	// log(x[, base]): base 10 by default [D].
	"log": {min: 1, max: 2, pure: true, ret: tNum, fn: func(a []Value) Value {
		x, ok := toNum(first(a[0]))
		base := 10.0
		if len(a) == 2 {
			b, ok2 := toNum(first(a[1]))
			ok, base = ok && ok2, b
		}
		if !ok || x <= 0 || base <= 0 || base == 1 {
			return Null()
		}
		switch base {
		case 10:
			return Num(math.Log10(x))
		case 2:
			return Num(math.Log2(x))
		}
		return Num(math.Log(x) / math.Log(base))
	}},
	"pow": {min: 2, max: 2, pure: true, ret: tNum, fn: func(a []Value) Value {
		x, ok1 := toNum(first(a[0]))
		y, ok2 := toNum(first(a[1]))
		if !ok1 || !ok2 {
			return Null()
		}
		return numOrNull(math.Pow(x, y))
	}},
	"pi":     {min: 0, max: 0, pure: true, ret: tNum, fn: func([]Value) Value { return Num(math.Pi) }},
	"random": {min: 0, max: 0, ret: tNum, fn: func([]Value) Value { return Num(float64(rand.Int32())) }},
	// sigfig(x): x rounded to the significant digits Splunk's arithmetic
	// rules give; spelunk keeps 15 [U].
	"sigfig": math1(func(x float64) float64 {
		f, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
		return f
	}),
	// min(...), max(...): over every value of every argument; numbers
	// order before strings (max of 3 and "foo" is "foo") [D S-statfn].
	"min": {min: 1, max: -1, pure: true, fn: func(a []Value) Value { return extreme(a, false) }},
	"max": {min: 1, max: -1, pure: true, fn: func(a []Value) Value { return extreme(a, true) }},
	// avg(...), sum(...): over the numeric values of the arguments [D].
	"avg": {min: 1, max: -1, pure: true, ret: tNum, fn: func(a []Value) Value {
		s, n := sumValues(a)
		if n == 0 {
			return Null()
		}
		return Num(s / float64(n))
	}},
	"sum": {min: 1, max: -1, pure: true, ret: tNum, fn: func(a []Value) Value {
		s, n := sumValues(a)
		if n == 0 {
			return Null()
		}
		return Num(s)
	}},
}

func math1(f func(float64) float64) *funcSpec {
	return &funcSpec{min: 1, max: 1, pure: true, ret: tNum, fn: func(a []Value) Value {
		x, ok := toNum(first(a[0]))
		if !ok {
			return Null()
		}
		return numOrNull(f(x))
	}}
}

func numOrNull(f float64) Value {
	if math.IsNaN(f) {
		return Null()
	}
	return Num(f)
}

func sumValues(a []Value) (float64, int) {
	s, n := 0.0, 0
	for _, v := range a {
		for _, x := range values(v) {
			if f, ok := parseNumber(x); ok {
				s += f
				n++
			}
		}
	}
	return s, n
}

func extreme(a []Value, max bool) Value {
	var best Value
	for _, v := range a {
		for _, x := range values(v) {
			cand := fieldValue(Str(x))
			if v.k == kindNum {
				cand = v
			}
			if best.k == kindNull {
				best = cand
				continue
			}
			c := collateValues(cand, best)
			if (max && c > 0) || (!max && c < 0) {
				best = cand
			}
		}
	}
	return best
}

// roundDecimal rounds x to d decimal places, half away from zero, on the
// shortest decimal form of x (so 2.555 rounds up although its binary value
// is slightly below).
func roundDecimal(x float64, d int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	neg := x < 0
	s := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	ip, fp, _ := strings.Cut(s, ".")
	if len(fp) <= d {
		return x
	}
	digits := []byte(ip + fp[:d])
	if fp[d] >= '5' {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	str := string(digits[:len(digits)-d])
	if d > 0 {
		str += "." + string(digits[len(digits)-d:])
	}
	f, _ := strconv.ParseFloat(str, 64)
	if neg {
		f = -f
	}
	return f
}
