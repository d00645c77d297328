package ast

// SearchSubsearch is a [subsearch] inside a search expression, as in
// `search [| inputlookup hosts | fields host]`. Splunk runs the inner query
// first and replaces the brackets with the OR of its result rows; the
// parser keeps the inner query as a tree of its own.
type SearchSubsearch struct {
	Loc   Span   // where the node was written, brackets included
	Query *Query // the inner pipeline
}

// Span implements Node.
func (e *SearchSubsearch) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// String implements Node.
func (e *SearchSubsearch) String() string {
	if e == nil {
		return ""
	}
	return "[" + e.Query.String() + "]"
}

func (*SearchSubsearch) searchExprNode() {}
