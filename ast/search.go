package ast

// CompareOp is a comparison operator in search syntax.
type CompareOp string

// The comparison operators of search syntax.
const (
	OpEq CompareOp = "="
	OpNe CompareOp = "!="
	OpLt CompareOp = "<"
	OpLe CompareOp = "<="
	OpGt CompareOp = ">"
	OpGe CompareOp = ">="
)

// SearchAnd is terms joined by AND, written or implicit (juxtaposition).
type SearchAnd struct {
	Loc   Span         // where the node was written
	Terms []SearchExpr // at least two
}

// SearchOr is terms joined by OR.
type SearchOr struct {
	Loc   Span         // where the node was written
	Terms []SearchExpr // at least two
}

// SearchNot negates the term that follows NOT.
type SearchNot struct {
	Loc  Span // where the node was written
	Expr SearchExpr
}

// SearchGroup is a parenthesised expression; it is kept so that the
// canonical form keeps the user's parentheses.
type SearchGroup struct {
	Loc  Span // where the node was written
	Expr SearchExpr
}

// SearchCompare is field OP value, such as Processes.process=*node*. The
// right side is always a literal; '*' in it is a wildcard.
type SearchCompare struct {
	Loc   Span   // where the node was written
	Field string // field name, case-sensitive
	Op    CompareOp
	Value Literal
}

// SearchIn is field IN (v1, v2, ...); values may hold wildcards.
type SearchIn struct {
	Loc    Span // where the node was written
	Field  string
	Values []Literal
}

// SearchTerm is a bare keyword or quoted phrase matched against the raw
// event, or "*" which matches everything.
type SearchTerm struct {
	Loc   Span // where the node was written
	Value Literal
}

func (*SearchAnd) searchExprNode()     {}
func (*SearchOr) searchExprNode()      {}
func (*SearchNot) searchExprNode()     {}
func (*SearchGroup) searchExprNode()   {}
func (*SearchCompare) searchExprNode() {}
func (*SearchIn) searchExprNode()      {}
func (*SearchTerm) searchExprNode()    {}
