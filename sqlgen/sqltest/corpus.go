package sqltest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// CorpusEnv is the environment of the shared content in the directory
// shared (the path relative to the test's package, e.g.
// ../../../shared); it skips t when shared has no content.
func CorpusEnv(t testing.TB, shared string) *query.Env {
	t.Helper()
	if _, err := os.Stat(filepath.Join(shared, "content")); err != nil {
		t.Skip("no " + filepath.Join(shared, "content") + ": the shared corpus is not beside the repository")
	}
	env, err := query.New(query.Config{ContentDir: filepath.Join(shared, "content")})
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// CorpusData loads the shared content and attack data (see CorpusEnv).
// SPELUNK_CORPUS_DATA (paths separated as in PATH) replaces the attack
// data.
func CorpusData(t testing.TB, ctx context.Context, shared string) (*query.Env, *query.Data) {
	t.Helper()
	env := CorpusEnv(t, shared)
	paths := []string{filepath.Join(shared, "data", "attack_data")}
	if more := os.Getenv("SPELUNK_CORPUS_DATA"); more != "" {
		paths = strings.Split(more, string(os.PathListSeparator))
	}
	data, err := env.Load(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	return env, data
}

// OTRFSubset is how many OTRF archives CorpusUnits gives without
// SPELUNK_DIFF_OTRF=all.
const OTRFSubset = 4

// CorpusUnits are the shared logs as units loaded one at a time: the
// attack data, the EVTX samples (their .evtx files together, 10 MB), then
// each OTRF archive on its own (the data of all of them at once takes
// about 9 GB). Every OTRF archive with SPELUNK_DIFF_OTRF=all,
// otherwise the first OTRFSubset in name order; SPELUNK_CORPUS_DATA
// (paths separated as in PATH) replaces the units, one per path.
func CorpusUnits(shared string) [][]string {
	if more := os.Getenv("SPELUNK_CORPUS_DATA"); more != "" {
		var units [][]string
		for _, p := range strings.Split(more, string(os.PathListSeparator)) {
			units = append(units, []string{p})
		}
		return units
	}
	units := [][]string{{filepath.Join(shared, "data", "attack_data")}}
	if evtx, _ := filepath.Glob(filepath.Join(shared, "data", "evtx_attack_samples", "*.evtx")); len(evtx) > 0 {
		slices.Sort(evtx)
		units = append(units, evtx)
	}
	otrf, _ := filepath.Glob(filepath.Join(shared, "data", "otrf_windows", "*.*"))
	otrf = slices.DeleteFunc(otrf, func(p string) bool { return !strings.HasSuffix(p, ".zip") && !strings.HasSuffix(p, ".gz") })
	slices.Sort(otrf)
	if os.Getenv("SPELUNK_DIFF_OTRF") != "all" && len(otrf) > OTRFSubset {
		otrf = otrf[:OTRFSubset]
	}
	for _, p := range otrf {
		units = append(units, []string{p})
	}
	return units
}

// CorpusCounts are the detections Corpus compared.
type CorpusCounts struct {
	// Compared: compiled and run by both; Matched: with equal rows.
	Compared, Matched int
	// Events: compared searches over raw events; WithRows: compared
	// searches whose interpreter result has rows (a lone tstats count
	// row excepted).
	Events, WithRows int
}

// Corpus runs every runnable, not deprecated detection of env's content
// that the generator compiles for d through the interpreter over data and
// through eng (loaded with data's tables by the caller), reporting each
// difference as an error of t.
func Corpus(t testing.TB, ctx context.Context, env *query.Env, data *query.Data, eng Engine, d sqlgen.Dialect) CorpusCounts {
	t.Helper()
	content, err := detections.Open(env)
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := content.Detections()
	if err != nil {
		t.Fatal(err)
	}
	var n CorpusCounts
	lk := LookupsOf(env)
	for _, det := range ds {
		if det.Deprecated() {
			continue
		}
		s, err := content.Compile(det)
		if err != nil {
			continue
		}
		diff, refused := Differ(t, ctx, eng, lk, s, data, d)
		if refused {
			continue
		}
		n.Compared++
		if _, ok := s.Query.Commands[0].(*ast.SearchCommand); ok {
			n.Events++
		}
		if res, err := s.Exec(ctx, data); err == nil && len(res.Rows) > 0 && !(len(res.Rows) == 1 && len(s.Query.Commands) == 1) {
			n.WithRows++
		}
		if diff != "" {
			t.Errorf("%s (%s):\n%s", det.Name, det.File, diff)
		} else {
			n.Matched++
		}
	}
	return n
}

// EventEngine is an Engine that also loads raw events (query.Events), as
// the corpus comparison needs.
type EventEngine interface {
	Engine
	LoadEvents(ctx context.Context, evs *query.Events) error
}

// CorpusOverUnits runs Corpus over each unit of CorpusUnits(shared) in
// turn, one unit in memory at a time: it loads the unit, opens an engine
// with open, loads the unit's tables and events into it, compares, and
// closes the engine with the function open returned. It logs each unit's
// counts and the totals, which it returns, and fails t when nothing was
// compared; it skips t when shared has no content.
func CorpusOverUnits(t *testing.T, ctx context.Context, shared string, d sqlgen.Dialect, open func(t *testing.T) (EventEngine, func())) CorpusCounts {
	t.Helper()
	env := CorpusEnv(t, shared)
	var total CorpusCounts
	units := CorpusUnits(shared)
	for _, paths := range units {
		n := corpusUnit(t, ctx, env, paths, d, open)
		t.Logf("%s: %d compared, %d with rows", filepath.Base(paths[0]), n.Compared, n.WithRows)
		total.Compared += n.Compared
		total.Matched += n.Matched
		total.Events += n.Events
		total.WithRows += n.WithRows
	}
	t.Logf("%d units: %d comparisons through %s (%d over raw events), %d with rows", len(units), total.Compared, d, total.Events, total.WithRows)
	if total.Compared == 0 {
		t.Fatal("no detection compared")
	}
	return total
}

// corpusUnit is CorpusOverUnits for one unit.
func corpusUnit(t *testing.T, ctx context.Context, env *query.Env, paths []string, d sqlgen.Dialect, open func(t *testing.T) (EventEngine, func())) CorpusCounts {
	t.Helper()
	data, err := env.Load(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	eng, closeEngine := open(t)
	defer closeEngine()
	if err := eng.Load(ctx, data.Tables, nil); err != nil {
		t.Fatal(err)
	}
	if err := eng.LoadEvents(ctx, data.Events); err != nil {
		t.Fatal(err)
	}
	return Corpus(t, ctx, env, data, eng, d)
}
