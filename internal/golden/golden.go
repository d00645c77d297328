// Package golden compares test output with golden files, and rewrites
// them when the test runs with -update:
//
//	golden.File(t, "testdata/out.golden", got)
//
//	go test ./pkg -update   # rewrite, then review with git diff
//
// Import it from tests only: it registers the -update flag.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// update is the -update flag (the test binary's flags are package state
// by nature).
var update = flag.Bool("update", false, "rewrite golden files")

// Update reports whether the test runs with -update: golden files are
// rewritten instead of compared.
func Update() bool { return *update }

// File compares got with the file at path and reports a difference as a
// unified diff; with -update it writes got to path instead (creating its
// directory).
func File(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
		return
	}
	if d := Diff(path, string(want), got); d != "" {
		t.Errorf("%s differs (run the test with -update to accept, then review with git diff):\n%s", path, d)
	}
}

// Diff returns a unified diff from want to got, both named name (the
// new text as "name (got)"), or "" when they are equal.
func Diff(name, want, got string) string {
	if want == got {
		return ""
	}
	return string(diff.Diff(name, []byte(want), name+" (got)", []byte(got)))
}
