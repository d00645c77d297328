package sqlgen

import (
	"fmt"
	"strings"
)

// Dialect is the SQL engine the generator writes for. The generator is one;
// the dialect supplies the spelling of the few constructs engines disagree
// on (string literals, regular expressions, lists, lambdas).
type Dialect string

// The dialects.
const (
	DuckDB     Dialect = "duckdb"
	ClickHouse Dialect = "clickhouse"
)

// Dialects lists the supported dialects.
func Dialects() []Dialect { return []Dialect{DuckDB, ClickHouse} }

// ParseDialect returns the dialect called name (case-insensitive).
func ParseDialect(name string) (Dialect, error) {
	for _, d := range Dialects() {
		if strings.EqualFold(name, string(d)) {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown SQL dialect %q (known: duckdb, clickhouse)", name)
}

// ident quotes a column or table name.
func (d Dialect) ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// str is a string literal. ClickHouse also treats backslash as an escape.
func (d Dialect) str(s string) string {
	if d == ClickHouse {
		s = strings.ReplaceAll(s, `\`, `\\`)
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// like is x LIKE pattern with '\' escaping '%', '_' and '\' in pattern.
func (d Dialect) like(x, pattern string) string {
	if d == ClickHouse {
		return fmt.Sprintf("like(%s, %s)", x, d.str(pattern))
	}
	return fmt.Sprintf("(%s LIKE %s ESCAPE '\\')", x, d.str(pattern))
}

// fullMatch is true when the regular expression (RE2 syntax) matches all
// of x; null when x is null.
func (d Dialect) fullMatch(x, re string) string {
	if d == ClickHouse {
		return fmt.Sprintf("match(%s, %s)", x, d.str("^(?:"+caseFree(re)+")$"))
	}
	return fmt.Sprintf("regexp_full_match(%s, %s)", x, d.str(re))
}

// partialMatch is true when the regular expression matches somewhere in x.
func (d Dialect) partialMatch(x, re string) string {
	if d == ClickHouse {
		return fmt.Sprintf("match(%s, %s)", x, d.str(caseFree(re)))
	}
	return fmt.Sprintf("regexp_matches(%s, %s)", x, d.str(re))
}

// lower lower-cases x (Unicode).
func (d Dialect) lower(x string) string {
	if d == ClickHouse {
		return "lowerUTF8(" + x + ")"
	}
	return "lower(" + x + ")"
}

// upper upper-cases x (Unicode).
func (d Dialect) upper(x string) string {
	if d == ClickHouse {
		return "upperUTF8(" + x + ")"
	}
	return "upper(" + x + ")"
}

// length is the number of characters of x.
func (d Dialect) length(x string) string {
	if d == ClickHouse {
		return "toFloat64(lengthUTF8(" + x + "))" // UInt64 has no common type with Float64
	}
	return "length(" + x + ")"
}

// toDouble casts a string that is known to be a decimal number.
func (d Dialect) toDouble(x string) string {
	if d == ClickHouse {
		return "toFloat64OrNull(" + x + ")"
	}
	return "CAST(" + x + " AS DOUBLE)"
}

// doubleType and textType are the column types of numbers and strings.
func (d Dialect) doubleType() string {
	if d == ClickHouse {
		return "Nullable(Float64)"
	}
	return "DOUBLE"
}

func (d Dialect) textType() string {
	if d == ClickHouse {
		return "Nullable(String)"
	}
	return "VARCHAR"
}

// intText renders a whole number as text without a fraction.
func (d Dialect) intText(x string) string {
	if d == ClickHouse {
		return "toString(toInt64(" + x + "))"
	}
	return "CAST(CAST(" + x + " AS BIGINT) AS VARCHAR)"
}

// floatText renders a number in its shortest round-trip form.
func (d Dialect) floatText(x string) string {
	if d == ClickHouse {
		return "toString(" + x + ")"
	}
	return "CAST(" + x + " AS VARCHAR)"
}

// anyOf is true when pred (over the variable v) holds for some element of
// the list x; false for an empty list, null for a null list.
func (d Dialect) anyOf(x, pred string) string {
	if d == ClickHouse {
		return fmt.Sprintf("arrayExists(__v -> %s, %s)", pred, x)
	}
	return fmt.Sprintf("(len(list_filter(%s, lambda __v: %s)) > 0)", x, pred)
}

// listDistinctSorted aggregates the non-null values of x into a sorted
// list of distinct values (bytewise); null when there is none.
func (d Dialect) listDistinctSorted(x string) string {
	if d == ClickHouse {
		return fmt.Sprintf("arraySort(groupUniqArray(%s))", x) // arrays are never null: empty stands for null
	}
	return fmt.Sprintf("list_sort(list_distinct(list(%s) FILTER (WHERE %s IS NOT NULL)))", x, x)
}

// listLen is the number of elements of a list (null for null).
func (d Dialect) listLen(x string) string {
	if d == ClickHouse {
		return "toFloat64(length(" + x + "))" // UInt64 has no common type with Float64
	}
	return "len(" + x + ")"
}

// argMin is the value of x in the row with the smallest key (a tuple).
func (d Dialect) argMin(x, key string, min bool) string {
	if d == ClickHouse {
		if min {
			return fmt.Sprintf("argMinIf(%s, %s, %s IS NOT NULL)", x, key, x)
		}
		return fmt.Sprintf("argMaxIf(%s, %s, %s IS NOT NULL)", x, key, x)
	}
	if min {
		return fmt.Sprintf("arg_min(%s, %s) FILTER (WHERE %s IS NOT NULL)", x, key, x)
	}
	return fmt.Sprintf("arg_max(%s, %s) FILTER (WHERE %s IS NOT NULL)", x, key, x)
}

// tuple is a row value compared element by element.
func (d Dialect) tuple(xs ...string) string {
	if d == ClickHouse {
		return "tuple(" + strings.Join(xs, ", ") + ")"
	}
	return "(" + strings.Join(xs, ", ") + ")"
}

// strftime formats epoch seconds x in UTC with a strftime format.
func (d Dialect) strftime(x, format string) string {
	if d == ClickHouse {
		return fmt.Sprintf("formatDateTime(toDateTime(toInt64(floor(%s)), 'UTC'), %s)", x, d.str(format))
	}
	return fmt.Sprintf("strftime(make_timestamp(CAST(floor(%s) AS BIGINT) * 1000000), %s)", x, d.str(format))
}

// countIf counts the rows where cond is true.
func (d Dialect) countIf(cond string) string {
	if d == ClickHouse {
		return "countIf(" + cond + ")"
	}
	return "count(*) FILTER (WHERE " + cond + ")"
}

// countDistinct counts the distinct non-null values of x.
func (d Dialect) countDistinct(x string) string {
	if d == ClickHouse {
		return "uniqExact(" + x + ")"
	}
	return "count(DISTINCT " + x + ")"
}

// listIsNull is true when the list x stands for a null field: null in
// DuckDB, empty in ClickHouse (whose arrays cannot be null).
func (d Dialect) listIsNull(x string) string {
	if d == ClickHouse {
		return "empty(" + x + ")"
	}
	return "(" + x + " IS NULL)"
}

// ipv4Octet is the i-th (1-based) dotted part of x as an integer; x is
// known to be a dotted quad.
func (d Dialect) ipv4Octet(x string, i int) string {
	if d == ClickHouse {
		return fmt.Sprintf("toUInt64OrZero(splitByChar('.', ifNull(%s, ''))[%d])", x, i) // splitByChar takes no Nullable; CASE computes every branch
	}
	return fmt.Sprintf("CAST(split_part(%s, '.', %d) AS BIGINT)", x, i)
}

// strAfterPrefix is x without its first len(prefix) characters (x is
// known to start with prefix).
func (d Dialect) strAfterPrefix(x, prefix string) string {
	if d == ClickHouse {
		return fmt.Sprintf("substring(%s, %d)", x, len(prefix)+1)
	}
	return fmt.Sprintf("substr(%s, %d)", x, len(prefix)+1)
}

// aggIf is the aggregate fn over the rows where cond holds.
func (d Dialect) aggIf(fn, x, cond string) string {
	if d == ClickHouse {
		return fn + "If(" + x + ", " + cond + ")"
	}
	return fn + "(" + x + ") FILTER (WHERE " + cond + ")"
}

// replaceAll replaces every match of the regular expression re in x.
func (d Dialect) replaceAll(x, re, repl string) string {
	if d == ClickHouse {
		return fmt.Sprintf("replaceRegexpAll(%s, %s, %s)", x, d.str(caseFree(re)), d.str(repl))
	}
	return fmt.Sprintf("regexp_replace(%s, %s, %s, 'g')", x, d.str(re), d.str(repl))
}

// substr is n characters of x from the 1-based start (to the end when n
// is "").
func (d Dialect) substr(x, start, n string) string {
	fn := "substr"
	if d == ClickHouse {
		fn = "substringUTF8"
	}
	if n == "" {
		return fmt.Sprintf("%s(%s, %s)", fn, x, start)
	}
	return fmt.Sprintf("%s(%s, %s, %s)", fn, x, start, n)
}

// fmod is the floating-point remainder of x / y (sign of x).
// ClickHouse before 20.x takes the integer parts of floats for %, so the
// remainder is spelled out.
func (d Dialect) fmod(x, y string) string {
	if d == ClickHouse {
		return "(" + x + " - " + y + " * trunc(" + x + " / " + y + "))"
	}
	return "fmod(" + x + ", " + y + ")"
}

// settings ends the statement: ClickHouse fills the columns of unmatched
// outer-join rows with defaults (empty strings, zeros) unless told to use nulls.
func (d Dialect) settings() string {
	if d == ClickHouse {
		return "\nSETTINGS join_use_nulls = 1"
	}
	return ""
}

// nullBool is a null condition.
func (d Dialect) nullBool() string {
	if d == ClickHouse {
		return "CAST(NULL AS Nullable(UInt8))" // conditions are UInt8; Bool is 21.12 and later
	}
	return "CAST(NULL AS BOOLEAN)"
}

// extract is the text of capture group i of the first match of re in x.
// ClickHouse's extract (every version; extractGroups is 20.x and later)
// returns the first group, so re is rewritten with group i the only one.
func (d Dialect) extract(x, re string, i int) string {
	if d == ClickHouse {
		return fmt.Sprintf("extract(%s, %s)", x, d.str(caseFree(onlyGroup(re, i))))
	}
	return fmt.Sprintf("regexp_extract(%s, %s, %d)", x, d.str(re), i)
}

// numbered is a stage body: the columns cols (comma-terminated, or empty)
// of the stage from and the order column numbering its rows by keys (in
// any order when there are none). ClickHouse has window functions from
// 21.9 on: for it the rows are sorted in a subquery and numbered as they
// leave it, in order (the sorted stream is one).
func (d Dialect) numbered(cols string, keys []string, from string) string {
	if d == ClickHouse {
		inner := "SELECT * FROM " + from
		if len(keys) > 0 {
			inner += " ORDER BY " + strings.Join(keys, ", ")
		}
		return "SELECT " + cols + "rowNumberInAllBlocks() + 1 AS " + ordCol + " FROM (" + inner + ")"
	}
	over := "row_number() OVER ()"
	if len(keys) > 0 {
		over = "row_number() OVER (ORDER BY " + strings.Join(keys, ", ") + ")"
	}
	return "SELECT " + cols + over + " AS " + ordCol + " FROM " + from
}

// valueAnd is the condition that x has a value and m holds (m is a
// condition on x). ClickHouse before 21.x has no three-valued AND: 0 AND
// NULL is NULL there, so the null case is decided first.
func (d Dialect) valueAnd(x, m string) string {
	if d == ClickHouse {
		return "if(" + x + " IS NULL, FALSE, " + m + ")"
	}
	return "(" + x + " IS NOT NULL AND " + m + ")"
}

// logic is l AND r or l OR r (op) in three-valued logic: false AND null
// is false, true OR null is true. ClickHouse before 21.x makes 0 AND
// NULL and 0 OR NULL null and 0: for it each side is encoded as 0, 1
// (null) or 2, AND is the least, OR the greatest, and the result decoded.
func (d Dialect) logic(op, l, r string) string {
	if d != ClickHouse {
		return "(" + l + " " + op + " " + r + ")"
	}
	fn := "least"
	if op == "OR" {
		fn = "greatest"
	}
	enc := func(x string) string { return "ifNull(toUInt8(" + x + " != 0) * 2, 1)" }
	return "(nullIf(" + fn + "(" + enc(l) + ", " + enc(r) + "), 1) = 2)"
}
