package ast

import "strings"

// Canonical eval syntax: binary operators with one space on each side
// (`a + b`, `a . "x"`, `x LIKE "a%"`), boolean operators upper case,
// function calls as name(a, b), fields bare unless written in single quotes,
// parentheses where the user wrote them (ParenExpr) or where the operator
// table requires them.

// String implements Node.
func (e *FieldExpr) String() string {
	if e.Quoted {
		return "'" + fieldEscaper.Replace(e.Name) + "'"
	}
	return e.Name
}

// String implements Node.
func (e *StringExpr) String() string { return `"` + e.Raw + `"` }

// String implements Node.
func (e *NumberExpr) String() string { return e.Raw }

// String implements Node.
func (e *CallExpr) String() string { return e.Name + "(" + joinExprs(e.Args) + ")" }

// fieldEscaper escapes a single-quoted field name: \' and \\.
var fieldEscaper = strings.NewReplacer(`\`, `\\`, `'`, `\'`)

// String implements Node.
func (e *UnaryExpr) String() string { return e.stringIn(0) }

// stringIn prints e where the parser climbs at precedence ctx: a prefix
// operator takes as its operand everything that binds at least as tightly
// as itself or as its context, whichever is tighter (`a = NOT b = c` is
// (a = NOT b) = c).
func (e *UnaryExpr) stringIn(ctx int) string {
	q := max(e.Op.Precedence(), ctx)
	var x string
	if u, ok := e.X.(*UnaryExpr); ok {
		x = u.stringIn(q)
	} else {
		x = exprOperand(e.X, q, false)
	}
	if e.Op == UnaryNot {
		return "NOT " + x
	}
	return string(e.Op) + x
}

// String implements Node.
func (e *BinaryExpr) String() string {
	p := e.Op.Precedence()
	return leftOperand(e.L, p) + " " + string(e.Op) + " " + exprOperand(e.R, p, true)
}

// String implements Node.
func (e *ParenExpr) String() string { return "(" + e.X.String() + ")" }

// String implements Node.
func (e *InExpr) String() string {
	return leftOperand(e.X, PrecCompare) + " IN (" + joinExprs(e.List) + ")"
}

func joinExprs(list []Expr) string {
	parts := make([]string, len(list))
	for i, a := range list {
		parts[i] = a.String()
	}
	return strings.Join(parts, ", ")
}

// exprPrec is how tightly e binds as an operand.
func exprPrec(e Expr) int {
	switch e := e.(type) {
	case *BinaryExpr:
		if startsWithIn(e) {
			return min(e.Op.Precedence(), PrecCompare)
		}
		return e.Op.Precedence()
	case *UnaryExpr:
		return e.Op.Precedence()
	case *InExpr:
		return PrecCompare
	}
	return 100
}

// startsWithIn reports whether e prints as `x IN (...)` followed by
// operators: IN is a postfix operator at PrecCompare, after which the
// parser goes on with any binary operator, tighter ones included (`x IN
// ("a") % 2` is (x IN ("a")) % 2 without parentheses). Such an expression
// binds as loosely as IN from outside.
func startsWithIn(e Expr) bool {
	switch e := e.(type) {
	case *InExpr:
		return true
	case *BinaryExpr:
		return startsWithIn(e.L)
	}
	return false
}

// leftOperand prints e as the left operand of a binary operator of
// precedence p or of IN: like exprOperand, except that an expression
// starting with IN needs no parentheses there (see startsWithIn).
func leftOperand(e Expr, p int) string {
	if startsWithIn(e) {
		return e.String()
	}
	return exprOperand(e, p, false)
}

// exprOperand prints e as an operand of an operator of precedence p,
// parenthesised when it binds looser (or equally, on the right: all binary
// operators are left-associative).
func exprOperand(e Expr, p int, right bool) string {
	if u, ok := e.(*UnaryExpr); ok && right {
		return u.stringIn(p + 1)
	}
	q := exprPrec(e)
	if q < p || (right && q == p) {
		return "(" + e.String() + ")"
	}
	return e.String()
}
