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

// TestCorpus runs every runnable detection of the shared content that
// the generator compiles over the shared logs, through the interpreter
// and through DuckDB: the attack data, then each OTRF archive on its own,
// one unit in memory at a time (sqltest.CorpusUnits: the attack data and
// 4 archives by default, every archive with SPELUNK_DIFF_OTRF=all). Cost
// (2026-12-06, 1,217 detections compiled): the default units took 206 s
// of CPU and 0.8 GB peak RSS; each OTRF archive adds about 27 s of CPU,
// so all 59 take about 27 minutes of CPU: too long for CI.
func TestCorpus(t *testing.T) {
	ctx := context.Background()
	shared := filepath.Join("..", "..", "..", "shared")
	env := sqltest.CorpusEnv(t, shared)
	var total sqltest.CorpusCounts
	units := sqltest.CorpusUnits(shared)
	for _, paths := range units {
		n := corpusUnit(t, ctx, env, paths)
		t.Logf("%s: %d compared, %d with rows", filepath.Base(paths[0]), n.Compared, n.WithRows)
		total.Compared += n.Compared
		total.Events += n.Events
		total.WithRows += n.WithRows
	}
	t.Logf("%d units: %d comparisons through DuckDB (%d over raw events), %d with rows", len(units), total.Compared, total.Events, total.WithRows)
	if total.Compared == 0 {
		t.Fatal("no detection compared")
	}
}

// corpusUnit loads paths, compares every compiled detection over them
// and releases the data and the engine before returning.
func corpusUnit(t *testing.T, ctx context.Context, env *query.Env, paths []string) sqltest.CorpusCounts {
	data, err := env.Load(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
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
	return sqltest.Corpus(t, ctx, env, data, eng, sqlgen.DuckDB)
}
