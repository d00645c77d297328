package main

import (
	"context"
	"fmt"

	"github.com/spelunk-dev/spelunk/export"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// exportCmd is `spelunk export`: the data-model datasets built from the
// logs, written as Parquet, one directory per dataset and UTC day (see
// package export), for the SQL that `spelunk sql` prints.
type exportCmd struct {
	dataFlags
	memoryFlag
	Out          string `help:"Directory to write into (created when missing)." required:"" placeholder:"DIR"`
	RowGroupRows int    `help:"Most rows per Parquet row group (bounds the memory of a writer)." default:"65536" placeholder:"N"`
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
	ctx, stop, err := c.watch(context.Background(), "reading logs")
	if err != nil {
		return err
	}
	defer stop()
	tables, rep, err := ingest.Load(ctx, c.Data, opts)
	if me := query.MemoryLimitCause(ctx); me != nil && err != nil {
		err = me
	}
	if err != nil {
		return usageErr("%v", err)
	}
	fmt.Fprintln(e.stderr, rep.Summary())
	files, err := export.Tables(c.Out, tables, export.Options{RowGroupRows: c.RowGroupRows})
	for _, f := range files {
		fmt.Fprintf(e.stdout, "%s\t%s\t%d rows\t%s\n", f.Dataset, f.Day, f.Rows, f.Path)
	}
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	return nil
}
