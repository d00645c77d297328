package ast

import (
	"strconv"
	"strings"
)

// TimechartCommand is `timechart [span=] [bins=] [limit=] [useother=]
// [usenull=] [cont=] ... aggregates [by field] [where <agg> in|notin
// topN|bottomN | <agg> <op> N]`: stats per time bucket, one column per value
// of the by field.
type TimechartCommand struct {
	Loc        Span
	Options    []Option    // before the aggregates or after the by field
	Aggregates []Aggregate // at least one
	By         string      // the split-by field; "" when absent
	// Where is the series filter as written, such as "count in top5"; it
	// filters series, not rows, so it is kept as text.
	Where string
}

// Option returns the value of the named option and whether it was given.
func (c *TimechartCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// TopCommand is `top|rare [N] [limit=N] [countfield=] [percentfield=]
// [showcount=] [showperc=] [useother=] [otherstr=] fields [by fields]`: the
// most (top) or least (rare) common value combinations of fields, with
// count and percent. The default limit is 10; 0 means no limit.
type TopCommand struct {
	Loc      Span
	Name     string // "top" or "rare"
	Limit    int    // the positional N
	LimitSet bool   // a positional N was written (limit= stays in Options)
	Options  []Option
	Fields   []string
	By       []string
}

// Option returns the value of the named option and whether it was given.
func (c *TopCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// timechartKeywords are the clause keywords of timechart.
var timechartKeywords = []string{"as", "by", "where"}

// String implements Node.
func (c *TimechartCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("timechart" + joinOptions(c.Options))
	for _, a := range c.Aggregates {
		b.WriteString(" " + a.String())
	}
	if c.By != "" {
		b.WriteString(" by " + quoteName(c.By, timechartKeywords))
	}
	if c.Where != "" {
		b.WriteString(" where " + c.Where)
	}
	return b.String()
}

// String implements Node.
func (c *TopCommand) String() string {
	if c == nil {
		return ""
	}
	s := c.Name
	if c.LimitSet {
		s += " " + strconv.Itoa(c.Limit)
	}
	s += joinOptions(c.Options)
	for i, f := range c.Fields {
		if i == 0 && !c.LimitSet && isDigits(f) {
			s += ` "` + f + `"` // a bare number here would be the limit
			continue
		}
		s += " " + quoteName(f, []string{"by"})
	}
	if len(c.By) > 0 {
		s += " by"
		for _, f := range c.By {
			s += " " + quoteName(f, []string{"by"})
		}
	}
	return s
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Span implements Node.
func (c *TimechartCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *TopCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*TimechartCommand) CommandName() string { return "timechart" }

// CommandName implements Command: "top" or "rare".
func (c *TopCommand) CommandName() string {
	if c == nil {
		return ""
	}
	return c.Name
}

func (*TimechartCommand) commandNode() {}
func (*TopCommand) commandNode()       {}

// ChartCommand is `chart [options] aggregates [over field [options]] [by
// field [field] [options]]`: stats with the first split as rows and the
// second as columns, one column per value of it. `over X by Y` and `by X
// Y` are the same chart.
type ChartCommand struct {
	Loc         Span
	Options     []Option    // before or among the aggregates
	Aggregates  []Aggregate // at least one
	Over        string      // the row split written with over; "" when absent
	OverOptions []Option    // options after the over field (span=, bins=)
	By          []string    // fields after by: one or two
	ByOptions   []Option    // options after the by fields
}

// Option returns the value of the named option, wherever it was written,
// and whether it was given.
func (c *ChartCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	for _, opts := range [][]Option{c.ByOptions, c.OverOptions, c.Options} {
		if v, ok := findOption(opts, key); ok {
			return v, true
		}
	}
	return "", false
}

// chartKeywords are the clause keywords of chart.
var chartKeywords = []string{"as", "by", "over"}

// String implements Node.
func (c *ChartCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("chart" + joinOptions(c.Options))
	for _, a := range c.Aggregates {
		b.WriteString(" " + a.String())
	}
	if c.Over != "" {
		b.WriteString(" over " + quoteName(c.Over, chartKeywords) + joinOptions(c.OverOptions))
	}
	if len(c.By) > 0 {
		b.WriteString(" by")
		for _, f := range c.By {
			b.WriteString(" " + quoteName(f, chartKeywords))
		}
		b.WriteString(joinOptions(c.ByOptions))
	}
	return b.String()
}

// Span implements Node.
func (c *ChartCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*ChartCommand) CommandName() string { return "chart" }

func (*ChartCommand) commandNode() {}
