package eval

import "math"

// Trigonometry and hyperbolic eval functions [D S-trigfn: "Trig and
// Hyperbolic functions"]: angles in radians; an argument that is not a
// number, or outside the function's domain (acos(2), atanh(1)), gives
// null [U: the reference does not say what a domain error returns].
var trigFuncs = map[string]*funcSpec{
	"acos":  math1(math.Acos),
	"acosh": math1(math.Acosh),
	"asin":  math1(math.Asin),
	"asinh": math1(math.Asinh),
	"atan":  math1(math.Atan),
	"atanh": math1(func(x float64) float64 {
		if x <= -1 || x >= 1 {
			return math.NaN() // ±Inf at ±1 has no SPL value either
		}
		return math.Atanh(x)
	}),
	"cos":   math1(math.Cos),
	"cosh":  math1(math.Cosh),
	"sin":   math1(math.Sin),
	"sinh":  math1(math.Sinh),
	"tan":   math1(math.Tan),
	"tanh":  math1(math.Tanh),
	"atan2": math2(math.Atan2), // atan2(y, x)
	"hypot": math2(math.Hypot),
}

// math2 is a function of two numbers; null when either is not one or the
// result is not a number.
func math2(f func(x, y float64) float64) *funcSpec {
	return &funcSpec{min: 2, max: 2, pure: true, ret: tNum, fn: func(a []Value) Value {
		x, ok1 := toNum(first(a[0]))
		y, ok2 := toNum(first(a[1]))
		if !ok1 || !ok2 {
			return Null()
		}
		return numOrNull(f(x, y))
	}}
}
