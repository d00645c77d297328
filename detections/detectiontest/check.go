package detectiontest

import (
	"testing"

	"github.com/spelunk-dev/spelunk/macros/macrotest"
	"github.com/spelunk-dev/spelunk/query"
)

// Options configure CheckDetections.
type Options struct {
	// Update rewrites the golden files instead of comparing (also when the
	// environment variable SPELUNK_UPDATE_GOLDEN is set to a non-empty
	// value other than 0).
	Update bool
	// Macros are macro files or directories loaded after the content's
	// macros (later wins), as `spelunk --macros`.
	Macros []string
}

// CheckDetections expands every detection under contentDir (see
// ExpandDetections) and compares the expansions with the golden files in
// goldenDir: changed and missing files and golden files whose detection is
// gone are test errors with unified diffs; detections that fail to expand
// are test errors. App macros expand to placeholders, which are logged.
// With Update it rewrites goldenDir instead (deleting files of removed
// detections).
func CheckDetections(t testing.TB, contentDir, goldenDir string, opts Options) {
	t.Helper()
	env, err := query.New(query.Config{ContentDir: contentDir, Macros: opts.Macros, AppMacros: true})
	if err != nil {
		t.Fatal(err)
	}
	x, err := ExpandDetections(env)
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
	macrotest.Check(t, goldenDir, pinned, true, macrotest.Options{Update: opts.Update})
}
