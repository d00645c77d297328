package ast

// Inspect calls f for n and, while f returns true, for each of n's children
// in source order. It descends into nested queries (subsearches, the
// pipelines of join, append, appendcols, appendpipe and foreach's Body,
// whose names hold the foreach placeholders) and into search expressions
// (search, tstats and mstats where, inputlookup where, transaction
// filters); a nil *Query is skipped, and a nil f visits nothing.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || f == nil {
		return
	}
	if q, ok := n.(*Query); ok && q == nil {
		return
	}
	if !f(n) {
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
	case *JoinCommand:
		Inspect(n.Subsearch, f)
	case *AppendCommand:
		Inspect(n.Subsearch, f)
	case *MultisearchCommand:
		for _, q := range n.Subsearches {
			Inspect(q, f)
		}
	case *AppendpipeCommand:
		Inspect(n.Pipeline, f)
	case *ForeachCommand:
		Inspect(n.Body, f)
	case *InputlookupCommand:
		if n.Where != nil {
			Inspect(n.Where, f)
		}
	case *MstatsCommand:
		if n.Where != nil {
			Inspect(n.Where, f)
		}
	case *TransactionCommand:
		if n.StartsWith != nil {
			Inspect(n.StartsWith, f)
		}
		if n.EndsWith != nil {
			Inspect(n.EndsWith, f)
		}
	case *TransactionFilter:
		if n.Search != nil {
			Inspect(n.Search, f)
		}
	}
}

// InspectExprs calls f for every eval expression in n: eval assignments,
// where, aggregates' eval(...), head (expr), streamstats resets, transaction
// eval(...) filters, and their sub-expressions, in source order, nested
// queries included (see Inspect).
func InspectExprs(n Node, f func(Expr) bool) {
	if f == nil {
		return
	}
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
		case *FieldformatCommand:
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
		case *TimechartCommand:
			for _, a := range c.Aggregates {
				walkExpr(a.Eval)
			}
		case *ChartCommand:
			for _, a := range c.Aggregates {
				walkExpr(a.Eval)
			}
		case *TransactionFilter:
			walkExpr(c.Eval)
		}
		return true
	})
}
