package ast

// Expr is an eval/where expression. In this syntax AND binds tighter than
// OR (unlike search syntax); see BinaryOp.Precedence.
type Expr interface {
	Node
	exprNode()
}

// FieldExpr is a field reference: a bare word, or a name in single quotes
// ('Processes.dest', 'server-1') where the name is not a plain identifier.
type FieldExpr struct {
	Loc    Span
	Name   string // the field name, quotes removed
	Quoted bool   // written in single quotes
}

// StringExpr is a double-quoted string literal.
type StringExpr struct {
	Loc Span
	Raw string // between the quotes, escapes not applied
}

// Value is the string with eval's escapes applied: \" \\ \t \n \r; any
// other backslash sequence stays as written (regexes keep their \d).
func (e *StringExpr) Value() string {
	if e == nil {
		return ""
	}
	return unescapeEval(e.Raw)
}

// NumberExpr is a numeric literal, kept as written (1, 2.5, 0x1F, 1e3).
type NumberExpr struct {
	Loc Span
	Raw string
}

// CallExpr is a function call: if(x, "a", "b"), count(eval(...)) inside
// stats is an Aggregate, not a CallExpr.
type CallExpr struct {
	Loc  Span
	Name string // as written; Splunk's eval function names are case-sensitive lower case
	Args []Expr
}

// UnaryOp is a prefix operator of eval syntax.
type UnaryOp string

// The prefix operators.
const (
	UnaryNot   UnaryOp = "NOT" // also written "not" and "!"
	UnaryMinus UnaryOp = "-"
	UnaryPlus  UnaryOp = "+"
)

// UnaryExpr is a prefix operator applied to an operand.
type UnaryExpr struct {
	Loc Span
	Op  UnaryOp
	X   Expr
}

// BinaryExpr is a binary operator applied to two operands.
type BinaryExpr struct {
	Loc  Span
	Op   BinaryOp
	L, R Expr
}

// ParenExpr is a parenthesised expression, kept so the canonical form
// keeps the user's parentheses.
type ParenExpr struct {
	Loc Span
	X   Expr
}

// InExpr is the operator form `x IN ("a", "b")` of eval/where; the function
// form in(x, "a", "b") is a CallExpr. Values are compared exactly, without
// wildcards.
type InExpr struct {
	Loc  Span
	X    Expr
	List []Expr
}

func (*FieldExpr) exprNode()  {}
func (*StringExpr) exprNode() {}
func (*NumberExpr) exprNode() {}
func (*CallExpr) exprNode()   {}
func (*UnaryExpr) exprNode()  {}
func (*BinaryExpr) exprNode() {}
func (*ParenExpr) exprNode()  {}
func (*InExpr) exprNode()     {}

// Span implements Node.
func (e *FieldExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *StringExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *NumberExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *CallExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *UnaryExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *BinaryExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *ParenExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *InExpr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

func unescapeEval(s string) string {
	if !containsByte(s, '\\') {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '"', '\\':
				b = append(b, s[i+1])
				i++
				continue
			case 't':
				b = append(b, '\t')
				i++
				continue
			case 'n':
				b = append(b, '\n')
				i++
				continue
			case 'r':
				b = append(b, '\r')
				i++
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}
