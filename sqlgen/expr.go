package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// expr compiles an eval/where expression over the current columns.
func (g *gen) expr(e ast.Expr) (expr, error) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return g.expr(e.X)
	case *ast.FieldExpr:
		return g.field(e.Name), nil
	case *ast.StringExpr:
		v := e.Value()
		return expr{sql: g.d.str(v), kind: kStr, lit: &v}, nil
	case *ast.NumberExpr:
		if !isDecimal(e.Raw) {
			return expr{}, refuse(e, "number %s does not compile to SQL yet", e.Raw)
		}
		v := e.Raw
		return expr{sql: "CAST(" + e.Raw + " AS " + g.d.doubleType() + ")", kind: kNum, lit: &v}, nil
	case *ast.UnaryExpr:
		x, err := g.expr(e.X)
		if err != nil {
			return expr{}, err
		}
		switch e.Op {
		case ast.UnaryNot:
			if x.kind != kBool {
				return expr{sql: "NULL", kind: kBool}, nil
			}
			return expr{sql: "(NOT " + x.sql + ")", kind: kBool}, nil
		case ast.UnaryMinus:
			if err := scalar(x, e); err != nil {
				return expr{}, err
			}
			return expr{sql: "(-" + g.num(x) + ")", kind: kNum}, nil
		case ast.UnaryPlus:
			return expr{sql: g.num(x), kind: kNum}, nil
		}
	case *ast.BinaryExpr:
		return g.binary(e)
	case *ast.InExpr:
		x, err := g.expr(e.X)
		if err != nil {
			return expr{}, err
		}
		var alts []string
		for _, it := range e.List {
			y, err := g.expr(it)
			if err != nil {
				return expr{}, err
			}
			c, err := g.compareExpr(ast.BinEq, x, y, e)
			if err != nil {
				return expr{}, err
			}
			alts = append(alts, c)
		}
		if len(alts) == 0 {
			return expr{sql: "FALSE", kind: kBool}, nil
		}
		if g.d == ClickHouse {
			or := alts[0]
			for _, a := range alts[1:] {
				or = g.d.logic("OR", or, a)
			}
			return expr{sql: or, kind: kBool}, nil
		}
		return expr{sql: "(" + strings.Join(alts, " OR ") + ")", kind: kBool}, nil
	case *ast.CallExpr:
		return g.call(e)
	}
	return expr{}, refuse(e, "this expression does not compile to SQL yet")
}

// scalar refuses multivalue operands where Splunk reads a first value.
func scalar(x expr, n ast.Node) error {
	switch x.kind {
	case kMV:
		return refuse(n, "a multivalue operand here does not compile to SQL yet")
	case kBool:
		return refuse(n, "a boolean operand here does not compile to SQL")
	}
	return nil
}

func (g *gen) binary(e *ast.BinaryExpr) (expr, error) {
	l, err := g.expr(e.L)
	if err != nil {
		return expr{}, err
	}
	r, err := g.expr(e.R)
	if err != nil {
		return expr{}, err
	}
	switch e.Op {
	case ast.BinAnd, ast.BinOr:
		// Kleene logic, as SQL's: a non-boolean operand is null.
		return expr{sql: g.d.logic(string(e.Op), g.boolOf(l), g.boolOf(r)), kind: kBool}, nil
	case ast.BinXor:
		return expr{sql: "(" + g.boolOf(l) + " <> " + g.boolOf(r) + ")", kind: kBool}, nil
	case ast.BinEq, ast.BinEqEq, ast.BinNe, ast.BinLt, ast.BinLe, ast.BinGt, ast.BinGe:
		s, err := g.compareExpr(e.Op, l, r, e)
		return expr{sql: s, kind: kBool}, err
	case ast.BinLike:
		if err := scalar(l, e); err != nil {
			return expr{}, err
		}
		return g.likeCall(l, r, e)
	case ast.BinAdd:
		if err := scalar(l, e); err != nil {
			return expr{}, err
		}
		if err := scalar(r, e); err != nil {
			return expr{}, err
		}
		if l.kind == kNull || r.kind == kNull {
			return expr{sql: "NULL", kind: kNull}, nil
		}
		// numbers add, strings concatenate, a mix is null.
		ln, rn := g.isNum(l), g.isNum(r)
		if l.lit != nil && l.kind == kStr {
			ln = "FALSE"
		}
		if r.lit != nil && r.kind == kStr {
			rn = "FALSE"
		}
		if ln == "FALSE" && rn == "FALSE" {
			return expr{sql: "(" + l.sql + " || " + r.sql + ")", kind: kStr}, nil
		}
		if l.kind == kNum && r.kind == kNum {
			return expr{sql: "(" + l.sql + " + " + r.sql + ")", kind: kNum}, nil
		}
		return expr{}, refuse(e, "+ over values that may be numbers or strings does not compile to SQL (Splunk adds or concatenates by value)")
	case ast.BinSub, ast.BinMul, ast.BinDiv, ast.BinMod:
		if err := scalar(l, e); err != nil {
			return expr{}, err
		}
		if err := scalar(r, e); err != nil {
			return expr{}, err
		}
		ln, rn := g.num(l), g.num(r)
		switch e.Op {
		case ast.BinDiv:
			return expr{sql: "(" + ln + " / nullif(" + rn + ", 0))", kind: kNum}, nil
		case ast.BinMod:
			return expr{sql: g.d.fmod(ln, "nullif("+rn+", 0)"), kind: kNum}, nil
		}
		return expr{sql: "(" + ln + " " + string(e.Op) + " " + rn + ")", kind: kNum}, nil
	case ast.BinConcat:
		if err := scalar(l, e); err != nil {
			return expr{}, err
		}
		if err := scalar(r, e); err != nil {
			return expr{}, err
		}
		return expr{sql: "(" + g.text(l) + " || " + g.text(r) + ")", kind: kStr}, nil
	}
	return expr{}, refuseCode(e, diag.CodeCompileError, "unknown operator %q", string(e.Op))
}

// boolOf is x as a condition: a boolean, or null for any other value.
func (g *gen) boolOf(x expr) string {
	if x.kind == kBool {
		return x.sql
	}
	return g.d.nullBool()
}

// compareExpr compares two values as eval does: null when either is null;
// numerically when both are numbers (numeric strings of fields included),
// else bytewise by their text. String literals stay strings.
func (g *gen) compareExpr(op ast.BinaryOp, l, r expr, n ast.Node) (string, error) {
	if l.kind == kMV || r.kind == kMV {
		if op != ast.BinEq && op != ast.BinEqEq && op != ast.BinNe {
			return "", refuse(n, "ordering comparisons of multivalue fields do not compile to SQL yet")
		}
		mv, other := l, r
		if r.kind == kMV {
			mv, other = r, l
		}
		if other.kind == kMV || other.lit == nil {
			return "", refuse(n, "comparing a multivalue field with anything but a literal does not compile to SQL yet")
		}
		one, err := g.compareExpr(ast.BinEq, expr{sql: "__v", kind: kStr}, other, n)
		if err != nil {
			return "", err
		}
		hit := g.d.anyOf(mv.sql, "coalesce("+one+", FALSE)")
		s := "(CASE WHEN " + g.d.listIsNull(mv.sql) + " THEN NULL ELSE " + hit + " END)"
		if op == ast.BinNe {
			s = "(NOT " + s + ")"
		}
		return s, nil
	}
	if l.kind == kBool || r.kind == kBool {
		return "", refuse(n, "comparing booleans does not compile to SQL yet")
	}
	if l.kind == kNull || r.kind == kNull {
		return g.d.nullBool(), nil
	}
	sop := string(op)
	switch op {
	case ast.BinEqEq:
		sop = "="
	case ast.BinNe:
		sop = "<>"
	}
	// A string literal is never a number; a number literal always is.
	lStrLit := l.lit != nil && l.kind == kStr
	rStrLit := r.lit != nil && r.kind == kStr
	if l.kind == kNum && r.kind == kNum {
		return "(" + l.sql + " " + sop + " " + r.sql + ")", nil
	}
	textCmp := "(" + g.text(l) + " " + sop + " " + g.text(r) + ")"
	if lStrLit || rStrLit {
		return textCmp, nil
	}
	both := "(" + g.isNum(l) + " AND " + g.isNum(r) + ")"
	return "(CASE WHEN " + l.sql + " IS NULL OR " + r.sql + " IS NULL THEN NULL WHEN " + both + " THEN " +
		g.num(l) + " " + sop + " " + g.num(r) + " ELSE " + textCmp + " END)", nil
}
