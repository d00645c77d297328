package ast

// SearchCommand filters events or results: `search <expr>`. A query that
// does not start with '|' begins with an implicit search, which the parser
// makes explicit.
type SearchCommand struct {
	Loc  Span       // where the node was written
	Expr SearchExpr // nil for a bare `search`, which keeps everything
}

// Option is a key=value setting of a command, such as summariesonly=false.
type Option struct {
	Loc   Span   // where the node was written
	Key   string // as written
	Value Literal
}

// Aggregate is one statistical function of tstats or stats: count,
// count(f), min(_time) as firstTime, ...
type Aggregate struct {
	Loc   Span   // where the node was written
	Func  string // lower case: count, min, max, dc, values, ...
	Field string // empty for a bare count and for Eval
	Eval  Expr   // the expression of func(eval(expr)) in stats; nil otherwise
	As    string // output name; empty when none was given
}

// Name is the output column the aggregate produces: its AS name, or
// func(field) (or just the function for a bare count), as Splunk names it.
func (a Aggregate) Name() string {
	if a.As != "" {
		return a.As
	}
	if a.Eval != nil {
		return a.Func + "(eval(" + a.Eval.String() + "))"
	}
	if a.Field == "" {
		return a.Func
	}
	return a.Func + "(" + a.Field + ")"
}

// TstatsCommand is `| tstats [options] aggregates [from datamodel=M.D]
// [where expr] [by fields [span=S]]`.
type TstatsCommand struct {
	Loc        Span        // where the node was written
	Options    []Option    // in order, before the aggregates
	Aggregates []Aggregate // at least one
	Datamodel  string      // "Endpoint.Processes"; empty when there is no from clause
	Where      SearchExpr  // nil when absent
	By         []string    // group-by fields, in order
	BySpan     string      // the span= after by (e.g. "1h"); empty when absent
}

// Option returns the value of the named option (keys compare case
// insensitively) and whether it was given.
func (c *TstatsCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	for _, o := range c.Options {
		if equalFold(o.Key, key) {
			return o.Value.Value(), true
		}
	}
	return "", false
}

// RenamePair is one `from AS to` of rename; either side may use '*'.
type RenamePair struct {
	Loc  Span // where the node was written
	From string
	To   string
}

// RenameCommand is `rename a AS b, c* AS d*`.
type RenameCommand struct {
	Loc   Span // where the node was written
	Pairs []RenamePair
}

// Conversion is one function of convert: ctime(firstTime) [AS name].
type Conversion struct {
	Loc   Span   // where the node was written
	Func  string // lower case: ctime, mktime, dur2sec, ...
	Field string // may use '*'
	As    string // empty when converting in place
}

// ConvertCommand is `convert [timeformat="..."] func(field) [AS name] ...`.
type ConvertCommand struct {
	Loc         Span     // where the node was written
	TimeFormat  *Literal // nil when not given (Splunk's default is %m/%d/%Y %H:%M:%S)
	Conversions []Conversion
}

// GenericCommand is a command the grammar does not know yet: its name and
// its arguments as written. It lets any pipeline parse and print.
type GenericCommand struct {
	Loc  Span   // where the node was written
	Name string // lower case
	Args string // the raw argument text, trimmed; may be empty
}

// CommandName implements Command.
func (*SearchCommand) CommandName() string { return "search" }

// CommandName implements Command.
func (*TstatsCommand) CommandName() string { return "tstats" }

// CommandName implements Command.
func (*RenameCommand) CommandName() string { return "rename" }

// CommandName implements Command.
func (*ConvertCommand) CommandName() string { return "convert" }

// CommandName implements Command.
func (c *GenericCommand) CommandName() string {
	if c == nil {
		return ""
	}
	return lower(c.Name)
}

func (*SearchCommand) commandNode()  {}
func (*TstatsCommand) commandNode()  {}
func (*RenameCommand) commandNode()  {}
func (*ConvertCommand) commandNode() {}
func (*GenericCommand) commandNode() {}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func equalFold(a, b string) bool { return lower(a) == lower(b) }
