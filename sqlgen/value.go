package sqlgen

import (
	"strconv"

	"github.com/spelunk-dev/spelunk/internal/numsyntax"
)

// kind is what a column or expression holds.
type kind uint8

const (
	kStr  kind = iota // VARCHAR: Splunk strings, numeric ones included
	kNum              // a number (DOUBLE or BIGINT)
	kMV               // a list of strings (values())
	kBool             // a condition; never stored in a column
	kNull             // the null literal
)

// column is one output column of a stage.
type column struct {
	name string // Splunk field name
	kind kind
}

// expr is a compiled SQL expression and its kind.
type expr struct {
	sql  string
	kind kind
	lit  *string // the text of a string or number literal; nil otherwise
}

// decimalRE is numsyntax.IsDecimal as an RE2 expression.
const decimalRE = `[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?`

// num is x read as a number: a number as it is, a string that is a
// decimal number converted, null otherwise.
func (g *gen) num(x expr) string {
	switch x.kind {
	case kNum:
		return x.sql
	case kNull:
		return "NULL"
	}
	if x.lit != nil {
		if f, err := strconv.ParseFloat(*x.lit, 64); err == nil && isDecimal(*x.lit) {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return "NULL"
	}
	return "(CASE WHEN " + g.d.fullMatch(x.sql, decimalRE) + " THEN " + g.d.toDouble(x.sql) + " END)"
}

// isNum is true when x is a number or a numeric string; false otherwise
// (also for null: callers guard nulls themselves).
func (g *gen) isNum(x expr) string {
	switch x.kind {
	case kNum:
		return "(" + x.sql + " IS NOT NULL)"
	case kNull:
		return "FALSE"
	}
	if x.lit != nil {
		if isDecimal(*x.lit) {
			return "TRUE"
		}
		return "FALSE"
	}
	return "coalesce(" + g.d.fullMatch(x.sql, decimalRE) + ", FALSE)"
}

// text is x as Splunk prints it: strings as they are, numbers without a
// trailing fraction when whole.
func (g *gen) text(x expr) string {
	switch x.kind {
	case kNum:
		if x.lit != nil {
			return g.d.str(*x.lit) // a number literal prints as written
		}
		return g.numText(x.sql)
	case kNull:
		return "NULL"
	}
	return x.sql
}

func (g *gen) numText(x string) string {
	return "(CASE WHEN " + x + " = floor(" + x + ") AND abs(" + x + ") < 1e15 THEN " + g.d.intText(x) +
		" ELSE " + g.d.floatText(x) + " END)"
}

func isDecimal(s string) bool { return numsyntax.IsDecimal(s) }
