package ast

import "strings"

// Canonical eval syntax: binary operators with one space on each side
// (`a + b`, `a . "x"`, `x LIKE "a%"`), boolean operators upper case,
// function calls as name(a, b), fields bare unless written in single quotes,
// parentheses where the user wrote them (ParenExpr) or where the operator
// table requires them.

// String implements Node.
func (e *FieldExpr) String() string {
	if e == nil {
		return ""
	}
	if e.Quoted {
		return "'" + fieldEscaper.Replace(e.Name) + "'"
	}
	return e.Name
}

// String implements Node.
func (e *StringExpr) String() string {
	if e == nil {
		return ""
	}
	return `"` + e.Raw + `"`
}

// String implements Node.
func (e *NumberExpr) String() string {
	if e == nil {
		return ""
	}
	return e.Raw
}

// String implements Node.
func (e *CallExpr) String() string {
	if e == nil {
		return ""
	}
	return exprString(e)
}

// fieldEscaper escapes a single-quoted field name: \' and \\.
var fieldEscaper = strings.NewReplacer(`\`, `\\`, `'`, `\'`)

// String implements Node.
func (e *UnaryExpr) String() string {
	if e == nil {
		return ""
	}
	return exprString(e)
}

// String implements Node.
func (e *BinaryExpr) String() string {
	if e == nil {
		return ""
	}
	return exprString(e)
}

// String implements Node.
func (e *ParenExpr) String() string {
	if e == nil {
		return ""
	}
	return exprString(e)
}

// String implements Node.
func (e *InExpr) String() string {
	if e == nil {
		return ""
	}
	return exprString(e)
}

// exprString prints e into one buffer, in time linear in the output (a
// chain of a thousand ORs is not copied a thousand times).
func exprString(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

// writeExpr writes e's canonical form.
func writeExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *CallExpr:
		b.WriteString(e.Name)
		b.WriteByte('(')
		writeExprs(b, e.Args)
		b.WriteByte(')')
	case *UnaryExpr:
		writeUnary(b, e, 0)
	case *BinaryExpr:
		writeBinary(b, e)
	case *ParenExpr:
		b.WriteByte('(')
		writeExpr(b, e.X)
		b.WriteByte(')')
	case *InExpr:
		writeLeftOperand(b, e.X, PrecCompare)
		b.WriteString(" IN (")
		writeExprs(b, e.List)
		b.WriteByte(')')
	case nil:
	default:
		b.WriteString(e.String())
	}
}

func writeExprs(b *strings.Builder, list []Expr) {
	for i, a := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, a)
	}
}

// writeUnary prints e where the parser climbs at precedence ctx: a prefix
// operator takes as its operand everything that binds at least as tightly
// as itself or as its context, whichever is tighter (`a = NOT b = c` is
// (a = NOT b) = c).
func writeUnary(b *strings.Builder, e *UnaryExpr, ctx int) {
	q := max(e.Op.Precedence(), ctx)
	if e.Op == UnaryNot {
		b.WriteString("NOT ")
	} else {
		b.WriteString(string(e.Op))
	}
	if u, ok := e.X.(*UnaryExpr); ok {
		writeUnary(b, u, q)
	} else {
		writeOperand(b, e.X, q, false)
	}
}

// writeBinary prints a binary expression. The left operands of a chain of
// operators of one precedence (a OR b OR c, parsed as ((a OR b) OR c))
// need no parentheses, and are walked in a loop rather than recursively,
// so that a long chain costs neither quadratic time nor deep recursion.
func writeBinary(b *strings.Builder, e *BinaryExpr) {
	p := e.Op.Precedence()
	chain := []*BinaryExpr{e}
	for {
		l, ok := chain[len(chain)-1].L.(*BinaryExpr)
		if !ok || l.Op.Precedence() != p {
			break
		}
		chain = append(chain, l)
	}
	writeLeftOperand(b, chain[len(chain)-1].L, p)
	for i := len(chain) - 1; i >= 0; i-- {
		b.WriteByte(' ')
		b.WriteString(string(chain[i].Op))
		b.WriteByte(' ')
		writeOperand(b, chain[i].R, p, true)
	}
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
// binds as loosely as IN from outside. The left spine is walked in a loop.
func startsWithIn(e Expr) bool {
	for {
		switch x := e.(type) {
		case *InExpr:
			return true
		case *BinaryExpr:
			e = x.L
		default:
			return false
		}
	}
}

// writeLeftOperand prints e as the left operand of a binary operator of
// precedence p or of IN: like writeOperand, except that an expression
// starting with IN needs no parentheses there (see startsWithIn).
func writeLeftOperand(b *strings.Builder, e Expr, p int) {
	if startsWithIn(e) {
		writeExpr(b, e)
		return
	}
	writeOperand(b, e, p, false)
}

// writeOperand prints e as an operand of an operator of precedence p,
// parenthesised when it binds looser (or equally, on the right: all binary
// operators are left-associative).
func writeOperand(b *strings.Builder, e Expr, p int, right bool) {
	if u, ok := e.(*UnaryExpr); ok && right {
		writeUnary(b, u, p+1)
		return
	}
	q := exprPrec(e)
	if q < p || (right && q == p) {
		b.WriteByte('(')
		writeExpr(b, e)
		b.WriteByte(')')
		return
	}
	writeExpr(b, e)
}
