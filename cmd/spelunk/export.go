package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/export"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/query"
)

// exportCmd is `spelunk export`: the data-model datasets built from the
// logs, the raw events with their fields, and the lookups of --content
// and --lookups, written as Parquet (see package export), for the SQL
// that `spelunk sql` prints and `spelunk run --engine duckdb --parquet`
// runs.
type exportCmd struct {
	dataFlags
	memoryFlag
	deadlineFlag
	Content      string   `help:"security_content directory whose lookups (lookups/*.yml and their CSV files) are exported too." type:"existingdir" placeholder:"DIR"`
	Lookups      []string `help:"Directory of lookup CSV files (NAME.csv) to export too, before --content's lookups/ (repeatable)." placeholder:"DIR"`
	Out          string   `help:"Directory to write into (created when missing)." required:"" placeholder:"DIR"`
	RowGroupRows int      `help:"Most rows per Parquet row group (bounds the memory of a writer)." default:"65536" placeholder:"N"`
	NoEvents     bool     `help:"Write the data-model datasets only, not the raw events." name:"no-events"`
}

// Run implements the subcommand.
func (c *exportCmd) Run(e *env) error {
	if len(c.Data) == 0 {
		return usageErr("export needs the logs: --data PATH")
	}
	opts, err := c.ingestOptions(e)
	if err != nil {
		return err
	}
	ctx, stop, err := commandLimits(c.memoryFlag, c.deadlineFlag, "reading logs")
	if err != nil {
		return err
	}
	defer stop()
	plan := exportPlan{
		out: c.Out, paths: c.Data, ingest: opts, events: !c.NoEvents,
		content: c.Content, lookups: c.Lookups, allLookups: true,
		opts: export.Options{RowGroupRows: c.RowGroupRows},
	}
	files, rep, err := plan.run(ctx, e.stderr)
	err = stopCause(ctx, err)
	for _, f := range files {
		fmt.Fprintf(e.stdout, "%s\t%s\t%d rows\t%s\n", f.Dataset, f.Day, f.Rows, f.Path)
	}
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	return unreadable(rep)
}

// exportPlan is one export of logs to a Parquet directory.
type exportPlan struct {
	out     string
	paths   []string
	ingest  ingest.Options
	opts    export.Options
	events  bool     // write the raw events
	tables  []string // datasets to write; nil: every one
	content string   // lookups: the content's definitions and files
	lookups []string // and the --lookups directories
	// allLookups writes every lookup found; else only those named in
	// lookupNames.
	allLookups  bool
	lookupNames []string
}

// run ingests the logs, streaming the raw events and the datasets' rows
// to their files as they are read (a dataset in pieces of a row group,
// ingest.Options.Flush), then writes the lookups. Progress and skipped
// lookups go to stderr.
func (p exportPlan) run(ctx context.Context, stderr io.Writer) ([]export.File, *ingest.Report, error) {
	var files []export.File
	tw := export.NewTableWriter(p.out, p.opts)
	p.ingest.FlushRows = p.opts.RowGroupRows
	p.ingest.Flush = func(t *cim.Table) error {
		if p.tables != nil && !slices.Contains(p.tables, t.Dataset()) {
			return nil
		}
		return tw.Add(t)
	}
	var fn func(*ingest.Event) error
	var ew *export.EventWriter
	if p.events && p.ingest.Dataset == "" {
		ew = export.NewEventWriter(p.out, p.opts)
		var rec eval.Record
		one := make([]*ingest.Event, 1)
		fn = func(ev *ingest.Event) error {
			one[0] = ev
			rec = query.NewEvents(one).AppendRecord(rec[:0], 0)
			return ew.Add(rec)
		}
	}
	_, rep, err := ingest.Walk(ctx, p.paths, p.ingest, fn)
	if ew != nil {
		fs, cerr := ew.Close()
		files = append(files, fs...)
		if err == nil {
			err = cerr
		}
	}
	fs, cerr := tw.Close()
	files = append(files, fs...)
	if err == nil {
		err = cerr
	}
	if err != nil {
		return files, rep, err
	}
	fmt.Fprintln(stderr, termsafe.Text(rep.Summary()))
	if p.allLookups {
		fs, skipped, err := export.Lookups(p.out, p.content, p.lookups, p.opts)
		files = append(files, fs...)
		for _, s := range skipped {
			fmt.Fprintf(stderr, "lookup not exported: %s\n", safeErr(s))
		}
		return files, rep, err
	}
	for _, name := range p.lookupNames {
		header, rows, err := export.LookupRows(p.content, p.lookups, name)
		if err != nil {
			return files, rep, err
		}
		f, err := export.Lookup(p.out, name, header, rows, p.opts)
		if err != nil {
			return files, rep, err
		}
		files = append(files, f)
	}
	return files, rep, nil
}
