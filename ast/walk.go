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

// InspectExprs calls f for every eval expression in n: eval assignments,
// where, aggregates' eval(...), head (expr), streamstats resets, and their
// sub-expressions, in source order.
func InspectExprs(n Node, f func(Expr) bool) {
	var walkExpr func(e Expr)
	walkExpr = func(e Expr) {
		if e == nil || !f(e) {
			return
		}
		switch e := e.(type) {
		case *CallExpr:
			for _, a := range e.Args {
				walkExpr(a)
			}
		case *UnaryExpr:
			walkExpr(e.X)
		case *BinaryExpr:
			walkExpr(e.L)
			walkExpr(e.R)
		case *ParenExpr:
			walkExpr(e.X)
		case *InExpr:
			walkExpr(e.X)
			for _, a := range e.List {
				walkExpr(a)
			}
		}
	}
	Inspect(n, func(n Node) bool {
		switch c := n.(type) {
		case *EvalCommand:
			for _, a := range c.Assignments {
				walkExpr(a.Expr)
			}
		case *WhereCommand:
			walkExpr(c.Expr)
		case *StatsCommand:
			walkExpr(c.ResetBefore)
			walkExpr(c.ResetAfter)
			for _, a := range c.Aggregates {
				walkExpr(a.Eval)
			}
		case *HeadCommand:
			walkExpr(c.Expr)
		}
		return true
	})
}
