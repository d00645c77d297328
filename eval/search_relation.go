package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// Relations in search syntax [D S-search]: <, <=, >, >= compare
// numerically when both sides are numbers, else bytewise ("abc" > "5").

// relation is a compiled <, <=, >, >= against a literal.
type relation struct {
	op    ast.CompareOp
	lit   string
	num   float64
	isNum bool
}

func newRelation(op ast.CompareOp, v string) *relation {
	f, ok := parseNumber(v)
	return &relation{op: op, lit: v, num: f, isNum: ok}
}

// matchString compares the field value s with the literal.
func (r *relation) matchString(s string) bool {
	if r.isNum {
		if f, ok := parseNumber(s); ok {
			return r.matchNum(f)
		}
	}
	return r.holds(strings.Compare(s, r.lit))
}

// matchNum compares a numeric field value with the literal.
func (r *relation) matchNum(f float64) bool {
	if !r.isNum {
		return r.holds(strings.Compare(formatNumber(f), r.lit))
	}
	switch {
	case f < r.num:
		return r.holds(-1)
	case f > r.num:
		return r.holds(1)
	case f == r.num:
		return r.holds(0)
	}
	return false // NaN
}

// holds reports whether the comparison result c (field vs literal) satisfies
// the operator.
func (r *relation) holds(c int) bool {
	switch r.op {
	case ast.OpLt:
		return c < 0
	case ast.OpLe:
		return c <= 0
	case ast.OpGt:
		return c > 0
	case ast.OpGe:
		return c >= 0
	}
	return false
}
