package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/export"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

// detectEngineFlags choose the engine of detect.
type detectEngineFlags struct {
	Engine       string `help:"Engine: interpreter, or duckdb (each detection that compiles to SQL runs on embedded DuckDB over the loaded data, the others on the interpreter; needs a binary built with -tags duckdb)." enum:"interpreter,duckdb" default:"interpreter"`
	DuckDBMemory string `help:"With --engine duckdb: DuckDB's memory_limit." name:"duckdb-memory" default:"1GB" placeholder:"SIZE"`
	DuckDBTemp   string `help:"With --engine duckdb: directory for DuckDB's spill files." name:"duckdb-temp" placeholder:"DIR"`
}

// check fails early when --engine duckdb is asked of a binary without it.
func (f *detectEngineFlags) check() error {
	if f.Engine != "duckdb" {
		return nil
	}
	eng, err := duckrun.Open()
	if err != nil {
		return usageErr("--engine duckdb: %v", err)
	}
	return eng.Close()
}

// detectRunner runs one detection's search: on DuckDB when the engine is
// duckdb and the search compiles to SQL, else on the interpreter. The
// tables are loaded into DuckDB once, the events and each lookup when a
// search first needs them.
type detectRunner struct {
	flags  *detectEngineFlags
	qe     *query.Env
	data   *query.Data
	eng    *duckrun.Engine
	sqlRan int // detections run as SQL
	interp int // detections run on the interpreter
}

func (r *detectRunner) exec(ctx context.Context, s *query.Search) (*eval.Result, error) {
	if r.flags.Engine != "duckdb" {
		r.interp++
		return s.Exec(ctx, r.data)
	}
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: sqlgen.DuckDB, Lookups: r.qe.EvalOptions().Lookups})
	if err != nil {
		r.interp++
		return s.Exec(ctx, r.data) // does not compile to SQL: the interpreter
	}
	if r.eng == nil {
		if r.eng, err = duckrun.OpenWith(duckrun.Config{MemoryLimit: r.flags.DuckDBMemory, TempDir: r.flags.DuckDBTemp}); err != nil {
			return nil, err
		}
		if err := r.eng.Load(ctx, r.data.Tables, nil); err != nil {
			return nil, err
		}
	}
	if slices.Contains(out.Tables, sqlgen.EventsTable) && !r.eng.Has(sqlgen.EventsTable) {
		if err := r.eng.LoadEvents(ctx, r.data.Events); err != nil {
			return nil, err
		}
	}
	if err := r.eng.Load(ctx, nil, out.Tables); err != nil {
		return nil, err
	}
	cfg := r.qe.Config()
	for _, name := range out.Lookups {
		if r.eng.Has(sqlgen.LookupTable(name)) {
			continue
		}
		header, rows, err := export.LookupRows(cfg.ContentDir, cfg.Lookups, name)
		if err != nil {
			return nil, err
		}
		if err := r.eng.LoadLookup(ctx, name, header, rows); err != nil {
			return nil, err
		}
	}
	r.sqlRan++
	return r.eng.Exec(ctx, out)
}

// close releases DuckDB and says how the detections ran.
func (r *detectRunner) close(stderr io.Writer) {
	if r.eng != nil {
		r.eng.Close()
	}
	if r.flags.Engine == "duckdb" {
		fmt.Fprintf(stderr, "engine duckdb: %d detections ran as SQL, %d on the interpreter (they do not compile to SQL)\n", r.sqlRan, r.interp)
	}
}
