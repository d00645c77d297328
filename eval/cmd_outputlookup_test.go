package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOutputlookupWritesOnlyInOutputDir(t *testing.T) {
	dir := t.TempDir()
	recs := []Record{
		{{"user", Str("a")}, {"n", Num(1)}, {"_raw", Str("x")}, {"_time", Num(5)}},
		{{"user", Str("b")}, {"tags", Multi("p", "q")}},
	}
	res, err := compileRun(t, `| outputlookup "out file.csv"`, Options{OutputDir: dir}, recs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 {
		t.Fatalf("outputlookup must pass rows on, got %d", len(res.Rows))
	}
	data, err := os.ReadFile(filepath.Join(dir, "out_file.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "user,n,_time,tags\na,1,5,\nb,,,\"p\nq\"\n"
	if string(data) != want {
		t.Fatalf("file:\n%q\nwant\n%q", data, want)
	}
	// append merges columns
	if _, err := compileRun(t, `| eval extra="e" | outputlookup append=t out_file.csv`, Options{OutputDir: dir}, recs[:1]); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(filepath.Join(dir, "out_file.csv"))
	if !strings.HasPrefix(string(data), "user,n,_time,tags,extra\n") || !strings.HasSuffix(string(data), "a,1,5,,e\n") {
		t.Fatalf("append:\n%s", data)
	}
	for _, q := range []string{`| outputlookup "../x.csv"`, `| outputlookup ".hidden"`, `| outputlookup "a\\b"`, `| outputlookup x.csv.gz`} {
		if _, err := compileRun(t, q, Options{OutputDir: dir}, recs); err == nil {
			t.Errorf("%s: want an error", q)
		}
	}
	// a symlink planted in the output dir is not followed
	outside := filepath.Join(t.TempDir(), "victim.csv")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.csv")); err == nil {
		if _, err := compileRun(t, `| outputlookup link.csv`, Options{OutputDir: dir}, recs); err == nil {
			t.Error("outputlookup followed a symlink")
		}
		if b, _ := os.ReadFile(outside); string(b) != "keep" {
			t.Error("the file outside the output dir was changed")
		}
	}
	_, err = compileRun(t, `| outputlookup x.csv`, Options{}, recs)
	var ee *Error
	if !errors.As(err, &ee) || ee.Class() != CodeRefused || !strings.Contains(ee.Msg, "--output-dir") {
		t.Fatalf("without OutputDir: %v", err)
	}
}
