package main

import (
	"context"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
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
func execEngine(ctx context.Context, engine string, s *query.Search, data *query.Data) (*eval.Result, error) {
	if engine != "duckdb" {
		return s.Exec(ctx, data)
	}
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: sqlgen.DuckDB})
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
	}
	if err := eng.Load(ctx, tables, out.Tables); err != nil {
		return nil, err
	}
	return eng.Exec(ctx, out)
}
