package eval

import (
	"math"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/internal/numsyntax"
)

type kind uint8

const (
	kindNull kind = iota
	kindStr
	kindNum
	kindMulti
	kindBool // transient: comparisons and boolean functions; never stored in a field
)

// Value is one field value in Splunk's model: null (the field is absent), a
// string, a number (IEEE double), or a multivalue (an ordered list of
// strings). The zero Value is null.
//
// Field values read from data are strings even when they look numeric;
// aggregates such as count and min(_time) produce numbers. Comparisons
// decide per pair whether to treat values as numbers (see the search
// command).
//
// A number read from a field keeps the text it was written with in s
// (pid "0042" stays "0042" when printed or concatenated) while computing as
// 42; see fieldValue.
type Value struct {
	k  kind
	s  string  // kindStr: the string; kindNum: the original text, "" when computed
	f  float64 // kindNum: the number; kindBool: 1 or 0
	mv []string
}

// Null returns the null value (field absent).
func Null() Value { return Value{} }

// Str returns a string value.
func Str(s string) Value { return Value{k: kindStr, s: s} }

// Num returns a numeric value.
func Num(f float64) Value { return Value{k: kindNum, f: f} }

// Multi returns a multivalue. Splunk does not distinguish a multivalue with
// one element from a single value, so Multi() is null and Multi(x) is
// Str(x); IsMulti reports true only for two or more values.
func Multi(vals ...string) Value {
	switch len(vals) {
	case 0:
		return Null()
	case 1:
		return Str(vals[0])
	}
	return Value{k: kindMulti, mv: append([]string(nil), vals...)}
}

// IsNull reports whether v is null (the field has no value).
func (v Value) IsNull() bool { return v.k == kindNull }

// IsMulti reports whether v holds two or more values.
func (v Value) IsMulti() bool { return v.k == kindMulti }

// IsNum reports whether v is a number (not a numeric-looking string).
func (v Value) IsNum() bool { return v.k == kindNum }

// Float returns v as a number: a number as is, a string when it is a
// number written in decimal (optionally signed, with fraction and
// exponent). It reports false for null, multivalue and other strings.
func (v Value) Float() (float64, bool) {
	switch v.k {
	case kindNum:
		return v.f, true
	case kindStr:
		return parseNumber(v.s)
	}
	return 0, false
}

// String renders v as Splunk shows it: null as "", numbers in the shortest
// form that reads back to the same double and never with an exponent
// (1700000000, 28, 3.9900000000000055; NaN as "nan", infinities as "inf"
// and "-inf"), and a multivalue as its values joined by "\n" (Splunk shows
// one value per line and exports multivalues to CSV the same way).
func (v Value) String() string {
	switch v.k {
	case kindStr:
		return v.s
	case kindNum:
		if v.s != "" {
			return v.s
		}
		return formatNumber(v.f)
	case kindMulti:
		return strings.Join(v.mv, "\n")
	case kindBool:
		if v.f != 0 {
			return "True"
		}
		return "False"
	}
	return ""
}

// Strings returns v's values as strings: nil for null, one element for a
// single value, every element of a multivalue.
func (v Value) Strings() []string {
	switch v.k {
	case kindNull:
		return nil
	case kindMulti:
		return append([]string(nil), v.mv...)
	}
	return []string{v.String()}
}

// Equal reports whether v and w are the same value of the same kind
// (Str("1") and Num(1) differ). go-cmp uses it to compare Values.
func (v Value) Equal(w Value) bool {
	if v.k != w.k {
		return false
	}
	switch v.k {
	case kindStr:
		return v.s == w.s
	case kindNum, kindBool:
		return v.f == w.f || (math.IsNaN(v.f) && math.IsNaN(w.f))
	case kindMulti:
		if len(v.mv) != len(w.mv) {
			return false
		}
		for i := range v.mv {
			if v.mv[i] != w.mv[i] {
				return false
			}
		}
	}
	return true
}

// GoString makes Values readable in test failure output.
func (v Value) GoString() string {
	switch v.k {
	case kindNull:
		return "Null()"
	case kindStr:
		return "Str(" + strconv.Quote(v.s) + ")"
	case kindNum:
		return "Num(" + v.String() + ")"
	case kindBool:
		return "Bool(" + v.String() + ")"
	}
	q := make([]string, len(v.mv))
	for i, s := range v.mv {
		q[i] = strconv.Quote(s)
	}
	return "Multi(" + strings.Join(q, ", ") + ")"
}

// any calls f for every string value of v (none for null) until f
// returns true, and reports whether it did.
func (v Value) any(f func(string) bool) bool {
	switch v.k {
	case kindNull:
		return false
	case kindMulti:
		for _, s := range v.mv {
			if f(s) {
				return true
			}
		}
		return false
	}
	return f(v.String())
}

// formatNumber renders a double the way Splunk prints numbers.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// parseNumber reads s as a decimal number: optional sign, digits with an
// optional fraction (at least one digit overall), optional exponent. No
// spaces, hex, underscores, "inf" or "nan": such strings compare as text.
func parseNumber(s string) (float64, bool) {
	if !isNumber(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	return f, true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func isNumber(s string) bool { return numsyntax.IsDecimal(s) }
