package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// durations are the run times in detect's summary.
var durations = regexp.MustCompile(`took \d+\.\d+s|"seconds":[0-9.]+`)

// stableDurations replaces run times with zero, for goldens.
func stableDurations(s string) string {
	return durations.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "took") {
			return "took 0.00s"
		}
		return `"seconds":0`
	})
}

// TestDetectAllGolden: every example detection over one read of the
// example logs, with the summary and the timeline, in text and JSON.
func TestDetectAllGolden(t *testing.T) {
	all := []string{"detect", "--content", exampleContent, "--lookups", exampleLookups, "--data", exampleData}
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		suffix string
	}{
		{"detect_all.txt", all, 0, ".jsonl"},
		{"detect_all.json", append(all, "--format", "json"), 0, ".csv"},
		{"detect_fail_on_results.txt", append(all, "--fail-on-results", "--type", "TTP", "--name", "*scrcons*,script_*"), 1, ".jsonl"},
		{"detect_selection_none.txt", append(all, "--mitre", "T9999", "--fail-on-results"), 0, ".jsonl"},
		{"detect_now.txt", append(all, "--now", "2025-01-01T00:00:00Z", "--exclude", "Remote WMI*"), 0, ".jsonl"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tl := filepath.Join(t.TempDir(), "timeline"+c.suffix)
			code, out, errOut := spelunk(t, "", append(c.args, "--timeline", tl)...)
			require.Equal(t, c.code, code, "stderr: %s", errOut)
			golden(t, c.name, stableDurations(out))
			b, err := os.ReadFile(tl)
			require.NoError(t, err)
			golden(t, strings.TrimSuffix(c.name, filepath.Ext(c.name))+".timeline"+c.suffix, string(b))
		})
	}
}

// TestDetectClock: without --now the clock is the data's, and stderr says
// so; a detection with now()-relative bounds fires on historical data.
func TestDetectClock(t *testing.T) {
	code, _, errOut := spelunk(t, "", "detect", "--content", exampleContent, "--data", exampleData, "--detection", "Remote WMI Command Attempt")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "clock: 2024-05-14T10:31:01Z (latest event + 1s; set it with --now)")
	code, _, errOut = spelunk(t, "", "detect", "--content", exampleContent, "--data", exampleData, "--detection", "Remote WMI Command Attempt", "--now", "2025-01-01T00:00:00Z")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "clock: 2025-01-01T00:00:00Z (--now)")
}

// TestDetectHelpShowsSelection: the selection flags and the default are
// in --help.
func TestDetectHelpShowsSelection(t *testing.T) {
	_, out, _ := spelunk(t, "", "detect", "--help")
	for _, f := range []string{"--type", "--status", "--mitre", "--story", "--data-source", "--name", "--exclude", "--timeline", "--fail-on-results", "production TTP, Anomaly and Hunting"} {
		assert.Contains(t, out, f)
	}
}
