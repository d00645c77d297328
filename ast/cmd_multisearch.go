package ast

import "strings"

// MultisearchCommand is a command over several subsearches:
// `multisearch [subsearch] [subsearch]...`, `union [options]
// [subsearch]...` and `set (union|diff|intersect) [subsearch]
// [subsearch]`. Each subsearch starts with a generating command (or an
// implicit search).
type MultisearchCommand struct {
	Loc         Span
	Name        string // "multisearch", "union" or "set"
	Op          string // set's operation, lower case; empty for the others
	Options     []Option
	Subsearches []*Query
}

// Option returns the value of the named option and whether it was given.
func (c *MultisearchCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node.
func (c *MultisearchCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(c.Name)
	if c.Op != "" {
		b.WriteString(" " + c.Op)
	}
	b.WriteString(joinOptions(c.Options))
	for _, q := range c.Subsearches {
		b.WriteString(" " + bracketed(q))
	}
	return b.String()
}

// Span implements Node.
func (c *MultisearchCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command: "multisearch", "union" or "set".
func (c *MultisearchCommand) CommandName() string {
	if c == nil {
		return ""
	}
	return c.Name
}

func (*MultisearchCommand) commandNode() {}
