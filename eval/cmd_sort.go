package eval

import (
	"context"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// DefaultSortLimit is sort's limit when none is written [D S-sort].
const DefaultSortLimit = 10000

// sortStage is `sort [N] [+|-]key ... [desc]` [D S-sort, spl_semantics.md
// §7]: a stable sort by the keys, the first most significant; `-`
// descends. Collation per key:
//
//	auto (default)  per compared pair: two IP addresses by address, two
//	                values starting with a number by that number
//	                (numbers, "10abc", IPs by their first number), those
//	                before other strings, which compare bytewise
//	num()           numbers only (non-numbers after them, bytewise)
//	str()           bytewise
//	ip()            IP addresses by address, before other values
//
// Rows lacking the key sort after those that have it, in either direction
// [U]. The result keeps the first N rows: N written, 10000 by default, no
// limit for `sort 0`. A trailing d/desc reverses the whole order.
type sortStage struct {
	loc     ast.Span
	keys    []ast.SortKey
	limit   int
	reverse bool
}

func compileSort(c *ast.SortCommand, e *errs) stage {
	if len(c.Keys) == 0 {
		e.addf(c.Loc, "sort needs at least one field")
		return nil
	}
	for _, k := range c.Keys {
		switch k.Func {
		case "", "auto", "num", "str", "ip":
		default:
			e.addf(k.Loc, "sort: unknown collation %s()", k.Func)
			return nil
		}
	}
	limit := DefaultSortLimit
	if c.LimitSet {
		limit = c.Limit
	}
	return &sortStage{loc: c.Loc, keys: c.Keys, limit: limit, reverse: c.Reverse}
}

func (s *sortStage) name() string   { return "sort" }
func (s *sortStage) span() ast.Span { return s.loc }

func (s *sortStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	cols := make([]int, len(s.keys))
	for i, k := range s.keys {
		cols[i] = in.col(k.Field)
	}
	rows := slices.Clone(in.rows)
	err := sortStable(ctx, rows, func(a, b Row) int {
		for i, k := range s.keys {
			x, y := get(a, cols[i]), get(b, cols[i])
			xn, yn := x.k == kindNull, y.k == kindNull
			if xn || yn {
				if xn && yn {
					continue
				}
				if xn {
					return 1
				}
				return -1
			}
			c := sortCompare(k.Func, x, y)
			if k.Desc != s.reverse {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	if err != nil {
		return nil, 0, err
	}
	if s.limit > 0 && len(rows) > s.limit {
		rows = rows[:s.limit]
	}
	return &rowSet{fields: in.fields, rows: rows}, len(in.rows), nil
}

// sortCompare compares two non-null values under a collation.
func sortCompare(fn string, a, b Value) int {
	a, b = first(a), first(b)
	switch fn {
	case "str":
		return strings.Compare(a.String(), b.String())
	case "ip":
		x, errx := netip.ParseAddr(a.String())
		y, erry := netip.ParseAddr(b.String())
		switch {
		case errx == nil && erry == nil:
			return x.Compare(y)
		case errx == nil:
			return -1
		case erry == nil:
			return 1
		}
		return strings.Compare(a.String(), b.String())
	case "num":
		return collateValues(a, b)
	}
	return autoCompare(a, b)
}

// autoCompare is sort's automatic collation [D S-sort: "auto: Determine
// the type of field values automatically"; SR sort usage: "Alphanumeric
// strings are sorted based on the data type of the first character. If the
// string starts with a number, the string is sorted numerically based on
// that number alone. Otherwise, strings are sorted lexicographically";
// spl_semantics.md §7: "IP order for IPs ... decided per compared pair"].
// So 9abc sorts before 10abc, and 9.9.9.9 before 10.0.0.9 before
// 10.0.0.10. Equal leading numbers fall back to bytewise order [U].
func autoCompare(a, b Value) int {
	as, bs := a.String(), b.String()
	if x, err := netip.ParseAddr(as); err == nil {
		if y, err := netip.ParseAddr(bs); err == nil {
			return x.Compare(y)
		}
	}
	af, aok := leadingNumber(a)
	bf, bok := leadingNumber(b)
	switch {
	case aok && bok:
		switch {
		case af < bf:
			return -1
		case af > bf:
			return 1
		}
	case aok:
		return -1
	case bok:
		return 1
	}
	return strings.Compare(as, bs)
}

// leadingNumber is the number a value is or starts with: an optional sign
// and the digits with at most one decimal point after it ("10abc" is 10,
// "10.0.0.9" is 10.0).
func leadingNumber(v Value) (float64, bool) {
	if f, ok := toNum(v); ok {
		return f, true
	}
	s := v.String()
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	start, dot := i, false
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' && !dot) {
		dot = dot || s[i] == '.'
		i++
	}
	if i == start || s[start] < '0' || s[start] > '9' {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(s[:i], "."), 64)
	return f, err == nil
}
