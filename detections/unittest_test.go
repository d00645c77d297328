package detections

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/query"
)

const wmiURL = "https://media.githubusercontent.com/media/splunk/attack_data/master/wmi_sysmon.log"

// mirror builds an attack-data directory holding the example log as
// wmi_sysmon.log.
func mirror(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(exampleContent, "..", "data", "wmi_sysmon.log"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wmi_sysmon.log"), data, 0o644))
	return dir
}

// testDetection parses a detection whose search and extra YAML are given,
// with one test reading data.
func testDetection(t *testing.T, search, extra, data string) *Detection {
	t.Helper()
	yml := "name: T\nid: t-1\nstatus: production\ntype: TTP\nsearch: '" + strings.ReplaceAll(search, "'", "''") + "'\n" + extra +
		"tests:\n- name: True Positive Test\n  attack_data:\n  - data: " + data +
		"\n    source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\n    sourcetype: xmlwineventlog\n"
	d, err := Parse("t.yml", []byte(yml))
	require.NoError(t, err)
	return d
}

func TestContentTestExamples(t *testing.T) {
	c := openContent(t, exampleContent)
	dir := mirror(t)
	for _, name := range []string{"Remote WMI Command Attempt", "Script Execution via WMI"} {
		d, err := c.Find(name)
		require.NoError(t, err)
		ok, why := d.Testable()
		assert.True(t, ok, why)
		rs, err := c.Test(context.Background(), d, TestOptions{AttackData: dir})
		require.NoError(t, err)
		require.Len(t, rs, 1)
		r := rs[0]
		assert.Equal(t, TestPass, r.Status, r.Reason)
		assert.Equal(t, "True Positive Test", r.Test)
		assert.Equal(t, 7, r.Events)
		assert.True(t, r.NowFromData)
		assert.Equal(t, time.Date(2024, 5, 14, 10, 31, 1, 0, time.UTC), r.Now, "latest _time + 1s")
		assert.Equal(t, []string{filepath.Join(dir, "wmi_sysmon.log")}, r.Data)
	}
}

func TestContentTestStatuses(t *testing.T) {
	c := openContent(t, exampleContent)
	dir := mirror(t)
	victim := "tags:\n  observable:\n  - name: dest\n    role: [Victim]\n"
	tstats := "| tstats count from datamodel=Endpoint.Processes where Processes.process_name=scrcons.exe by Processes.dest | `drop_dm_object_name(Processes)`"
	cases := []struct {
		name   string
		search string
		extra  string
		data   string
		opts   TestOptions
		status TestStatus
		reason string // substring
	}{
		{"pass", tstats, victim, wmiURL, TestOptions{}, TestPass, "result 1 of 1"},
		{"no results", strings.Replace(tstats, "scrcons", "notepad", 1), victim, wmiURL, TestOptions{}, TestFail, "no results"},
		{"risk object lacking", tstats, "tags:\n  observable:\n  - name: user\n    role: [Victim]\n", wmiURL, TestOptions{}, TestFail, "result 1 lacks risk-object field user"},
		{"missing data", tstats, victim, "https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/x/none.log", TestOptions{}, TestSkip, "data not found at " + filepath.Join(dir, "datasets/x/none.log")},
		{"path escape", tstats, victim, "https://media.githubusercontent.com/media/splunk/attack_data/master/../x.log", TestOptions{}, TestError, "leaves the attack-data directory"},
		{"unknown macro", tstats + " | `nope`", victim, wmiURL, TestOptions{}, TestError, "t.yml:5:"},
		{"refused command", tstats + " | sendemail to=x@example.com", victim, wmiURL, TestOptions{}, TestUnsupported, `command "sendemail" is refused`},
		{"manual test", tstats, victim + "manual_test: needs ES\n", wmiURL, TestOptions{}, TestPass, ""}, // detection-level manual_test only stops default selection
		{"raw search, clock from data", `source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" process_name=scrcons.exe | where _time >= relative_time(now(), "-1h") | stats count by dest`, victim, wmiURL, TestOptions{}, TestPass, ""},
		{"raw search, clock from --now", `source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" process_name=scrcons.exe | where _time >= relative_time(now(), "-1h") | stats count by dest`, victim, wmiURL,
			TestOptions{}, TestFail, "no results"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := testDetection(t, tc.search, tc.extra, tc.data)
			opts := tc.opts
			opts.AttackData = dir
			c := c
			if strings.Contains(tc.name, "--now") {
				c = openContentWith(t, exampleContent, query.Config{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
			}
			rs, err := c.Test(context.Background(), d, opts)
			require.NoError(t, err)
			require.Len(t, rs, 1)
			assert.Equal(t, tc.status, rs[0].Status, rs[0].Reason)
			assert.Contains(t, rs[0].Reason, tc.reason)
			if tc.status == TestError || tc.status == TestUnsupported {
				assert.Error(t, rs[0].Err)
			}
		})
	}
}

func TestContentTestSearchErrorPosition(t *testing.T) {
	c := openContent(t, exampleContent)
	d := testDetection(t, "| tstats count from datamodel=Endpoint.Processes by Processes.dest | apply m", "", wmiURL)
	rs, err := c.Test(context.Background(), d, TestOptions{AttackData: mirror(t)})
	require.NoError(t, err)
	var se *query.SearchError
	require.ErrorAs(t, rs[0].Err, &se)
	assert.Equal(t, "t.yml", se.Loc.File)
	assert.Equal(t, 5, se.Loc.Line)
	assert.Equal(t, eval.CodeRefused, se.Class())
	assert.Equal(t, TestUnsupported, rs[0].Status)
}

func TestContentTestTestLevelManualAndNoTests(t *testing.T) {
	c := openContent(t, exampleContent)
	d := testDetection(t, "| tstats count from datamodel=Endpoint.Processes by Processes.dest", "", wmiURL)
	d.Tests[0].ManualTest = "by hand"
	rs, err := c.Test(context.Background(), d, TestOptions{AttackData: mirror(t)})
	require.NoError(t, err)
	assert.Equal(t, TestSkip, rs[0].Status)
	assert.Equal(t, "manual_test: by hand", rs[0].Reason)
	d.Tests = nil
	rs, err = c.Test(context.Background(), d, TestOptions{AttackData: mirror(t)})
	require.NoError(t, err)
	assert.Equal(t, []TestResult{{Detection: d, Status: TestSkip, Reason: "no tests"}}, rs)
}

func TestContentTestCancelled(t *testing.T) {
	c := openContent(t, exampleContent)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Test(ctx, testDetection(t, "| tstats count from datamodel=Endpoint.Processes", "", wmiURL), TestOptions{AttackData: mirror(t)})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestTestable(t *testing.T) {
	base := func() *Detection {
		return &Detection{Status: "production", Type: "TTP", File: "d/endpoint/x.yml", Tests: []Test{{Name: "t"}}}
	}
	ok, _ := base().Testable()
	assert.True(t, ok)
	cases := map[string]func(*Detection){
		"status experimental":          func(d *Detection) { d.Status = "experimental" },
		"deprecated":                   func(d *Detection) { d.File = "d/deprecated/x.yml" },
		"type Correlation":             func(d *Detection) { d.Type = "Correlation" },
		"manual_test: lookup":          func(d *Detection) { d.ManualTest = "lookup" },
		"no tests":                     func(d *Detection) { d.Tests = nil },
		"manual_test: every test says": func(d *Detection) { d.Tests[0].ManualTest = "every test says" },
	}
	for want, mutate := range cases {
		d := base()
		mutate(d)
		ok, why := d.Testable()
		assert.False(t, ok, want)
		assert.Equal(t, want, why)
	}
}

func TestParseRBAAndManualTest(t *testing.T) {
	yml := "name: N\nid: i\nstatus: production\ntype: TTP\nsearch: '| tstats count from datamodel=Endpoint.Processes'\n" +
		"tags:\n  message: old $dest$\n  risk_score: 5\n  manual_test: uses ES lookups\n" +
		"rba:\n  message: new $dest$ ran $process_name$\n  risk_objects:\n  - field: dest\n    type: system\n    score: 30\n  - field: user\n    type: user\n    score: 56\n" +
		"  threat_objects:\n  - field: process_name\n    type: process_name\n" +
		"tests:\n- name: t\n  manual_test: by hand\n  attack_data: []\n"
	d, err := Parse("n.yml", []byte(yml))
	require.NoError(t, err)
	assert.Equal(t, "new $dest$ ran $process_name$", d.Message, "rba.message wins")
	assert.Equal(t, 56, d.RiskScore, "the highest risk object score")
	assert.Equal(t, "uses ES lookups", d.ManualTest)
	assert.Equal(t, "by hand", d.Tests[0].ManualTest)
	assert.Equal(t, []string{"dest", "user"}, d.RiskObjectFields())
	assert.Equal(t, []string{"process_name"}, d.ThreatObjectFields())
	top, err := Parse("m.yml", []byte("name: M\nsearch: x\nmanual_test: top level\n"))
	require.NoError(t, err)
	assert.Equal(t, "top level", top.ManualTest)
	assert.Nil(t, top.RBA)
}

func BenchmarkContentTest(b *testing.B) {
	c := openContent(b, exampleContent)
	d, err := c.Find("Remote WMI Command Attempt")
	require.NoError(b, err)
	opts := TestOptions{AttackData: filepath.Join(exampleContent, "..", "data")}
	b.ReportAllocs()
	for b.Loop() {
		rs, err := c.Test(context.Background(), d, opts)
		if err != nil || rs[0].Status != TestPass {
			b.Fatal(err, rs)
		}
	}
}
