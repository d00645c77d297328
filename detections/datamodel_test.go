package detections

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// Data-model detections end to end: each directory of testdata/datamodel
// holds a security_content detection's tstats search (detection.yml, the
// search line only), small synthetic XmlWinEventLog events with positives
// and negatives (events.log), and the rows Splunk would return (want.json,
// JSON lines, rewritten with -update). The events become data-model rows
// through the embedded mappings, so these cases pin the search-time fields
// the add-ons give (Network_Traffic.All_Traffic.app is Sysmon's full Image
// path). testdata/datamodel/macros holds the macro definitions the searches
// call; with the shared corpus present, its own detection and macros must
// give the same rows.
func TestDataModelDetections(t *testing.T) {
	files, err := filepath.Glob("testdata/datamodel/*/detection.yml")
	if err != nil || len(files) < 2 {
		t.Fatalf("want at least 2 data-model detections, found %d (%v)", len(files), err)
	}
	clock := query.Config{Now: rawClock}
	local := clock
	local.Macros = []string{"testdata/datamodel/macros"}
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
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d, err := LoadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			data := loadModelEvents(t, filepath.Join(dir, "events.log"))
			got := runModel(t, d, lib, data)
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
			if diff := cmp.Diff(string(want), runModel(t, real, shared, data)); diff != "" {
				t.Errorf("with the corpus macros (-want +got):\n%s", diff)
			}
		})
	}
}

// loadModelEvents reads a log with the embedded mappings and returns its
// events and data-model tables; any skipped record fails the test.
func loadModelEvents(t *testing.T, path string) *query.Data {
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

// runModel compiles d with env and runs it over data; rows as in runRaw.
func runModel(t *testing.T, d *Detection, env *query.Env, data *query.Data) string {
	t.Helper()
	c, err := env.CompileSource(d.Source())
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	res, err := c.Exec(context.Background(), data)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	var b bytes.Buffer
	for _, row := range res.Rows {
		m := map[string]any{}
		var order []string
		for i, f := range res.Fields {
			v := row[i]
			if v.IsNull() {
				continue
			}
			order = append(order, f)
			if v.IsMulti() {
				m[f] = v.Strings()
			} else {
				m[f] = v.String()
			}
		}
		b.WriteByte('{')
		for i, f := range order {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(f)
			val, _ := json.Marshal(m[f])
			b.Write(k)
			b.WriteByte(':')
			b.Write(val)
		}
		b.WriteString("}\n")
	}
	return b.String()
}
