package ast

import "strings"

// The canonical form, which String produces on every node:
//   - commands are separated by " | "; a query whose first command is not
//     search starts with "| ";
//   - command names and clause keywords are lower case (tstats' "as",
//     "from", "where", "by"), except rename and convert's "AS", as
//     security_content writes them; boolean operators are upper case;
//   - implicit AND is a single space; parentheses appear where the user wrote
//     them (SearchGroup) or where precedence requires them;
//   - literals keep the quoting they were written with; values built with
//     NewLiteral are quoted only when they must be.

// String implements Node.
func (q *Query) String() string {
	if q == nil {
		return ""
	}
	var b strings.Builder
	for i, c := range q.Commands {
		switch {
		case i > 0:
			b.WriteString(" | ")
		case c.CommandName() != "search":
			b.WriteString("| ")
		}
		b.WriteString(c.String())
	}
	return b.String()
}

// String implements Node.
func (l Literal) String() string {
	if l.Quoted {
		return `"` + l.Raw + `"`
	}
	return l.Raw
}

// String implements Node.
func (c *SearchCommand) String() string {
	if c == nil {
		return ""
	}
	if c.Expr == nil {
		return "search"
	}
	return "search " + c.Expr.String()
}

// String implements Node.
func (o Option) String() string { return o.Key + "=" + o.Value.String() }

// String implements Node.
func (a Aggregate) String() string {
	s := a.Func
	switch {
	case a.Eval != nil:
		s += "(eval(" + a.Eval.String() + "))"
	case a.Field != "":
		s += "(" + QuoteField(a.Field) + ")"
	}
	if a.As != "" {
		s += " as " + QuoteField(a.As)
	}
	return s
}

// String implements Node.
func (c *TstatsCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("tstats")
	for _, o := range c.Options {
		b.WriteString(" " + o.String())
	}
	for _, a := range c.Aggregates {
		b.WriteString(" " + a.String())
	}
	if c.Datamodel != "" {
		b.WriteString(" from datamodel=" + NewLiteral(c.Datamodel).String())
	}
	if c.Where != nil {
		b.WriteString(" where " + c.Where.String())
	}
	if len(c.By) > 0 || c.BySpan != "" {
		b.WriteString(" by")
		for _, f := range c.By {
			b.WriteString(" " + QuoteField(f))
		}
	}
	if c.BySpan != "" {
		b.WriteString(" span=" + NewLiteral(c.BySpan).String())
	}
	return b.String()
}

// String implements Node.
func (p RenamePair) String() string { return QuoteField(p.From) + " AS " + QuoteField(p.To) }

// String implements Node.
func (c *RenameCommand) String() string {
	if c == nil {
		return ""
	}
	parts := make([]string, len(c.Pairs))
	for i, p := range c.Pairs {
		parts[i] = p.String()
	}
	return "rename " + strings.Join(parts, ", ")
}

// String implements Node.
func (v Conversion) String() string {
	s := v.Func + "(" + QuoteField(v.Field) + ")"
	if v.As != "" {
		s += " AS " + QuoteField(v.As)
	}
	return s
}

// String implements Node.
func (c *ConvertCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("convert")
	if c.TimeFormat != nil {
		b.WriteString(" timeformat=" + c.TimeFormat.String())
	}
	for _, v := range c.Conversions {
		b.WriteString(" " + v.String())
	}
	return b.String()
}

// String implements Node.
func (c *GenericCommand) String() string {
	if c == nil {
		return ""
	}
	if c.Args == "" {
		return c.Name
	}
	return c.Name + " " + c.Args
}

// Search-syntax precedence, lowest first: implicit AND, OR, then NOT and atoms.
const (
	precAnd = iota
	precOr
	precAtom
)

func searchPrec(e SearchExpr) int {
	switch e.(type) {
	case *SearchAnd:
		return precAnd
	case *SearchOr:
		return precOr
	default:
		return precAtom
	}
}

// operand prints e, parenthesised when it binds looser than min.
func operand(e SearchExpr, min int) string {
	if e == nil {
		return ""
	}
	if searchPrec(e) < min {
		return "(" + e.String() + ")"
	}
	return e.String()
}

// String implements Node.
func (e *SearchAnd) String() string {
	if e == nil {
		return ""
	}
	parts := make([]string, len(e.Terms))
	for i, t := range e.Terms {
		parts[i] = operand(t, precOr) // an AND inside an AND needs parentheses to stay a node
	}
	return strings.Join(parts, " ")
}

// String implements Node.
func (e *SearchOr) String() string {
	if e == nil {
		return ""
	}
	parts := make([]string, len(e.Terms))
	for i, t := range e.Terms {
		parts[i] = operand(t, precAtom)
	}
	return strings.Join(parts, " OR ")
}

// String implements Node.
func (e *SearchNot) String() string {
	if e == nil {
		return ""
	}
	return "NOT " + operand(e.Expr, precAtom)
}

// String implements Node.
func (e *SearchGroup) String() string {
	if e == nil {
		return ""
	}
	return "(" + nodeString(e.Expr) + ")"
}

// nodeString is n.String(), empty for a nil node (a zero node's missing
// child).
func nodeString(n Node) string {
	if n == nil {
		return ""
	}
	return n.String()
}

// String implements Node.
func (e *SearchCompare) String() string {
	if e == nil {
		return ""
	}
	return QuoteField(e.Field) + string(e.Op) + e.Value.String()
}

// String implements Node.
func (e *SearchIn) String() string {
	if e == nil {
		return ""
	}
	parts := make([]string, len(e.Values))
	for i, v := range e.Values {
		parts[i] = v.String()
	}
	return QuoteField(e.Field) + " IN (" + strings.Join(parts, ", ") + ")"
}

// String implements Node.
func (e *SearchTerm) String() string {
	if e == nil {
		return ""
	}
	return e.Value.String()
}

// QuoteField returns a field name as it must be written: bare when it is
// made of letters, digits and _ . * : @ { } - only, else double-quoted.
func QuoteField(name string) string {
	if name == "" {
		return `""`
	}
	for i := 0; i < len(name); i++ {
		if !isFieldByte(name[i]) {
			return `"` + escape(name) + `"`
		}
	}
	return name
}

func isFieldByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	case c == '_' || c == '.' || c == '*' || c == ':' || c == '@' || c == '{' || c == '}' || c == '-':
		return true
	}
	return c >= 0x80
}

// needsQuotes reports whether a search value must be quoted to parse back
// as one literal with the same value.
func needsQuotes(v string) bool {
	if v == "" {
		return true
	}
	switch v {
	case "AND", "OR", "NOT", "IN":
		return true
	}
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case ' ', '\t', '\n', '\r', '"', '\\', '|', '(', ')', '[', ']', '=', '!', '<', '>', ',', '`':
			return true
		}
	}
	return false
}
