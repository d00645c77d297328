package detections

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// rawClock is the searches' clock in the detection cases.
var rawClock = time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC)

// runDetectionCases runs the detection cases under dir: each
// dir/*/detection.yml runs, with the macros of dir/macros, over the
// events.log beside it, and must give the rows of want.json (rewritten
// with -update); with the shared corpus present, the corpus's own
// detection of the same file name and its macros must give the same rows.
// There must be at least minCases cases; check, when set, is called with
// each compiled search.
func runDetectionCases(t *testing.T, dir string, minCases int, check func(*testing.T, *Detection, *query.Search)) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "detection.yml"))
	if err != nil || len(files) < minCases {
		t.Fatalf("want at least %d detection cases under %s, found %d (%v)", minCases, dir, len(files), err)
	}
	clock := query.Config{Now: rawClock, Location: time.UTC}
	local := clock
	local.Macros = []string{filepath.Join(dir, "macros")}
	lib, err := query.New(local)
	if err != nil {
		t.Fatal(err)
	}
	var shared *query.Env
	corpus := clock
	corpus.ContentDir = corpusDir
	if env, err := query.New(corpus); err == nil {
		shared = env
	}
	for _, file := range files {
		caseDir := filepath.Dir(file)
		t.Run(filepath.Base(caseDir), func(t *testing.T) {
			d, err := LoadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			data := loadCaseEvents(t, filepath.Join(caseDir, "events.log"))
			got := caseRows(t, d, lib, data, check)
			wantFile := filepath.Join(caseDir, "want.json")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s rows (-want +got):\n%s", d.Name, diff)
			}
			if strings.TrimSpace(got) == "" {
				t.Errorf("%s: no rows; every case needs a positive", d.Name)
			}
			if shared == nil {
				return
			}
			real, err := LoadFile(filepath.Join(corpusDir, "detections", "endpoint", filepath.Base(caseDir)+".yml"))
			if err != nil {
				t.Logf("corpus detection not found: %v", err)
				return
			}
			if real.Search != d.Search {
				t.Errorf("the corpus search changed:\n%s", real.Search)
			}
			if diff := cmp.Diff(string(want), caseRows(t, real, shared, data, check)); diff != "" {
				t.Errorf("with the corpus macros (-want +got):\n%s", diff)
			}
		})
	}
}

// loadCaseEvents reads a log the way the CLI does, into raw events and
// data-model tables, and fails on any skipped record.
func loadCaseEvents(t *testing.T, path string) *query.Data {
	t.Helper()
	evs, tabs, rep, err := ingest.LoadEvents(context.Background(), []string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		if f.Skipped > 0 {
			t.Fatalf("%s: %d records skipped: %+v", f.Path, f.Skipped, f.Skips)
		}
	}
	if len(evs) == 0 {
		t.Fatalf("%s: no events", path)
	}
	return query.NewData(tabs, evs)
}

// caseRows compiles d with env and runs it over data; the rows come back
// as JSON lines: non-null fields in column order, values as strings,
// multivalues as arrays.
func caseRows(t *testing.T, d *Detection, env *query.Env, data *query.Data, check func(*testing.T, *Detection, *query.Search)) string {
	t.Helper()
	c, err := env.CompileSource(d.Source())
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	if check != nil {
		check(t, d, c)
	}
	res, err := c.Exec(context.Background(), data)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	var b strings.Builder
	for _, row := range res.Rows {
		line, err := row.JSON(res.Fields)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}
