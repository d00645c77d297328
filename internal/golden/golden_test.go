package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	if d := Diff("f", "a\nb\n", "a\nb\n"); d != "" {
		t.Errorf("equal texts: %q", d)
	}
	d := Diff("f", "a\nb\nc\n", "a\nx\nc\n")
	for _, want := range []string{"--- f\n", "+++ f (got)\n", "@@ -1,3 +1,3 @@\n", "-b\n", "+x\n"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
}

// recorder is a testing.TB that keeps what File reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, f) }
func (r *recorder) Fatalf(f string, a ...any) { r.errs = append(r.errs, f) }
func (r *recorder) Fatal(a ...any)            { r.errs = append(r.errs, "fatal") }

func TestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	File(r, path, "one\n")
	if len(r.errs) != 0 {
		t.Errorf("same text: %q", r.errs)
	}
	File(r, path, "two\n")
	if len(r.errs) != 1 {
		t.Errorf("different text: %q, want one error", r.errs)
	}
	r.errs = nil
	File(r, path+".missing", "x")
	if len(r.errs) != 1 {
		t.Errorf("missing file: %q, want one error", r.errs)
	}
}
