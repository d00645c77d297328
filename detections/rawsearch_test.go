package detections

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/query"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/ingest"
)

// Raw-event detections end to end: each directory of testdata/raw holds a
// security_content detection's search (detection.yml, the search line
// only), small synthetic XmlWinEventLog events modelled on real Sysmon and
// Security logs with positives and negatives (events.log), and the exact
// rows Splunk would return (want.json, JSON lines, values as strings,
// rewritten with -update). testdata/raw/macros holds the few macro
// definitions the searches call, so the test runs without the shared
// corpus; with it, the corpus's own detection and macros must give the same
// rows.

// rawClock is the search's clock for the raw-event tests.
var rawClock = time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC)

func TestRawSearchDetections(t *testing.T) {
	dirs, err := filepath.Glob("testdata/raw/*/detection.yml")
	if err != nil || len(dirs) < 10 {
		t.Fatalf("want at least 10 raw-search detections, found %d (%v)", len(dirs), err)
	}
	clock := query.Config{Now: rawClock, Location: time.UTC}
	local := clock
	local.Macros = []string{"testdata/raw/macros"}
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
	for _, file := range dirs {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d, err := LoadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			recs := loadRawEvents(t, filepath.Join(dir, "events.log"))
			got := runRaw(t, d, lib, recs)
			wantFile := filepath.Join(dir, "want.json")
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
			real, err := LoadFile(filepath.Join(corpusDir, "detections", "endpoint", filepath.Base(dir)+".yml"))
			if err != nil {
				t.Logf("corpus detection not found: %v", err)
				return
			}
			if real.Search != d.Search {
				t.Errorf("the corpus search changed:\n%s", real.Search)
			}
			if diff := cmp.Diff(string(want), runRaw(t, real, shared, recs)); diff != "" {
				t.Errorf("with the corpus macros (-want +got):\n%s", diff)
			}
		})
	}
}

// loadRawEvents reads a log the way the CLI does and fails on any skip.
func loadRawEvents(t *testing.T, path string) *query.Data {
	t.Helper()
	evs, _, rep, err := ingest.LoadEvents(context.Background(), []string{path}, ingest.Options{})
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
	return query.NewData(nil, evs)
}

// runRaw compiles d with env and runs it over data; the rows come back as
// JSON lines: non-null fields in column order, values as strings,
// multivalues as arrays.
func runRaw(t *testing.T, d *Detection, env *query.Env, data *query.Data) string {
	t.Helper()
	c, err := env.CompileSource(d.Source())
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	if !c.Needs().Events {
		t.Fatalf("%s does not read raw events", d.Name)
	}
	res, err := c.Exec(context.Background(), data)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	var b bytes.Buffer
	for _, row := range res.Rows {
		b.WriteByte('{')
		n := 0
		for i, f := range res.Fields {
			v := row[i]
			if v.IsNull() {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			k, _ := json.Marshal(f)
			b.Write(k)
			b.WriteByte(':')
			var val []byte
			if v.IsMulti() {
				val, _ = json.Marshal(v.Strings())
			} else {
				val, _ = json.Marshal(v.String())
			}
			b.Write(val)
		}
		b.WriteString("}\n")
	}
	return b.String()
}
