package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/lookups"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

// checkEngine fails early when --engine names an engine this binary lacks.
func checkEngine(engine string) error {
	if engine != "duckdb" {
		return nil
	}
	eng, err := duckrun.Open()
	if err != nil {
		return usageErr("--engine duckdb: %v", err)
	}
	return eng.Close()
}

// execEngine runs s over data with the chosen engine: the interpreter, or
// the search compiled to SQL and run on embedded DuckDB.
func execEngine(ctx context.Context, engine string, qe *query.Env, s *query.Search, data *query.Data) (*eval.Result, error) {
	if engine != "duckdb" {
		return s.Exec(ctx, data)
	}
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: sqlgen.DuckDB, Lookups: qe.EvalOptions().Lookups})
	if err != nil {
		return nil, sqlgen.Locate(s, err)
	}
	eng, err := duckrun.Open()
	if err != nil {
		return nil, err
	}
	defer eng.Close()
	var tables cim.Tables
	if data != nil {
		tables = data.Tables
		if slices.Contains(out.Tables, sqlgen.EventsTable) {
			if err := eng.LoadEvents(ctx, data.Events); err != nil {
				return nil, err
			}
		}
	}
	if err := eng.Load(ctx, tables, out.Tables); err != nil {
		return nil, err
	}
	for _, name := range out.Lookups {
		header, rows, err := lookupRows(qe.Config(), name)
		if err != nil {
			return nil, err
		}
		if err := eng.LoadLookup(ctx, name, header, rows); err != nil {
			return nil, err
		}
	}
	return eng.Exec(ctx, out)
}

// lookupRows reads lookup name's CSV for the DuckDB engine where the
// interpreter would: NAME.csv (or the definition's file) in a --lookups
// directory, then the definition's file in the content's lookups/.
func lookupRows(cfg query.Config, name string) ([]string, [][]string, error) {
	r, err := lookups.Open(cfg.ContentDir)
	if err != nil {
		return nil, nil, err
	}
	file := name
	for _, d := range r.Definitions() {
		if d.Name == name && d.Filename != "" {
			file = d.Filename
		}
	}
	if !strings.HasSuffix(file, ".csv") {
		file += ".csv"
	}
	dirs := append([]string(nil), cfg.Lookups...)
	if cfg.ContentDir != "" {
		dirs = append(dirs, filepath.Join(cfg.ContentDir, "lookups"))
	}
	for _, dir := range dirs {
		for _, f := range []string{name + ".csv", file} {
			root, err := os.OpenRoot(dir)
			if err != nil {
				continue
			}
			data, err := root.ReadFile(f)
			root.Close()
			if err == nil {
				return lookups.ReadCSV(data)
			}
		}
	}
	return nil, nil, fmt.Errorf("lookup %s: no CSV file for the DuckDB engine (looked for %s in %s)", name, file, strings.Join(dirs, ", "))
}
