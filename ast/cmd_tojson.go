package ast

import "strings"

// TojsonCommand is `tojson [<type>(<wc-field>)]... [default_type=]
// [fill_null=] [include_internal=] [output_field=]`: each datatype
// function (auto, bool, json, none, num, str) names the fields it applies
// to; without any, every field.
type TojsonCommand struct {
	Loc       Span
	Functions []TojsonFunction
	Options   []Option
}

// TojsonFunction is one `<type>(<wc-field>)` of tojson.
type TojsonFunction struct {
	Loc   Span
	Type  string // lower case: auto, bool, json, none, num or str
	Field string // may hold * wildcards
}

// Option returns the value of the named option and whether it was given.
func (c *TojsonCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node.
func (c *TojsonCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("tojson")
	for _, f := range c.Functions {
		b.WriteString(" " + f.Type + "(" + QuoteField(f.Field) + ")")
	}
	b.WriteString(joinOptions(c.Options))
	return b.String()
}

// Span implements Node.
func (c *TojsonCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*TojsonCommand) CommandName() string { return "tojson" }

func (*TojsonCommand) commandNode() {}
