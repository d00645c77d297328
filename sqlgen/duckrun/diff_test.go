//go:build duckdb

package duckrun

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/sqltest"
)

// TestConformance compares DuckDB's rows with the interpreter's for the
// synthetic tables and lookups; every search must compile.
func TestConformance(t *testing.T) {
	eng, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	sqltest.RunConformance(t, context.Background(), eng, sqlgen.DuckDB, false)
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
