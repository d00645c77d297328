package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/export"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

// engineFlags choose the engine of run and where DuckDB reads from.
type engineFlags struct {
	Engine       string `help:"Engine: interpreter, or duckdb (the search compiled to SQL; needs a binary built with -tags duckdb)." enum:"interpreter,duckdb" default:"interpreter"`
	Parquet      string `help:"With --engine duckdb: a directory written by spelunk export to run over instead of --data (no logs are read)." type:"existingdir" placeholder:"DIR"`
	DuckDBMemory string `help:"With --engine duckdb: DuckDB's memory_limit (sorts, aggregates and joins spill to --duckdb-temp beyond it)." name:"duckdb-memory" default:"1GB" placeholder:"SIZE"`
	DuckDBTemp   string `help:"With --engine duckdb: directory for DuckDB's spill files and for the export of --data (default: the system's temporary directory)." name:"duckdb-temp" placeholder:"DIR"`
}

// check fails early when the flags ask for an engine this binary lacks or
// combine wrongly.
func (f *engineFlags) check(hasData bool) error {
	if f.Engine != "duckdb" {
		if f.Parquet != "" {
			return usageErr("--parquet needs --engine duckdb")
		}
		return nil
	}
	if f.Parquet != "" && hasData {
		return usageErr("give the logs (--data) or an exported directory (--parquet), not both")
	}
	eng, err := duckrun.Open()
	if err != nil {
		return usageErr("--engine duckdb: %v", err)
	}
	return eng.Close()
}

// runDuckDB runs s compiled to SQL on embedded DuckDB over the Parquet
// directory f.Parquet, or over the logs paths exported first to a
// temporary directory (only the datasets, events and lookups the SQL
// reads); the search's lookups not in the directory are read from the
// content and --lookups. Memory: the export streams the raw events and
// the datasets' rows to their files (a row group per dataset at a time),
// then DuckDB runs within f.DuckDBMemory.
func (f *engineFlags) runDuckDB(ctx context.Context, stderr io.Writer, qe *query.Env, s *query.Search, paths []string) (*eval.Result, *ingest.Report, error) {
	cfg := qe.Config()
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: sqlgen.DuckDB, Lookups: qe.EvalOptions().Lookups})
	if err != nil {
		return nil, nil, sqlgen.Locate(s, err)
	}
	dir := f.Parquet
	var rep *ingest.Report
	if dir == "" && len(paths) > 0 {
		tmp, err := os.MkdirTemp(f.DuckDBTemp, "spelunk-export-")
		if err != nil {
			return nil, nil, err
		}
		defer os.RemoveAll(tmp)
		plan := exportPlan{
			out: tmp, paths: paths, ingest: cfg.Ingest,
			events: slices.Contains(out.Tables, sqlgen.EventsTable), tables: out.Tables,
			content: cfg.ContentDir, lookups: cfg.Lookups, lookupNames: out.Lookups,
		}
		if _, rep, err = plan.run(ctx, stderr); err != nil {
			return nil, rep, err
		}
		debug.FreeOSMemory() // the export's read buffers: back to the system before DuckDB runs
		dir = tmp
	}
	eng, err := duckrun.OpenWith(duckrun.Config{MemoryLimit: f.DuckDBMemory, TempDir: f.DuckDBTemp})
	if err != nil {
		return nil, rep, err
	}
	defer eng.Close()
	if dir != "" {
		if err := eng.LoadParquet(ctx, dir); err != nil {
			return nil, rep, err
		}
	}
	if slices.Contains(out.Tables, sqlgen.EventsTable) && !eng.Has(sqlgen.EventsTable) {
		if err := eng.LoadEvents(ctx, nil); err != nil { // no events: an empty table
			return nil, rep, err
		}
	}
	if err := eng.Load(ctx, nil, out.Tables); err != nil {
		return nil, rep, err
	}
	for _, name := range out.Lookups {
		if eng.Has(sqlgen.LookupTable(name)) {
			continue
		}
		header, rows, err := export.LookupRows(cfg.ContentDir, cfg.Lookups, name)
		if err != nil {
			return nil, rep, fmt.Errorf("%w (the DuckDB engine reads lookups from the exported directory, --lookups and --content)", err)
		}
		if err := eng.LoadLookup(ctx, name, header, rows); err != nil {
			return nil, rep, err
		}
	}
	res, err := eng.Exec(ctx, out)
	return res, rep, err
}
