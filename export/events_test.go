package export

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/eval"
)

// TestEventWriterManyDays interleaves events of more days than a writer
// keeps open: every event is written once, days continue in new parts.
func TestEventWriterManyDays(t *testing.T) {
	dir := t.TempDir()
	w := NewEventWriter(dir, Options{RowGroupRows: 3})
	const days, perDay = maxOpenDays + 3, 4
	for i := range days * perDay {
		d := i % days
		rec := eval.Record{
			{Name: "_time", Value: eval.Num(float64(d*86400 + i))},
			{Name: "_raw", Value: eval.Str("raw")},
			{Name: "tag", Value: eval.Multi("a", "b")},
			{Name: "", Value: eval.Str("unnamed")},
		}
		if err := w.Add(rec); err != nil {
			t.Fatal(err)
		}
	}
	files, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	total, parts := 0, 0
	for _, f := range files {
		total += f.Rows
		rows := readBack(t, f.Path)
		if len(rows) != f.Rows {
			t.Errorf("%s: %d rows read, %d written", f.Path, len(rows), f.Rows)
		}
		if filepath.Base(f.Path) != "part-0.parquet" {
			parts++
		}
	}
	if total != days*perDay {
		t.Errorf("%d events written, want %d", total, days*perDay)
	}
	if parts == 0 {
		t.Errorf("no day continued in a second part: files %v", files)
	}
}

func TestLookupsFromDirectory(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "hosts.csv"), []byte("host,owner\nh1,bob\nh2,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, skipped, err := Lookups(out, "", []string{src}, Options{})
	if err != nil || len(skipped) != 0 || len(files) != 1 {
		t.Fatalf("files %v skipped %v err %v: want hosts only", files, skipped, err)
	}
	rows := readBack(t, filepath.Join(out, LookupsDir, "hosts.parquet"))
	if len(rows) != 2 || rows[0]["owner"] != "bob" || rows[1]["owner"] != "<null>" || rows[1]["_seq"] != "1" {
		t.Errorf("rows %v", rows)
	}
	if _, err := Lookup(out, "../x", nil, nil, Options{}); err == nil {
		t.Error("a lookup name with a path was written")
	}
}
