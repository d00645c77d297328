package ast

import "strings"

// LookupField is one `field [AS name]` of lookup. In the input list Field
// is the lookup table's column and As the event field matched against it
// (Field itself when As is empty); in the OUTPUT list Field is the table's
// column and As the event field written (Field itself when As is empty).
type LookupField struct {
	Loc   Span
	Field string
	As    string // empty when no AS was written
}

// Name is the event-side field: As, or Field when no AS was written.
func (f LookupField) Name() string {
	if f.As != "" {
		return f.As
	}
	return f.Field
}

// Lookup output modes (LookupCommand.Mode).
const (
	LookupOutput    = "OUTPUT"    // overwrite the event fields
	LookupOutputNew = "OUTPUTNEW" // only fill event fields that are null
)

// LookupCommand is `lookup [local=] [update=] table field [AS f] [, ...]
// [OUTPUT|OUTPUTNEW field [AS f] [, ...]]`. Without an output clause every
// column of the table other than the input fields is written (as OUTPUT).
type LookupCommand struct {
	Loc     Span
	Options []Option      // local=, update=, before the table name
	Table   string        // lookup definition or file name
	Fields  []LookupField // input (match) fields, at least one
	Mode    string        // LookupOutput, LookupOutputNew, or "" when no output clause was written
	Outputs []LookupField // output fields; empty with Mode "" (all columns)
}

// InputlookupCommand is the generating command `inputlookup [append=t]
// [start=N] [max=N] table [where <search expr>]`. With append=t it adds
// the table's rows after the current results instead of generating.
type InputlookupCommand struct {
	Loc     Span
	Options []Option   // append=, start=, max=, strict=, ...
	Table   string     // lookup definition or file name
	Where   SearchExpr // nil when absent; search syntax, applied to the table's rows
}

// OutputlookupCommand is `outputlookup [append=] [create_empty=]
// [override_if_empty=] [max=] [key_field=] table`: it writes the results
// to a lookup and passes them on unchanged.
type OutputlookupCommand struct {
	Loc     Span
	Options []Option
	Table   string
}

// Option returns the value of the named option and whether it was given.
func (c *LookupCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *InputlookupCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *OutputlookupCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// lookupKeywords are the clause keywords of lookup; a field named like one
// is quoted when printed.
var lookupKeywords = []string{"as", "output", "outputnew"}

// String implements Node.
func (f LookupField) String() string {
	s := quoteName(f.Field, lookupKeywords)
	if f.As != "" {
		s += " AS " + quoteName(f.As, lookupKeywords)
	}
	return s
}

// Span implements Node.
func (f LookupField) Span() Span { return f.Loc }

func joinLookupFields(fs []LookupField) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.String()
	}
	return strings.Join(parts, ", ")
}

// String implements Node.
func (c *LookupCommand) String() string {
	if c == nil {
		return ""
	}
	s := "lookup" + joinOptions(c.Options) + " " + quoteName(c.Table, lookupKeywords) + " " + joinLookupFields(c.Fields)
	if c.Mode != "" {
		s += " " + c.Mode
		if len(c.Outputs) > 0 {
			s += " " + joinLookupFields(c.Outputs)
		}
	}
	return s
}

// String implements Node.
func (c *InputlookupCommand) String() string {
	if c == nil {
		return ""
	}
	s := "inputlookup" + joinOptions(c.Options) + " " + quoteName(c.Table, []string{"where"})
	if c.Where != nil {
		s += " where " + c.Where.String()
	}
	return s
}

// String implements Node.
func (c *OutputlookupCommand) String() string {
	if c == nil {
		return ""
	}
	return "outputlookup" + joinOptions(c.Options) + " " + QuoteField(c.Table)
}

// Span implements Node.
func (c *LookupCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *InputlookupCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *OutputlookupCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*LookupCommand) CommandName() string { return "lookup" }

// CommandName implements Command.
func (*InputlookupCommand) CommandName() string { return "inputlookup" }

// CommandName implements Command.
func (*OutputlookupCommand) CommandName() string { return "outputlookup" }

func (*LookupCommand) commandNode()       {}
func (*InputlookupCommand) commandNode()  {}
func (*OutputlookupCommand) commandNode() {}

// quoteName is QuoteField, but also quotes a name that equals one of the
// command's keywords (any case), which would otherwise parse as the keyword.
func quoteName(name string, keywords []string) string {
	for _, k := range keywords {
		if equalFold(name, k) {
			return `"` + escape(name) + `"`
		}
	}
	return QuoteField(name)
}
