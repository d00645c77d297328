package ast

// Inspect calls f for n and, while f returns true, for each of n's children
// in source order.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch n := n.(type) {
	case *Query:
		for _, c := range n.Commands {
			Inspect(c, f)
		}
	case *SearchCommand:
		if n.Expr != nil {
			Inspect(n.Expr, f)
		}
	case *TstatsCommand:
		if n.Where != nil {
			Inspect(n.Where, f)
		}
	case *SearchAnd:
		for _, t := range n.Terms {
			Inspect(t, f)
		}
	case *SearchOr:
		for _, t := range n.Terms {
			Inspect(t, f)
		}
	case *SearchNot:
		Inspect(n.Expr, f)
	case *SearchGroup:
		Inspect(n.Expr, f)
	case *SearchSubsearch:
		Inspect(n.Query, f)
	}
}
