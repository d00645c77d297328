package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/ingest"
)

// fieldsCmd reports, per security_content data source, which of its listed
// fields spelunk gives (for its example event or, with --data, an event of
// that source in the data), which the events' content cannot give (the
// coverage exceptions, marked x, with their reason) and which not, and
// why; then totals per add-on.
type fieldsCmd struct {
	Content  string   `help:"security_content directory (its data_sources/*.yml are read)." required:"" placeholder:"DIR"`
	Data     []string `help:"Log files whose events are checked too (each event counts for the data sources of its source and EventCode, ...)." placeholder:"FILE" sep:","`
	Format   string   `help:"Output format: text (per data source, then totals per add-on) or json." enum:"text,json" default:"text"`
	Missing  bool     `help:"List only the fields spelunk does not give and no exception explains (text format)."`
	Mappings string   `help:"YAML file of field extractions, eventtypes and data-model mappings that extends or overrides the built-in ones." placeholder:"FILE"`
	memoryFlag
	deadlineFlag
}

// Run implements the subcommand.
func (c *fieldsCmd) Run(e *env) error {
	maps, err := readMappings(c.Mappings)
	if err != nil {
		return err
	}
	specs, err := ingest.ReadDataSources(c.Content)
	if len(specs) == 0 && err != nil {
		return usageErr("--content: %v", err)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "spelunk: fields:", err)
	}
	ctx, stop, err := commandLimits(c.memoryFlag, c.deadlineFlag, "reading logs")
	if err != nil {
		return err
	}
	defer stop()
	cov, err := ingest.FieldCoverage(ctx, specs, c.Data, maps)
	err = stopCause(ctx, err)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	if c.Format == formatJSON {
		b, err := marshalJSON(cov)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, string(b))
		return w.Flush()
	}
	data := len(c.Data) > 0
	for _, s := range cov.Sources {
		fmt.Fprintf(w, "%s (%s; %s %s): %d/%d listed fields produced, %d excepted, %s covered", s.Name, s.File, s.AddOn, s.Version, s.Produced, s.Listed, s.Excepted, percent(s.Produced+s.Excepted, s.Listed))
		if data {
			fmt.Fprintf(w, ", %d in %d data events", s.InData, s.DataEvents)
		}
		switch {
		case !s.Example:
			fmt.Fprint(w, " (no example event read)")
		case s.ExampleCut:
			fmt.Fprint(w, " (example cut short: read up to the cut)")
		}
		fmt.Fprintln(w)
		for _, f := range s.Fields {
			if c.Missing && (f.Produced || f.Excepted) {
				continue
			}
			mark := "  +"
			switch {
			case f.Excepted:
				mark = "  x"
			case !f.Produced:
				mark = "  -"
			}
			line := mark + " " + f.Field
			if f.Why != "" {
				line += ": " + f.Why
			}
			if data && f.InData {
				line += " [in data]"
			}
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintln(w, "\ntotals per add-on:")
	for _, t := range cov.AddOns {
		name := strings.TrimSpace(t.AddOn + " " + t.Version)
		if name == "" {
			name = "(no add-on named)"
		}
		fmt.Fprintf(w, "  %s: %d data sources, %d/%d listed fields produced, %d excepted, %s covered", name, t.Sources, t.Produced, t.Listed, t.Excepted, percent(t.Produced+t.Excepted, t.Listed))
		if data {
			fmt.Fprintf(w, ", %d in data", t.InData)
		}
		fmt.Fprintln(w)
	}
	return w.Flush()
}

// percent formats n/of as a whole percentage, rounded down ("100%" only
// when n == of; "-" when of is 0).
func percent(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%d%%", n*100/of)
}
