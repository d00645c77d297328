package chserver

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/sqltest"
)

// connect connects to the server named by SPELUNK_CLICKHOUSE_ADDR,
// skipping t when there is none.
func connect(t *testing.T, ctx context.Context) *Engine {
	t.Helper()
	addr := os.Getenv("SPELUNK_CLICKHOUSE_ADDR")
	if addr == "" {
		t.Skip("SPELUNK_CLICKHOUSE_ADDR is not set: no ClickHouse server to run the SQL on (.ci/clickhouse start starts one)")
	}
	eng, err := Open(ctx, addr)
	if err != nil {
		t.Skipf("no ClickHouse server at SPELUNK_CLICKHOUSE_ADDR=%s: %v", addr, err)
	}
	t.Cleanup(func() {
		if err := eng.Close(); err != nil {
			t.Error(err)
		}
	})
	return eng
}

// open is connect for the differential tests: it skips t, saying what is
// missing, when the server lacks a construct the dialect writes (every
// compiled search would fail there for the same few reasons).
func open(t *testing.T, ctx context.Context) *Engine {
	t.Helper()
	eng := connect(t, ctx)
	v, err := eng.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	missing, err := eng.Missing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Skipf("ClickHouse %s lacks what the ClickHouse dialect writes (docs/sql.md):\n  %s", v, strings.Join(missing, "\n  "))
	}
	t.Logf("ClickHouse server %s", v)
	return eng
}

// TestConformance compares the server's rows with the interpreter's for
// the synthetic table and lookups the DuckDB engine is tested with.
func TestConformance(t *testing.T) {
	ctx := context.Background()
	sqltest.RunConformance(t, ctx, open(t, ctx), sqlgen.ClickHouse, true)
}

// TestCorpus runs every runnable detection of the shared content that
// the generator compiles for ClickHouse over the shared logs, through the
// interpreter and through the server, one unit of logs at a time
// (sqltest.CorpusUnits: the attack data, the EVTX samples and 4 OTRF
// archives by default), each in a database of its own.
func TestCorpus(t *testing.T) {
	ctx := context.Background()
	sqltest.CorpusOverUnits(t, ctx, filepath.Join("..", "..", "..", "shared"), sqlgen.ClickHouse, func(t *testing.T) (sqltest.EventEngine, func()) {
		eng := open(t, ctx)
		return eng, func() { _ = eng.Close() }
	})
}

// TestEventConformance compares the server's rows with the interpreter's
// for searches over the synthetic raw events.
func TestEventConformance(t *testing.T) {
	ctx := context.Background()
	sqltest.RunEventConformance(t, ctx, open(t, ctx), sqlgen.ClickHouse)
}

// TestWildcardLimit: a WILDCARD lookup value with more '*' than the SQL
// looks for makes the query fail rather than match wrongly.
func TestWildcardLimit(t *testing.T) {
	ctx := context.Background()
	eng := open(t, ctx)
	dir := sqltest.ConformanceContent(t)
	env, err := query.New(query.Config{ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Load(ctx, sqltest.ConformanceTables(), nil); err != nil {
		t.Fatal(err)
	}
	s, err := env.Compile(`| tstats count from datamodel=Endpoint.Processes by Processes.process | rename Processes.process as process | lookup procs pattern AS process OUTPUT kind`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: sqlgen.ClickHouse, Lookups: env.EvalOptions().Lookups})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pattern string
		fails   bool
	}{
		{strings.Repeat("*c", 8) + "*", false}, // 9 '*': 8 pieces between the first and last
		{strings.Repeat("*c", 9) + "*", true},
	} {
		if err := eng.LoadLookup(ctx, "procs", []string{"pattern", "kind"}, [][]string{{c.pattern, "k"}}); err != nil {
			t.Fatal(err)
		}
		_, err := eng.Exec(ctx, out)
		if (err != nil) != c.fails {
			t.Errorf("pattern %s: error %v, want failure %v", c.pattern, err, c.fails)
		}
	}
}
