package eval_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/query"
)

// TestCorpusSmoke compiles every security_content detection and runs each
// that compiles over a few synthetic events and over small data-model
// tables: no run may fail with an internal error (a recovered panic).
func TestCorpusSmoke(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "content")
	if _, err := os.Stat(filepath.Join(dir, "detections")); err != nil {
		t.Skip("../shared/content is absent: ", err)
	}
	if testing.Short() {
		t.Skip("corpus smoke test skipped in -short mode")
	}
	env, err := query.New(query.Config{ContentDir: dir, Now: time.Unix(1700000000, 0), Limits: query.Limits{MaxRows: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	content, err := detections.Open(env)
	if err != nil {
		t.Fatal(err)
	}
	files, err := content.DetectionFiles()
	if err != nil {
		t.Fatal(err)
	}
	recs := []eval.Record{
		{{Name: "_time", Value: eval.Num(1700000000)}, {Name: "_raw", Value: eval.Str("wmic /node:x process call create")},
			{Name: "process_name", Value: eval.Str("wmic.exe")}, {Name: "dest", Value: eval.Str("h1")}, {Name: "user", Value: eval.Str("bob")}},
		{{Name: "_time", Value: eval.Num(1700000100)}, {Name: "EventCode", Value: eval.Str("4688")}, {Name: "count", Value: eval.Str("7")}},
	}
	tables := cim.Tables{}
	for _, ds := range cim.Datasets() {
		b := cim.NewBuilder(ds.FullName())
		b.Set("dest", "h1")
		b.Set("user", "bob")
		b.EndRow(1700000000)
		tables[ds.FullName()] = b.Table()
	}
	ran := 0
	for _, f := range files {
		d, err := detections.LoadFile(f)
		if err != nil {
			continue
		}
		c, err := content.Compile(d)
		if err != nil {
			continue
		}
		ran++
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if _, err := c.Program.Exec(ctx, eval.Input{Records: recs}); errors.Is(err, eval.ErrInternal) {
			t.Errorf("%s: Exec over records: %v", f, err)
		}
		if _, err := c.Exec(ctx, query.NewData(tables, nil)); errors.Is(err, eval.ErrInternal) {
			t.Errorf("%s: Run: %v", f, err)
		}
		cancel()
	}
	t.Logf("ran %d of %d detections", ran, len(files))
}
