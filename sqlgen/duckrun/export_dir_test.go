//go:build duckdb

package duckrun_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/export"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
	"github.com/spelunk-dev/spelunk/sqlgen/sqltest"
)

// TestExportedDirectory exports the conformance tables, events and
// lookups with package export and runs every conformance case over the
// Parquet views: the rows must be the interpreter's.
func TestExportedDirectory(t *testing.T) {
	ctx := context.Background()
	content := sqltest.ConformanceContent(t)
	env, err := query.New(query.Config{ContentDir: content})
	if err != nil {
		t.Fatal(err)
	}
	tables := sqltest.ConformanceTables()
	data := query.NewData(tables, sqltest.ConformanceEvents())
	dir := t.TempDir()
	opts := export.Options{RowGroupRows: 2}
	if _, err := export.Tables(dir, tables, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := export.Events(dir, data.Events, opts); err != nil {
		t.Fatal(err)
	}
	files, skipped, err := export.Lookups(dir, content, nil, opts)
	csvs, _ := filepath.Glob(filepath.Join(content, "lookups", "*.csv"))
	if err != nil || len(skipped) > 0 || len(files) != len(csvs) {
		t.Fatalf("lookups %v, skipped %v, err %v: want the %d of the content", files, skipped, err, len(csvs))
	}
	eng, err := duckrun.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.LoadParquet(ctx, dir); err != nil {
		t.Fatal(err)
	}
	for _, q := range append(sqltest.ConformanceQueries(), sqltest.EventQueries()...) {
		t.Run(q, func(t *testing.T) {
			s, err := env.Compile(q)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			// The lookups are the exported directory's views: no Dir to read rows from.
			lk := sqltest.Lookups{Resolver: env.EvalOptions().Lookups}
			diff, refused := sqltest.Differ(t, ctx, eng, lk, s, data, sqlgen.DuckDB)
			if refused {
				t.Fatalf("refused or not runnable")
			}
			if diff != "" {
				t.Error(diff)
			}
		})
	}
}
