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
// and through DuckDB, one unit in memory at a time (sqltest.CorpusUnits:
// the attack data, the EVTX samples and 4 OTRF archives by default, every
// archive with SPELUNK_DIFF_OTRF=all). Cost (2026-12-06, 1,217
// detections compiled): the attack data and 4 archives took 206 s of CPU
// and 0.8 GB peak RSS, the EVTX samples about 60 s; each OTRF archive adds
// about 27 s of CPU, so all 59 take about 27 minutes of CPU: too long for
// CI.
func TestCorpus(t *testing.T) {
	ctx := context.Background()
	sqltest.CorpusOverUnits(t, ctx, filepath.Join("..", "..", "..", "shared"), sqlgen.DuckDB, func(t *testing.T) (sqltest.EventEngine, func()) {
		eng, err := Open()
		if err != nil {
			t.Fatal(err)
		}
		return eng, func() { _ = eng.Close() }
	})
}
