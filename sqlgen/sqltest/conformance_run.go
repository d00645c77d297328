package sqltest

import (
	"context"
	"testing"

	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// RunConformance loads the conformance tables into eng and compares its
// rows with the interpreter's for every ConformanceQueries search
// compiled for d, one subtest each. A search the generator refuses fails
// its subtest unless mayRefuse (a dialect that cannot express all of
// them), which then skips it.
func RunConformance(t *testing.T, ctx context.Context, eng Engine, d sqlgen.Dialect, mayRefuse bool) {
	t.Helper()
	env, err := query.New(query.Config{ContentDir: ConformanceContent(t)})
	if err != nil {
		t.Fatal(err)
	}
	tables := ConformanceTables()
	if err := eng.Load(ctx, tables, nil); err != nil {
		t.Fatal(err)
	}
	compare(t, ctx, env, eng, LookupsOf(env), query.NewData(tables, nil), ConformanceQueries(), d, mayRefuse)
}

// RunEventConformance loads the conformance events into eng and compares
// its rows with the interpreter's for every EventQueries search compiled
// for d; a refused search fails.
func RunEventConformance(t *testing.T, ctx context.Context, eng EventEngine, d sqlgen.Dialect) {
	t.Helper()
	env, err := query.New(query.Config{})
	if err != nil {
		t.Fatal(err)
	}
	data := query.NewData(nil, ConformanceEvents())
	if err := eng.LoadEvents(ctx, data.Events); err != nil {
		t.Fatal(err)
	}
	compare(t, ctx, env, eng, Lookups{}, data, EventQueries(), d, false)
}

// compare runs each of queries through the interpreter over data and
// through eng, one subtest each.
func compare(t *testing.T, ctx context.Context, env *query.Env, eng Engine, lookups Lookups, data *query.Data, queries []string, d sqlgen.Dialect, mayRefuse bool) {
	t.Helper()
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			s, err := env.Compile(q)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			diff, refused := Differ(t, ctx, eng, lookups, s, data, d)
			switch {
			case refused && mayRefuse:
				t.Skipf("refused for %s or not runnable", d)
			case refused:
				t.Fatal("refused or not runnable")
			case diff != "":
				t.Error(diff)
			}
		})
	}
}
