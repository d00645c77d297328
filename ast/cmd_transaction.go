package ast

// FilterForm says how a transaction filter (startswith=, endswith=) was
// written; the printer writes it back the same way.
type FilterForm string

// The forms of a transaction filter.
const (
	FilterParen  FilterForm = "paren"  // startswith=(EventCode=1 x=y): a search expression in parentheses (a bare word is read as this form)
	FilterQuoted FilterForm = "quoted" // startswith="EventCode=1": a search expression in a quoted string
	FilterEval   FilterForm = "eval"   // startswith=eval(x > 1): an eval expression
)

// TransactionFilter is the value of transaction's startswith= or
// endswith=: a search expression (FilterParen, FilterQuoted) or an eval
// expression (FilterEval) that an event must satisfy to open or close a
// transaction.
type TransactionFilter struct {
	Loc    Span
	Form   FilterForm
	Search SearchExpr // FilterParen and FilterQuoted; nil otherwise
	Eval   Expr       // FilterEval; nil otherwise
}

// TransactionCommand is `transaction [fields] [maxspan=] [maxpause=]
// [maxevents=] [startswith=] [endswith=] [connected=] [keepevicted=]
// [mvlist=] [delim=] [unifyends=] [keeporphans=] ...`: groups events that
// share the fields' values into one result per transaction. Splunk's
// defaults: maxspan=-1, maxpause=-1, maxevents=1000, connected=true,
// keepevicted=false, mvlist=false, delim=" ".
type TransactionCommand struct {
	Loc        Span
	Fields     []string
	Options    []Option           // every key=value but startswith and endswith
	StartsWith *TransactionFilter // nil when absent
	EndsWith   *TransactionFilter // nil when absent
}

// Option returns the value of the named option and whether it was given.
func (c *TransactionCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node.
func (f *TransactionFilter) String() string {
	if f == nil {
		return ""
	}
	switch f.Form {
	case FilterEval:
		return "eval(" + nodeString(f.Eval) + ")"
	case FilterQuoted:
		return `"` + escape(nodeString(f.Search)) + `"`
	}
	return "(" + nodeString(f.Search) + ")"
}

// Span implements Node.
func (f *TransactionFilter) Span() Span {
	if f == nil {
		return Span{}
	}
	return f.Loc
}

// String implements Node.
func (c *TransactionCommand) String() string {
	if c == nil {
		return ""
	}
	s := "transaction"
	if len(c.Fields) > 0 {
		s += " " + joinFields(c.Fields)
	}
	s += joinOptions(c.Options)
	if c.StartsWith != nil {
		s += " startswith=" + c.StartsWith.String()
	}
	if c.EndsWith != nil {
		s += " endswith=" + c.EndsWith.String()
	}
	return s
}

// Span implements Node.
func (c *TransactionCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*TransactionCommand) CommandName() string { return "transaction" }

func (*TransactionCommand) commandNode() {}
