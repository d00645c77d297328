//go:build duckdb

package duckrun

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/sqltest"
)

func TestConformance(t *testing.T) {
	ctx := context.Background()
	env, err := query.New(query.Config{ContentDir: sqltest.ConformanceContent(t)})
	if err != nil {
		t.Fatal(err)
	}
	tables := sqltest.ConformanceTables()
	data := query.NewData(tables, nil)
	eng, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.Load(ctx, tables, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range sqltest.ConformanceQueries() {
		t.Run(q, func(t *testing.T) {
			s, err := env.Compile(q)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			diff, refused := sqltest.Differ(t, ctx, eng, sqltest.LookupsOf(env), s, data, sqlgen.DuckDB)
			if refused {
				t.Fatalf("refused or not runnable")
			}
			if diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestCorpus runs every runnable detection of the shared content
// that the generator compiles over the shared attack data, through the
// interpreter and through DuckDB (more data: go test -tags duckdb with
// SPELUNK_CORPUS_DATA=dir1:dir2).
func TestCorpus(t *testing.T) {
	ctx := context.Background()
	env, data := sqltest.CorpusData(t, ctx, filepath.Join("..", "..", "..", "shared"))
	eng, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.Load(ctx, data.Tables, nil); err != nil {
		t.Fatal(err)
	}
	if err := eng.LoadEvents(ctx, data.Events); err != nil {
		t.Fatal(err)
	}
	n := sqltest.Corpus(t, ctx, env, data, eng, sqlgen.DuckDB)
	t.Logf("%d detections compared through DuckDB (%d over raw events), %d with rows", n.Compared, n.Events, n.WithRows)
	if n.Compared == 0 {
		t.Fatal("no detection compared")
	}
}
