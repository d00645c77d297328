package macrotest

import (
	"os"
	"testing"

	"github.com/spelunk-dev/spelunk/macros"
)

// Options configure Golden and Check.
type Options struct {
	// Update rewrites the golden files instead of comparing (also when the
	// environment variable SPELUNK_UPDATE_GOLDEN is set to a non-empty
	// value other than 0).
	Update bool
	// Expand are the expansion options of Golden. Eval-based (iseval)
	// and validated macros need its EvalString and Validate hooks:
	// query.Env fills them with spelunk's evaluator, and pinning whole
	// detections (package detections/detectiontest) expands through it.
	Expand macros.Options
}

func (o Options) update() bool {
	v := os.Getenv("SPELUNK_UPDATE_GOLDEN")
	return o.Update || (v != "" && v != "0")
}

// Golden expands each search of cases (golden file stem → search text)
// with lib and compares the result with dir/<stem>.spl, reporting each
// difference (or expansion error) as a test error with a unified diff.
// With Update it writes the files instead. Golden files in dir for other
// names are left alone.
func Golden(t testing.TB, lib *macros.Library, dir string, cases map[string]string, opts Options) {
	t.Helper()
	got := map[string]string{}
	for name, search := range cases {
		x, err := lib.Expand(search, macros.Location{File: name, Line: 1, Col: 1}, opts.Expand)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got[name] = x.Text
	}
	finish(t, dir, got, false, opts)
}

// Check compares got (golden file stem → expanded search) with the
// golden files in dir, reporting each changed or missing file (and, with
// removed, each golden file whose name got lacks) as a test error with a
// unified diff; with Update it rewrites the files instead. Golden and the
// detection-level helper (package detections/detectiontest) finish with
// it.
func Check(t testing.TB, dir string, got map[string]string, removed bool, opts Options) {
	t.Helper()
	finish(t, dir, got, removed, opts)
}

func finish(t testing.TB, dir string, got map[string]string, removed bool, opts Options) {
	t.Helper()
	if opts.update() {
		changes, err := Update(dir, got, removed)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			t.Logf("%s: %s, updated", c.Golden, c.Kind)
		}
		return
	}
	changes, err := Compare(dir, got, removed)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		t.Errorf("%s: expansion %s (rerun with -update or SPELUNK_UPDATE_GOLDEN=1 to accept):\n%s", c.Golden, c.Kind, c.Diff)
	}
}
