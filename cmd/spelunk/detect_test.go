package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/golden"
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
			golden.File(t, filepath.Join("testdata", c.name), stableDurations(out))
			b, err := os.ReadFile(tl)
			require.NoError(t, err)
			golden.File(t, filepath.Join("testdata", strings.TrimSuffix(c.name, filepath.Ext(c.name))+".timeline"+c.suffix), string(b))
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

// TestDetectDamagedArchive: a folder with one truncated archive among good
// logs gives the good files' results, names the damaged file with the
// reason, and exits 1 after the results.
func TestDetectDamagedArchive(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(exampleLog)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "good.log"), good, 0o644))
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: "more.log", Mode: 0o644, Size: int64(len(good))}))
	_, err = tw.Write(good)
	require.NoError(t, err)
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	cut := buf.Bytes()[:buf.Len()/2]
	require.NoError(t, os.WriteFile(filepath.Join(dir, "damaged.tar.gz"), cut, 0o644))

	code, out, errOut := spelunk(t, "", "detect", "--content", exampleContent, "--data", dir, "--detection", "Script Execution via WMI", "--format", "json")
	assert.Equal(t, 1, code, errOut)
	assert.Contains(t, out, `"detection":"Script Execution via WMI"`, "the good file's result")
	assert.Contains(t, out, `"unreadable":["`, "the summary names the damaged input")
	assert.Contains(t, errOut, "damaged.tar.gz")
	assert.Contains(t, errOut, "could not be read")
}

// TestTimeFlags: --time-field, --time-format and --input-tz reach the
// readers; a bad zone is a usage error.
func TestTimeFlags(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "events.jsonl")
	require.NoError(t, os.WriteFile(log, []byte(`{"when":"2024/05/14 10:00:00","host":"h1"}`+"\n"), 0o644))
	code, out, errOut := spelunk(t, "", "run", "--data", log, "--time-field", "when", "--time-format", "%Y/%m/%d %H:%M:%S", "--input-tz", "Europe/Berlin",
		"--format", "csv", "search host=h1 | eval t=strftime(_time, \"%Y-%m-%dT%H:%M:%S\") | table t")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "t\n2024-05-14T08:00:00\n", out, "10:00 in Berlin (CEST) is 08:00 UTC")
	code, _, errOut = spelunk(t, "", "run", "--data", log, "--input-tz", "Mars/Olympus", "search *")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--input-tz")
}

// TestNowAndTimeoutFlags: --now refuses NaN, infinite and out-of-range
// epochs; --timeout stops a long search with a clear error.
func TestNowAndTimeoutFlags(t *testing.T) {
	for _, now := range []string{"NaN", "Inf", "1e300", "-1e300"} {
		code, _, errOut := spelunk(t, "", "run", "--now", now, "| makeresults")
		assert.Equal(t, 2, code, now)
		assert.Contains(t, errOut, "--now", now)
	}
	code, _, errOut := spelunk(t, "", "run", "--timeout", "200ms", "| makeresults count=2000000 | streamstats count | eval x=md5(count) | stats dc(x)")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "deadline")
}
