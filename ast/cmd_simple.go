package ast

import "strings"

// SimpleCommand is a command whose arguments are options (key=value) and
// words or quoted strings, with no grammar of its own: reverse, uniq,
// addinfo, nomv, mvcombine, accum, delta, autoregress, strcat, untable,
// xyseries, format and return. Options keep their order, as do Args (AS
// included, as written); the evaluator checks the arguments.
type SimpleCommand struct {
	Loc     Span
	Name    string // lower case
	Options []Option
	Args    []Literal
}

// Option returns the value of the named option and whether it was given.
func (c *SimpleCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node: the name, the options, then the arguments.
func (c *SimpleCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(c.Name)
	b.WriteString(joinOptions(c.Options))
	for _, a := range c.Args {
		b.WriteString(" " + a.String())
	}
	return b.String()
}

// Span implements Node.
func (c *SimpleCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (c *SimpleCommand) CommandName() string {
	if c == nil {
		return ""
	}
	return c.Name
}

func (*SimpleCommand) commandNode() {}
