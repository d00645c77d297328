//go:build duckdb

package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// detectTestNames are detections over the shared attack data that fire:
// over raw events and over data models (tstats).
var detectTestNames = []string{
	"Detect Credential Dumping through LSASS access",
	"Detect Prohibited Applications Spawning cmd exe",
	"Creation of Shadow Copy with wmic and powershell",
	"Deleting Shadow Copies",
}

// keptEvents is the summary's count of events kept: with --engine duckdb
// every event is kept, not only the searches' prefiltered ones.
var keptEvents = regexp.MustCompile(`"kept":\d+`)

// TestDetectEngineDuckDB: detections over the shared attack data, through
// the interpreter and with --engine duckdb, print the same results and
// summary (run times and the events kept aside).
func TestDetectEngineDuckDB(t *testing.T) {
	shared := sharedDir(t)
	var outs []string
	var sqlLine string
	for _, engine := range []string{"interpreter", "duckdb"} {
		var stdout, stderr bytes.Buffer
		args := []string{"detect", "--engine", engine, "--format", "json", "--content", filepath.Join(shared, "content"),
			"--data", filepath.Join(shared, "data", "attack_data")}
		for _, n := range detectTestNames {
			args = append(args, "--detection", n)
		}
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code > 2 {
			t.Fatalf("%s: exit %d: %s", engine, code, stderr.String())
		}
		outs = append(outs, keptEvents.ReplaceAllString(stableDurations(stdout.String()), `"kept":0`))
		for _, l := range strings.Split(stderr.String(), "\n") {
			if strings.HasPrefix(l, "engine duckdb:") {
				sqlLine = l
			}
		}
	}
	if outs[0] != outs[1] {
		a, b := strings.Split(outs[0], "\n"), strings.Split(outs[1], "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("line %d differs:\ninterpreter: %s\nduckdb:      %s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("outputs differ in length: %d and %d lines", len(a), len(b))
	}
	if strings.Count(outs[0], "\n") < len(detectTestNames) {
		t.Errorf("fewer results than detections:\n%s", outs[0])
	}
	if !strings.Contains(sqlLine, "ran as SQL") || strings.HasPrefix(sqlLine, "engine duckdb: 0 ") {
		t.Errorf("no detection ran as SQL: %q", sqlLine)
	}
	t.Log(sqlLine)
}
