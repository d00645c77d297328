package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedDir is ../shared beside the repository: the real security_content
// snapshot and attack data. Tests that need it skip when it is absent.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../../shared")
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(dir, "content", "macros")); err != nil {
		t.Skipf("skipping: the shared corpus is not at %s (%v)", dir, err)
	}
	return dir
}

// detectJSON runs `spelunk detect --format json` and decodes its lines.
func detectJSON(t *testing.T, content, detection string, data ...string) []map[string]any {
	t.Helper()
	args := []string{"detect", "--content", content, "--detection", detection, "--format", "json"}
	for _, d := range data {
		args = append(args, "--data", d)
	}
	code, out, errOut := spelunk(t, "", args...)
	require.Equal(t, 0, code, "stderr: %s", errOut)
	var rows []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		if _, ok := m["summary"]; ok {
			continue // the run's summary, after the rows
		}
		rows = append(rows, m)
	}
	return rows
}

func TestSharedRemoteWMIOnCredentialDumpingLog(t *testing.T) {
	shared := sharedDir(t)
	rows := detectJSON(t, filepath.Join(shared, "content"), "Remote WMI Command Attempt",
		filepath.Join(shared, "data/attack_data/T1003.003_credential-dumping-via-copy_data.log"))
	require.Len(t, rows, 1, "only the WMIC.exe event; the cmd.exe mentioning wmic /node is not a result")
	env := rows[0]
	assert.Equal(t, "272df6de-61f1-4784-877c-1fbc3e2d0838", env["detection_id"])
	assert.Equal(t, float64(36), env["risk_score"])
	res := env["result"].(map[string]any)
	assert.Equal(t, "WMIC.exe", res["process_name"])
	assert.Equal(t, "ar-win-1", res["dest"])
	assert.Equal(t, `AR-WIN-1\Administrator`, res["user"])
	assert.Equal(t, "2628", res["process_id"])
	assert.Equal(t, "3412", res["parent_process_id"])
	assert.Equal(t, "1", res["count"])
	assert.Contains(t, res["process"], `/node:"localhost"`)
	assert.True(t, strings.HasPrefix(res["parent_process"].(string), `"cmd.exe" /c wmic`))
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`, res["firstTime"])
	assert.Equal(t, "2025-11-03T09:52:39", res["firstTime"])
	assert.Equal(t, res["firstTime"], res["lastTime"])
	keys := []string{"dest", "user", "parent_process", "process_name", "process", "process_id", "parent_process_id", "count", "firstTime", "lastTime"}
	assert.Len(t, res, len(keys))
	for _, k := range keys {
		assert.Contains(t, res, k)
	}
	assert.Contains(t, env["risk_message"], "in host ar-win-1")
}

func TestSharedRemoteWMIOnNXLogJSON(t *testing.T) {
	shared := sharedDir(t)
	rows := detectJSON(t, filepath.Join(shared, "content"), "Remote WMI Command Attempt",
		filepath.Join(shared, "data/attack_data/T1047_atomic_red_team_sysmon_eid1.jsonl"))
	require.Len(t, rows, 3)
	for _, env := range rows {
		res := env["result"].(map[string]any)
		assert.Contains(t, res["process"], `/node:"127.0.0.1"`)
		assert.Equal(t, "null", res["process_id"], "the NXLog export lacks EventData ProcessId; fillnull_value=null says so")
		assert.Equal(t, "wmic.exe", strings.ToLower(res["process_name"].(string)))
	}
}

func TestSharedRemoteWMIOnT1202IsEmpty(t *testing.T) {
	shared := sharedDir(t)
	rows := detectJSON(t, filepath.Join(shared, "content"), "Remote WMI Command Attempt",
		filepath.Join(shared, "data/attack_data/T1202_atomic_red_team_windows-sysmon.log"))
	assert.Empty(t, rows)
}

func TestSharedScriptExecutionViaWMI(t *testing.T) {
	shared := sharedDir(t)
	content := filepath.Join(shared, "content")
	assert.Empty(t, detectJSON(t, content, "Script Execution via WMI", filepath.Join(shared, "data/attack_data")),
		"no scrcons.exe in any of the real logs")
	rows := detectJSON(t, content, "Script Execution via WMI", exampleLog)
	require.Len(t, rows, 1)
	res := rows[0]["result"].(map[string]any)
	assert.Equal(t, "scrcons.exe", strings.ToLower(res["process_name"].(string)))
}

func TestSharedSeedExpansions(t *testing.T) {
	shared := sharedDir(t)
	code, out, errOut := spelunk(t, "", "expand", "--content", filepath.Join(shared, "content"), "--detection", "Remote WMI Command Attempt")
	require.Equal(t, 0, code, errOut)
	want := `| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id | rename Processes.* AS * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime) | search *`
	assert.Equal(t, want+"\n", out)
}
