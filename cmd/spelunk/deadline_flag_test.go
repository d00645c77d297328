package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandTimeout: events, fields, check and export stop at their
// --timeout with an error that names it, and without one finish.
func TestCommandTimeout(t *testing.T) {
	// Enough events that reading them takes far longer than the deadline.
	dir := t.TempDir()
	log := filepath.Join(dir, "many.json")
	var b strings.Builder
	for i := range 200_000 {
		b.WriteString(`{"_time": 1700000000, "n": "`)
		b.WriteString(strings.Repeat("x", i%50))
		b.WriteString("\"}\n")
	}
	if err := os.WriteFile(log, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"events", []string{"events", "--timeout", "1ms", log}, 2},
		{"fields", []string{"fields", "--timeout", "1ms", "--content", "../../ingest/testdata/coverage", "--data", log}, 2},
		{"check", []string{"check", "--timeout", "1ns", "--content", exampleContent}, 2},
		{"export", []string{"export", "--timeout", "1ms", "--data", log, "--out", t.TempDir()}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := spelunk(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, "stopped after --timeout") {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
		})
	}
	code, _, stderr := spelunk(t, "", "events", "--timeout", "10m", exampleLog)
	if code != 0 {
		t.Fatalf("events with a long timeout: exit %d: %s", code, stderr)
	}
}
