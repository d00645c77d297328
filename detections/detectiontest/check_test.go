package detectiontest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
