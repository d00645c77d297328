package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
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

// TestOutputlookupTempFileExclusive: the temporary file is created anew
// under a random name, so a link planted at the name an earlier version
// used (.NAME.PID.tmp) is neither followed nor truncated, and nothing is
// left behind.
func TestOutputlookupTempFileExclusive(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.csv")
	if err := os.WriteFile(keep, []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	planted := ".x.csv." + strconv.Itoa(os.Getpid()) + ".tmp"
	if err := os.Symlink("keep.csv", filepath.Join(dir, planted)); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	recs := []Record{{{"a", Str("chosen")}}}
	if _, err := compileRun(t, `| outputlookup x.csv`, Options{OutputDir: dir}, recs); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(keep); string(b) != "keep\n" {
		t.Errorf("keep.csv was written through the planted link: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "x.csv")); string(b) != "a\nchosen\n" {
		t.Errorf("x.csv: %q", b)
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != planted+" keep.csv x.csv" {
		t.Errorf("files afterwards: %q", names)
	}
}
