package ast

import "strings"

// TableCommand is `table f1 f2 ...` (wildcards allowed): keeps those
// fields, in that order.
type TableCommand struct {
	Loc    Span
	Fields []string
}

// FieldsCommand is `fields [+|-] f1 f2 ...` (wildcards allowed).
type FieldsCommand struct {
	Loc    Span
	Remove bool // fields - ...
	Fields []string
}

// FillnullCommand is `fillnull [value=V] [fields]`: null fields become V
// (default "0"); with no field list, every field the results have.
type FillnullCommand struct {
	Loc    Span
	Value  *Literal // nil when value= was not given
	Fields []string
}

// ReplacePair is one `old WITH new` of replace; both may use '*'.
type ReplacePair struct {
	Loc      Span
	From, To Literal
}

// ReplaceCommand is `replace a WITH b, c WITH d [IN f1, f2]`.
type ReplaceCommand struct {
	Loc    Span
	Pairs  []ReplacePair
	Fields []string // empty: every field
}

// AddtotalsCommand is `addtotals [row=] [col=] [labelfield=] [label=]
// [fieldname=] [fields]`.
type AddtotalsCommand struct {
	Loc     Span
	Options []Option
	Fields  []string
}

// Option returns the value of the named option and whether it was given.
func (c *AddtotalsCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node.
func (c *TableCommand) String() string {
	if c == nil {
		return ""
	}
	return "table " + joinFields(c.Fields)
}

// String implements Node.
func (c *FieldsCommand) String() string {
	if c == nil {
		return ""
	}
	if c.Remove {
		return "fields - " + joinFields(c.Fields)
	}
	return "fields " + joinFields(c.Fields)
}

// String implements Node.
func (c *FillnullCommand) String() string {
	if c == nil {
		return ""
	}
	s := "fillnull"
	if c.Value != nil {
		s += " value=" + c.Value.String()
	}
	if len(c.Fields) > 0 {
		s += " " + joinFields(c.Fields)
	}
	return s
}

// String implements Node.
func (p ReplacePair) String() string { return p.From.String() + " WITH " + p.To.String() }

// Span implements Node.
func (p ReplacePair) Span() Span { return p.Loc }

// String implements Node.
func (c *ReplaceCommand) String() string {
	if c == nil {
		return ""
	}
	parts := make([]string, len(c.Pairs))
	for i, p := range c.Pairs {
		parts[i] = p.String()
	}
	s := "replace " + strings.Join(parts, ", ")
	if len(c.Fields) > 0 {
		f := make([]string, len(c.Fields))
		for i, x := range c.Fields {
			f[i] = QuoteField(x)
		}
		s += " IN " + strings.Join(f, ", ")
	}
	return s
}

// String implements Node.
func (c *AddtotalsCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("addtotals")
	for _, o := range c.Options {
		b.WriteString(" " + o.String())
	}
	if len(c.Fields) > 0 {
		b.WriteString(" " + joinFields(c.Fields))
	}
	return b.String()
}

// Span implements Node.
func (c *TableCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *FieldsCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *FillnullCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *ReplaceCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *AddtotalsCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*TableCommand) CommandName() string { return "table" }

// CommandName implements Command.
func (*FieldsCommand) CommandName() string { return "fields" }

// CommandName implements Command.
func (*FillnullCommand) CommandName() string { return "fillnull" }

// CommandName implements Command.
func (*ReplaceCommand) CommandName() string { return "replace" }

// CommandName implements Command.
func (*AddtotalsCommand) CommandName() string { return "addtotals" }

func (*TableCommand) commandNode()     {}
func (*FieldsCommand) commandNode()    {}
func (*FillnullCommand) commandNode()  {}
func (*ReplaceCommand) commandNode()   {}
func (*AddtotalsCommand) commandNode() {}
