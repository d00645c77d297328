package eval

import (
	"math"
	"strings"
)

// Helpers of the eval value model [D S-eval, spl_semantics.md §5, §7]:
//
//   - a field value read by an expression is auto-typed: a string that is a
//     decimal number acts as that number (keeping its text), so event fields
//     compute like Splunk's; string literals of the expression stay strings
//     ("1"+"2" is "12", a field holding "1" plus 1 is 2) [I: Splunk types
//     extracted numeric fields as numbers, typeof("1") is "String"];
//   - booleans exist only inside expressions; a field never holds one.

// True and false as values.
var (
	valTrue  = Value{k: kindBool, f: 1}
	valFalse = Value{k: kindBool, f: 0}
)

func boolVal(b bool) Value {
	if b {
		return valTrue
	}
	return valFalse
}

// isTrue reports whether v is the boolean true; any other value (null, a
// number, a string) is not.
func isTrue(v Value) bool { return v.k == kindBool && v.f != 0 }

// fieldValue auto-types a value read from a field.
func fieldValue(v Value) Value {
	if v.k == kindStr {
		if f, ok := parseNumber(v.s); ok {
			return Value{k: kindNum, f: f, s: v.s}
		}
	}
	return v
}

// numText returns a number value keeping the text it was written with.
func numText(f float64, text string) Value { return Value{k: kindNum, f: f, s: text} }

// toNum returns v as a number: a number, or a string holding a decimal
// number. Booleans, null and multivalues are not numbers.
func toNum(v Value) (float64, bool) {
	switch v.k {
	case kindNum:
		return v.f, true
	case kindStr:
		return parseNumber(v.s)
	}
	return 0, false
}

// isNumeric reports whether v computes as a number.
func isNumeric(v Value) bool { _, ok := toNum(v); return ok }

// first returns a multivalue's first value as a string value, any other
// value unchanged (functions that take one string read the first value of
// a multivalue [I]).
func first(v Value) Value {
	if v.k == kindMulti {
		return Str(v.mv[0])
	}
	return v
}

// values returns the values of v as strings (none for null).
func values(v Value) []string {
	switch v.k {
	case kindNull:
		return nil
	case kindMulti:
		return v.mv
	}
	return []string{v.String()}
}

// mvOf builds a multivalue from vals without copying (callers pass fresh
// slices); zero values are null, one is a single string.
func mvOf(vals []string) Value {
	switch len(vals) {
	case 0:
		return Null()
	case 1:
		return Str(vals[0])
	}
	return Value{k: kindMulti, mv: vals}
}

// compareValues compares two non-null single values as eval does:
// numerically when both are numbers (or numeric strings read from fields),
// else bytewise by their text [D S-eval: operands are two numbers or two
// strings]. NaN compares unequal to everything (ok=false).
func compareValues(a, b Value) (int, bool) {
	if a.k == kindNum && b.k == kindNum {
		switch {
		case a.f < b.f:
			return -1, true
		case a.f > b.f:
			return 1, true
		case a.f == b.f:
			return 0, true
		}
		return 0, false
	}
	return strings.Compare(a.String(), b.String()), true
}

// collateValues orders two values for sort, stats output and values():
// null last, numbers (numerically) before strings (bytewise) [U,
// spl_semantics.md §7].
func collateValues(a, b Value) int {
	an, bn := a.k == kindNull, b.k == kindNull
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	af, aok := toNum(a)
	bf, bok := toNum(b)
	switch {
	case aok && bok:
		switch {
		case af < bf:
			return -1
		case af > bf:
			return 1
		}
		return strings.Compare(a.String(), b.String())
	case aok:
		return -1
	case bok:
		return 1
	}
	return strings.Compare(a.String(), b.String())
}

// storable turns an expression result into a field value: a boolean
// becomes null (eval refuses to assign booleans at compile time; this only
// guards aggregates over eval(...)).
func storable(v Value) Value {
	if v.k == kindBool {
		return Null()
	}
	return v
}

// isInt reports whether f is a whole number.
func isInt(f float64) bool { return f == math.Trunc(f) && !math.IsInf(f, 0) }
