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

func TestCheckDetections(t *testing.T) {
	content := t.TempDir()
	write(t, content, map[string]string{
		"macros/m.yml":              "name: m\ndefinition: search x=1\n",
		"detections/a/one.yml":      "name: One\nsearch: '`m` | `get_asset(dest)`'\n",
		"detections/b/two.yml":      "name: Two\nsearch: >-\n  `m`\n  | `nope`\n",
		"detections/b/three.yaml":   "name: Three\nsearch: search y=1\n",
		"detections/c/three.yml":    "name: Three again\nsearch: search y=2\n",
		"local/override.conf":       "[m]\ndefinition = search x=9\n",
		"golden-placeholder/.keep":  "",
		"detections/a/notes.txt":    "ignored",
		"detections/a/broken.yml":   "name: Broken\n",
		"detections/a/sub/four.yml": "name: Four\nsearch: '`m`'\n",
	})
	golden := filepath.Join(t.TempDir(), "golden")
	r := &recorder{TB: t}
	CheckDetections(r, content, golden, Options{Update: true, Macros: []string{filepath.Join(content, "local", "override.conf")}})
	errs := strings.Join(r.errs, "\n")
	for _, want := range []string{
		"broken.yml: no search: field",
		"two.yml:4:5: unknown macro `nope` (0 arguments)",
		"three.yml: same file name as",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
	if logs := strings.Join(r.logs, "\n"); !strings.Contains(logs, "one.yml:2:16: macro `get_asset(1)` ships with") {
		t.Errorf("logs:\n%s", logs)
	}
	b, _ := os.ReadFile(filepath.Join(golden, "one.spl"))
	if want := "search x=9 | spelunk_app_macro macro=\"get_asset(1)\" app=\"SA-IdentityManagement\"\n"; string(b) != want {
		t.Errorf("one.spl = %q", b)
	}
	// Compare mode: a removed detection and a changed one.
	if err := os.Remove(filepath.Join(content, "detections", "a", "sub", "four.yml")); err != nil {
		t.Fatal(err)
	}
	write(t, content, map[string]string{"detections/b/three.yaml": "name: Three\nsearch: search y=3\n"})
	r = &recorder{TB: t}
	CheckDetections(r, content, golden, Options{Macros: []string{filepath.Join(content, "local", "override.conf")}})
	errs = strings.Join(r.errs, "\n")
	for _, want := range []string{"four.spl: expansion removed", "-search x=9", "three.spl: expansion changed", "-search y=1\n+search y=3"} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
}

// TestCheckDetectionsCorpus writes golden files for the whole
// security_content snapshot and checks them again: a stock checkout
// expands completely.
func TestCheckDetectionsCorpus(t *testing.T) {
	content := filepath.Join("..", "..", "..", "shared", "content")
	if _, err := os.Stat(filepath.Join(content, "detections")); err != nil {
		t.Skipf("security_content corpus not available at %s: %v", content, err)
	}
	if testing.Short() {
		t.Skip("corpus check skipped in -short mode")
	}
	golden := t.TempDir()
	for _, update := range []bool{true, false} {
		r := &recorder{TB: t}
		CheckDetections(r, content, golden, Options{Update: update})
		if len(r.errs) != 0 {
			t.Fatalf("update=%v: %d errors, first: %s", update, len(r.errs), r.errs[0])
		}
	}
	ents, _ := os.ReadDir(golden)
	if len(ents) < 1000 {
		t.Errorf("%d golden files", len(ents))
	}
}
