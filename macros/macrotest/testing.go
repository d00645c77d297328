package macrotest

import (
	"os"
	"testing"

	"github.com/spelunk-dev/spelunk/macros"
)

// Options configure Golden and CheckDetections.
type Options struct {
	// Update rewrites the golden files instead of comparing (also when the
	// environment variable SPELUNK_UPDATE_GOLDEN is set to a non-empty
	// value other than 0).
	Update bool
	// Expand are the expansion options. CheckDetections always sets
	// AppMacros, so that app macros show up as placeholders.
	Expand macros.Options
	// Macros are macro files or directories loaded after the content's
	// macros (later wins), as `spelunk --macros`; CheckDetections only.
	Macros []string
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

// CheckDetections expands every detection under contentDir (see
// ExpandDetections) and compares the expansions with the golden files in
// goldenDir: changed and missing files and golden files whose detection is
// gone are test errors with unified diffs; detections that fail to expand
// are test errors. App macro placeholders are logged. With Update it
// rewrites goldenDir instead (deleting files of removed detections).
func CheckDetections(t testing.TB, contentDir, goldenDir string, opts Options) {
	t.Helper()
	eo := opts.Expand
	eo.AppMacros = true
	x, err := ExpandDetections(contentDir, opts.Macros, eo)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range x.Errors {
		t.Error(e)
	}
	for _, w := range x.Warnings {
		t.Logf("warning: %s", w)
	}
	pinned, err := x.Pinned(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	finish(t, goldenDir, pinned, true, opts)
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
