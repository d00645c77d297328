package ast

import "strings"

// MstatsCommand is the generating command `mstats [options] aggregates
// [WHERE <search expr>] [BY fields] [span=S]` over metric indexes. An
// aggregate's field is a metric name, which may hold wildcards
// (avg(tcp.*) as tcp.*).
type MstatsCommand struct {
	Loc        Span
	Options    []Option    // prestats=, append=, backfill=, chart=, ... before the aggregates
	Aggregates []Aggregate // at least one
	Where      SearchExpr  // nil when absent; may hold index=, earliest=, latest=, metric_name=
	By         []string
	BySpan     string // span= after the aggregates; empty when absent
}

// Option returns the value of the named option and whether it was given.
func (c *MstatsCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// FromCommand is the generating command `from <kind>:<name>`, also written
// `from <kind> <name>`: from datamodel:"Endpoint.Processes", from
// inputlookup:hosts.csv, from savedsearch:name, from lookup:name.
type FromCommand struct {
	Loc  Span
	Kind string // lower case: datamodel, inputlookup, lookup, savedsearch
	Name string // dataset name as written, quotes removed
}

// DatamodelCommand is the generating command `datamodel [model [dataset]]
// [mode] [options]`: with no arguments it lists the data models; mode is
// search, flat, acceleration_search, ... (Splunk's default is to return
// the model's JSON).
type DatamodelCommand struct {
	Loc     Span
	Options []Option // summariesonly=, strict_fields=, allow_old_summaries=
	Model   string   // "" when not given
	Dataset string   // "" when not given
	Mode    string   // lower case; "" when not given
}

// DatamodelModes are the search modes of the datamodel command.
func DatamodelModes() []string {
	return []string{"search", "flat", "acceleration_search", "acceleration_search_string", "search_string", "flat_string", "flat_search"}
}

// Option returns the value of the named option and whether it was given.
func (c *DatamodelCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// mstatsKeywords are the clause keywords of mstats.
var mstatsKeywords = []string{"as", "by", "from", "where"}

// String implements Node.
func (c *MstatsCommand) String() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("mstats" + joinOptions(c.Options))
	for _, a := range c.Aggregates {
		b.WriteString(" " + a.String())
	}
	if c.Where != nil {
		b.WriteString(" where " + c.Where.String())
	}
	if len(c.By) > 0 || c.BySpan != "" { // span= alone still needs by: outside it, it reads as part of where
		b.WriteString(" by")
		for _, f := range c.By {
			b.WriteString(" " + quoteName(f, mstatsKeywords))
		}
	}
	if c.BySpan != "" {
		b.WriteString(" span=" + NewLiteral(c.BySpan).String())
	}
	return b.String()
}

// String implements Node.
func (c *FromCommand) String() string {
	if c == nil {
		return ""
	}
	return "from " + c.Kind + ":" + QuoteField(c.Name)
}

// String implements Node.
func (c *DatamodelCommand) String() string {
	if c == nil {
		return ""
	}
	s := "datamodel"
	for _, w := range []string{c.Model, c.Dataset} {
		if w != "" {
			s += " " + quoteName(w, DatamodelModes()) // a model named like a mode must be quoted
		}
	}
	if c.Mode != "" {
		s += " " + c.Mode
	}
	return s + joinOptions(c.Options)
}

// Span implements Node.
func (c *MstatsCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *FromCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *DatamodelCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*MstatsCommand) CommandName() string { return "mstats" }

// CommandName implements Command.
func (*FromCommand) CommandName() string { return "from" }

// CommandName implements Command.
func (*DatamodelCommand) CommandName() string { return "datamodel" }

func (*MstatsCommand) commandNode()    {}
func (*FromCommand) commandNode()      {}
func (*DatamodelCommand) commandNode() {}
