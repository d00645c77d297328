package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

const (
	exampleData = "../../examples/data"
	// exampleLookups supplies the watchlist lookup of an example detection.
	exampleLookups = "../../examples/lookups"
	testContent    = "testdata/testcontent"
)

// junitTimes blanks the time attributes of a JUnit report for golden files.
var junitTimes = regexp.MustCompile(`time="[0-9.]+"`)

// testJUnit runs `spelunk test` with --junit and returns the exit code,
// stdout and the report with times blanked.
func testJUnit(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.xml")
	code, out, errOut := spelunk(t, "", append(args, "--junit", path)...)
	b, err := os.ReadFile(path)
	require.NoError(t, err, "stderr: %s", errOut)
	var doc struct{ XMLName xml.Name }
	require.NoError(t, xml.Unmarshal(b, &doc), "the report is well-formed XML")
	return code, out, junitTimes.ReplaceAllString(string(b), `time="0"`)
}

func TestTestGolden(t *testing.T) {
	examples := []string{"test", "--content", exampleContent, "--lookups", exampleLookups, "--attack-data", exampleData}
	mixed := []string{"test", "--content", testContent, "--macros", exampleContent + "/macros", "--attack-data", exampleData}
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"test_examples", examples, 0},
		{"test_mixed", mixed, 1},
		{"test_mixed_explain", append(append([]string(nil), mixed...), "--explain", "--detection", "Notepad Started", "--detection", "Threat Object Never Set"), 1},
		{"test_mixed_now", append(append([]string(nil), mixed...), "--now", "2025-01-01T00:00:00Z", "--detection", "Recent Scrcons From Raw Events"), 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, report := testJUnit(t, c.args...)
			assert.Equal(t, c.code, code)
			golden.File(t, filepath.Join("testdata", c.name+".txt"), out)
			golden.File(t, filepath.Join("testdata", c.name+".junit.xml"), report)
			code, out, errOut := spelunk(t, "", append(c.args, "--format", "json")...)
			assert.Equal(t, c.code, code, errOut)
			golden.File(t, filepath.Join("testdata", c.name+".json"), out)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			for _, l := range lines {
				var m map[string]any
				require.NoError(t, json.Unmarshal([]byte(l), &m), l)
			}
			assert.True(t, strings.HasPrefix(lines[len(lines)-1], `{"summary":`))
		})
	}
}

func TestTestSelection(t *testing.T) {
	code, out, _ := spelunk(t, "", "test", "--content", testContent, "--macros", exampleContent+"/macros", "--attack-data", exampleData)
	assert.Equal(t, 1, code)
	for _, excluded := range []string{"Manual Only", "Risk Correlation", "Still Experimental"} {
		assert.NotContains(t, out, excluded, "not selected by default")
	}
	code, out, errOut := spelunk(t, "", "test", "--content", testContent, "--macros", exampleContent+"/macros", "--attack-data", exampleData,
		"--detection", "Still Experimental", "--detection", "0b3a1b7e-0002-4000-8000-000000000002")
	assert.Equal(t, 0, code, "PASS and SKIP exit 0: %s", errOut)
	assert.Contains(t, out, "PASS        Still Experimental / True Positive Test (")
	assert.Contains(t, out, "SKIP        Missing Data / True Positive Test: data not found at ../../examples/data/datasets/attack_techniques/T1047/atomic_red_team/windows-sysmon.log")
	assert.Contains(t, out, "2 tests in 2 detections: 1 passed, 0 failed, 1 skipped, 0 errors, 0 unsupported")
}

func TestTestUnsupportedDoesNotFail(t *testing.T) {
	code, out, _ := spelunk(t, "", "test", "--content", testContent, "--macros", exampleContent+"/macros", "--attack-data", exampleData, "--detection", "Uses A Model")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, `UNSUPPORTED Uses A Model / True Positive Test: testdata/testcontent/detections/e_refused.yml:5:`)
}

func TestTestPathEscape(t *testing.T) {
	code, out, _ := spelunk(t, "", "test", "--content", testContent, "--attack-data", exampleData, "--detection", "Escaping Data Path", "--format", "json")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `"status":"ERROR"`)
	assert.Contains(t, out, "attack data path leaves the attack-data directory")
}

func TestTestUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no mirror", []string{"test", "--content", exampleContent, "--attack-data", "testdata/no-such-dir"}, "--attack-data testdata/no-such-dir: not a directory"},
		{"bad now", []string{"test", "--content", exampleContent, "--attack-data", exampleData, "--now", "yesterday"}, "--now"},
		{"unknown detection", []string{"test", "--content", exampleContent, "--attack-data", exampleData, "--detection", "Nope"}, `no detection named "Nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := spelunk(t, "", c.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, errOut, c.want)
		})
	}
}

func TestDetectExplain(t *testing.T) {
	code, out, errOut := spelunk(t, "", "detect", "--content", exampleContent, "--data", exampleLog, "--detection", "Remote WMI Command Attempt", "--explain")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "(2 results)\n\nexplain: Endpoint.Processes rows: 6; (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe): 3; Processes.process=*node*: 2\n"+
		"explain: tstats 6 -> 2 | rename 2 -> 2 | convert 2 -> 2 | convert 2 -> 2 | search 2 -> 2\n")
	code, out, errOut = spelunk(t, "", "detect", "--content", exampleContent, "--data", exampleLog, "--detection", "Script Execution via WMI", "--explain", "--format", "json")
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3, "a row, the explanation, the summary")
	assert.True(t, strings.HasPrefix(lines[2], `{"summary":`), lines[2])
	assert.Equal(t, `{"detection_id":"aa73f80d-d728-4077-b226-81ea0c8be589","detection":"Script Execution via WMI","explain":{"input":"Endpoint.Processes","input_rows":6,"terms":[{"term":"Processes.process_name=scrcons.exe","rows":1}],"commands":[{"command":"tstats","rows_in":6,"rows_out":1},{"command":"rename","rows_in":1,"rows_out":1},{"command":"convert","rows_in":1,"rows_out":1},{"command":"convert","rows_in":1,"rows_out":1},{"command":"search","rows_in":1,"rows_out":1}]}}`, lines[1])
}

// TestSharedRemoteWMITest runs the real "Remote WMI Command Attempt" test
// against a mirror holding, at the path its YAML names, the real Attack
// Range export of credential dumping via copy (which has a remote WMIC
// call): the file the YAML names is a Git LFS object not in the snapshot.
func TestSharedRemoteWMITest(t *testing.T) {
	shared := sharedDir(t)
	mirror := t.TempDir()
	dst := filepath.Join(mirror, "datasets/attack_techniques/T1047/atomic_red_team/windows-sysmon.log")
	require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
	// A copy: a symbolic link out of the mirror is refused.
	events, err := os.ReadFile(filepath.Join(shared, "data/attack_data/T1003.003_credential-dumping-via-copy_data.log"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dst, events, 0o644))
	code, out, errOut := spelunk(t, "", "test", "--content", filepath.Join(shared, "content"), "--attack-data", mirror,
		"--detection", "Remote WMI Command Attempt", "--format", "json")
	require.Equal(t, 0, code, "stdout: %s\nstderr: %s", out, errOut)
	var r map[string]any
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &r))
	assert.Equal(t, "PASS", r["status"])
	assert.Equal(t, "2025-11-03T09:52:41.075072Z", r["now"], "latest _time of the data + 1s")
	assert.Equal(t, float64(17), r["events"])
}

// TestSharedCorpusSkips runs every default-selected test of the shared
// security_content snapshot against an empty mirror: every test that gets
// as far as reading data is a SKIP (the snapshot has no attack_data
// mirror), none FAILs, and the run does not crash.
func TestSharedCorpusSkips(t *testing.T) {
	shared := sharedDir(t)
	if testing.Short() {
		t.Skip("the whole corpus: not in -short")
	}
	code, out, errOut := spelunk(t, "", "test", "--content", filepath.Join(shared, "content"), "--attack-data", t.TempDir(), "--format", "json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var sum struct{ Summary testSummary }
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &sum), errOut)
	s := sum.Summary
	t.Logf("corpus: %+v", s)
	assert.Zero(t, s.Pass)
	assert.Zero(t, s.Fail)
	assert.Equal(t, s.Tests, s.Skip+s.Error+s.Unsupported)
	assert.Greater(t, s.Skip, s.Tests/2)
	assert.Equal(t, map[bool]int{true: 1, false: 0}[s.Error > 0], code)
}
