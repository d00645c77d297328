//go:build duckdb

package duckrun

import (
	"context"
	"testing"

	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/sqltest"
)

func TestEventConformance(t *testing.T) {
	ctx := context.Background()
	env, err := query.New(query.Config{})
	if err != nil {
		t.Fatal(err)
	}
	data := query.NewData(nil, sqltest.ConformanceEvents())
	eng, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.LoadEvents(ctx, data.Events); err != nil {
		t.Fatal(err)
	}
	for _, q := range sqltest.EventQueries() {
		t.Run(q, func(t *testing.T) {
			s, err := env.Compile(q)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			diff, refused := sqltest.Differ(t, ctx, eng, sqltest.Lookups{}, s, data, sqlgen.DuckDB)
			if refused {
				t.Fatalf("refused or not runnable")
			}
			if diff != "" {
				t.Error(diff)
			}
		})
	}
}
