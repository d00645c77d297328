package sqlgen

import (
	"strconv"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// mvCall compiles mvindex(x, i[, j]) and mvjoin(x, sep) as the
// interpreter has them (eval/fn_mv.go): a single value is a multivalue
// of one; indexes count from 0, negative ones from the end; mvindex out
// of range is null, j past the end stops at the last value. Indexes and
// the separator must be literals.
func (g *gen) mvCall(c *ast.CallExpr, args []expr) (expr, error) {
	ch := g.d == ClickHouse // arrays: empty for null, 1-based, arraySlice takes a length
	lo, hi := 2, 3
	if c.Name == "mvjoin" {
		hi = 2
	}
	if len(args) < lo || len(args) > hi {
		return expr{}, refuseCode(c, diag.CodeCompileError, "%s() takes %d to %d arguments", c.Name, lo, hi)
	}
	x := args[0]
	var list string
	switch x.kind {
	case kMV:
		list = x.sql
	case kNull:
		return expr{sql: "NULL", kind: kNull}, nil
	case kBool:
		return expr{}, refuse(c, "%s() of a condition does not compile to SQL", c.Name)
	default:
		list = "(" + g.d.scalarList(g.text(x)) + ")"
	}
	lits := make([]string, len(args)-1)
	for i, a := range args[1:] {
		if u, ok := c.Args[i+1].(*ast.UnaryExpr); ok && u.Op == ast.UnaryMinus && a.kind == kNum {
			if in, err := g.expr(u.X); err == nil && in.lit != nil {
				lits[i] = "-" + *in.lit // a negative index
				continue
			}
		}
		if a.lit == nil {
			return expr{}, refuse(c.Args[i+1], "%s() needs a literal here to compile to SQL", c.Name)
		}
		lits[i] = *a.lit
	}
	if c.Name == "mvjoin" {
		if ch {
			return expr{sql: "(CASE WHEN notEmpty(" + list + ") THEN arrayStringConcat(" + list + ", " + g.d.str(lits[0]) + ") END)", kind: kStr}, nil
		}
		return expr{sql: "array_to_string(" + list + ", " + g.d.str(lits[0]) + ")", kind: kStr}, nil
	}
	idx := make([]int, len(lits))
	for i, l := range lits {
		f, err := strconv.ParseFloat(l, 64)
		if err != nil || !isDecimal(l) {
			return expr{sql: "NULL", kind: kNull}, nil // not a number: null, as the interpreter has it
		}
		idx[i] = int(f)
	}
	n := "len(" + list + ")"
	if ch {
		n = "toInt64(length(" + list + "))"
	}
	// pos is the 1-based position of index i within a list of n values.
	pos := func(i int) string {
		if i < 0 {
			return "(" + n + " + " + strconv.Itoa(i+1) + ")"
		}
		return strconv.Itoa(i + 1)
	}
	s := pos(idx[0])
	inRange := "(" + s + " >= 1 AND " + s + " <= " + n + ")"
	if len(idx) == 1 {
		return expr{sql: "(CASE WHEN " + inRange + " THEN " + list + "[" + s + "] END)", kind: kStr}, nil
	}
	e := "least(" + pos(idx[1]) + ", " + n + ")"
	if ch {
		return expr{sql: "if(" + inRange + " AND " + e + " >= " + s + ", arraySlice(" + list + ", " + s + ", " + e + " - " + s + " + 1), emptyArrayString())", kind: kMV}, nil
	}
	return expr{sql: "(CASE WHEN " + inRange + " AND " + e + " >= " + s + " THEN list_slice(" + list + ", " + s + ", " + e + ") END)", kind: kMV}, nil
}
