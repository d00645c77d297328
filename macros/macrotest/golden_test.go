package macrotest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/macros"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs, logs []string
	fatal      bool
}

func (r *recorder) Helper()                   {}
func (r *recorder) Error(a ...any)            { r.errs = append(r.errs, fmt.Sprint(a...)) }
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }
func (r *recorder) Logf(f string, a ...any)   { r.logs = append(r.logs, fmt.Sprintf(f, a...)) }
func (r *recorder) Fatal(a ...any)            { r.fatal = true; r.Error(a...) }

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCompareUpdate(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"same.spl": "a\n", "old.spl": "b\n", "gone.spl": "c\n", "notes.txt": "x"})
	got := map[string]string{"same": "a", "old": "B", "new": "n"}
	changes, err := Compare(dir, got, true)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range changes {
		kinds = append(kinds, c.Name+":"+string(c.Kind))
	}
	if want := "gone:removed new:missing old:changed"; strings.Join(kinds, " ") != want {
		t.Errorf("changes %v, want %s", kinds, want)
	}
	if d := changes[2].Diff; !strings.Contains(d, "-b\n+B\n") {
		t.Errorf("diff:\n%s", d)
	}
	if c, _ := Compare(dir, got, false); len(c) != 2 {
		t.Errorf("without removed: %v", c)
	}
	if _, err := Update(dir, got, true); err != nil {
		t.Fatal(err)
	}
	if c, err := Compare(dir, got, true); err != nil || len(c) != 0 {
		t.Errorf("after Update: %v %v", c, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "gone.spl")); !os.IsNotExist(err) {
		t.Errorf("gone.spl not removed: %v", err)
	}
	if _, err := Compare(dir, map[string]string{"../x": ""}, false); err == nil {
		t.Error("bad name accepted")
	}
	if c, err := Compare(filepath.Join(dir, "missing"), got, true); err != nil || len(c) != 3 {
		t.Errorf("missing dir: %v %v", c, err)
	}
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	lib := macros.NewLibrary()
	lib.Add(macros.Macro{Name: "m", Definition: "search x=1"})
	cases := map[string]string{"one": "`m` | `drop_dm_object_name(P)`"}
	r := &recorder{TB: t}
	Golden(r, lib, dir, cases, Options{Update: true})
	if len(r.errs) != 0 {
		t.Fatal(r.errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "one.spl")); string(b) != "search x=1 | rename P.* AS *\n" {
		t.Errorf("one.spl = %q", b)
	}
	r = &recorder{TB: t}
	Golden(r, lib, dir, cases, Options{})
	if len(r.errs) != 0 {
		t.Errorf("unchanged: %v", r.errs)
	}
	lib.Add(macros.Macro{Name: "m", Definition: "search x=2"})
	r = &recorder{TB: t}
	Golden(r, lib, dir, map[string]string{"one": cases["one"], "bad": "`nope`"}, Options{})
	if got := strings.Join(r.errs, "\n"); !strings.Contains(got, "one.spl: expansion changed") || !strings.Contains(got, "+search x=2") || !strings.Contains(got, "bad:1:1: unknown macro `nope`") {
		t.Errorf("errors:\n%s", got)
	}
}

// TestUpdateRefusesSymlink: a golden file that is a symbolic link (here
// to a file outside the golden directory) is never written through.
func TestUpdateRefusesSymlink(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	target := filepath.Join(outside, "victim")
	if err := os.WriteFile(target, []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "evil"+Ext)); err != nil {
		t.Fatal(err)
	}
	_, err := Update(dir, map[string]string{"evil": "| chosen by the author"}, true)
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Update through a link: err %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep\n" {
		t.Errorf("the link's target was written: %q", b)
	}
}
