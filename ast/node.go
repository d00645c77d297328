package ast

// Node is any syntax-tree node.
type Node interface {
	// Span is the range of the search text the node was parsed from.
	Span() Span
	// String is the node as canonical SPL.
	String() string
}

// Command is one stage of a pipeline: search, tstats, rename, ...
type Command interface {
	Node
	// CommandName is the command's name as written in SPL, lower case.
	CommandName() string
	commandNode()
}

// SearchExpr is a boolean expression in search-language syntax, as used by
// the search command and by tstats' where clause. In this syntax the implicit
// AND between terms binds looser than OR.
type SearchExpr interface {
	Node
	searchExprNode()
}

// Query is a whole search: a pipeline of commands separated by '|'.
type Query struct {
	Loc      Span      // where the node was written
	Commands []Command // in pipeline order; an implicit leading search is explicit here
}

// Literal is a value as written in the search: quoted or bare. Raw holds the
// text between the quotes (escapes not yet applied) or the bare word.
type Literal struct {
	Raw    string // as written, without the surrounding quotes
	Quoted bool   // written in double quotes
}

// Value returns the literal's value: the escapes \" and \\ are applied,
// quoted or bare; any other backslash sequence stays as written, as Splunk
// does ("\s" stays "\s", so C:\Windows\* needs no doubling) [D S-search].
func (l Literal) Value() string { return unescape(l.Raw) }

// NewLiteral returns the literal for value v, quoted when it has to be.
func NewLiteral(v string) Literal {
	if needsQuotes(v) {
		return Literal{Raw: escape(v), Quoted: true}
	}
	return Literal{Raw: v}
}

func unescape(s string) string {
	if !containsByte(s, '\\') {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
			b = append(b, s[i+1])
			i++
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func escape(s string) string {
	b := make([]byte, 0, len(s)+2)
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

// Span implements Node.
func (q *Query) Span() Span {
	if q == nil {
		return Span{}
	}
	return q.Loc
}

// Span implements Node.
func (c *SearchCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *TstatsCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *RenameCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *ConvertCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *GenericCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (o Option) Span() Span { return o.Loc }

// Span implements Node.
func (a Aggregate) Span() Span { return a.Loc }

// Span implements Node.
func (p RenamePair) Span() Span { return p.Loc }

// Span implements Node.
func (v Conversion) Span() Span { return v.Loc }

// Span implements Node.
func (e *SearchAnd) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *SearchOr) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *SearchNot) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *SearchGroup) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *SearchCompare) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *SearchIn) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}

// Span implements Node.
func (e *SearchTerm) Span() Span {
	if e == nil {
		return Span{}
	}
	return e.Loc
}
