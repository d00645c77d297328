package ast

import "strings"

// StatsCommand is `stats [options] aggregates [by fields]`; Name tells
// stats, eventstats and streamstats apart, which share this shape.
type StatsCommand struct {
	Loc        Span
	Name       string      // "stats", "eventstats" or "streamstats"
	Options    []Option    // allnum=, dedup_splitvals=, window=, current=, global=, time_window=, reset_on_change=, ...
	Aggregates []Aggregate // at least one
	By         []string
	// ResetBefore and ResetAfter are streamstats' reset_before="(expr)" and
	// reset_after="(expr)", parsed; nil when not given.
	ResetBefore, ResetAfter Expr
}

// Option returns the value of the named option and whether it was given.
func (c *StatsCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node.
func (c *StatsCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(c.Name)
	for _, o := range c.Options {
		b.WriteString(" " + o.String())
	}
	if c.ResetBefore != nil {
		b.WriteString(` reset_before="(` + escape(c.ResetBefore.String()) + `)"`)
	}
	if c.ResetAfter != nil {
		b.WriteString(` reset_after="(` + escape(c.ResetAfter.String()) + `)"`)
	}
	for _, a := range c.Aggregates {
		b.WriteString(" " + a.String())
	}
	if len(c.By) > 0 {
		b.WriteString(" by " + joinFields(c.By))
	}
	return b.String()
}

// Span implements Node.
func (c *StatsCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (c *StatsCommand) CommandName() string {
	if c == nil {
		return ""
	}
	return c.Name
}

func (*StatsCommand) commandNode() {}

func findOption(opts []Option, key string) (string, bool) {
	for _, o := range opts {
		if equalFold(o.Key, key) {
			return o.Value.Value(), true
		}
	}
	return "", false
}

func joinFields(fields []string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = QuoteField(f)
	}
	return strings.Join(parts, " ")
}
