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

// remoteWMIData is where "Remote WMI Command Attempt"'s test reads its data
// in an attack_data mirror.
const remoteWMIData = "datasets/attack_techniques/T1047/atomic_red_team/windows-sysmon.log"

// TestSharedRemoteWMIMirror runs the real "Remote WMI Command Attempt" test
// of the shared snapshot against three mirrors laid out like attack_data:
// the file its YAML names holds the real Attack Range log of credential
// dumping via copy (a remote WMIC call: PASS), the real T1202 atomic test
// log (no WMIC /node: FAIL, "no results"), or nothing (SKIP, naming the
// missing path). TestSharedRemoteWMITest checks the PASS run's clock and
// event count.
func TestSharedRemoteWMIMirror(t *testing.T) {
	shared := sharedDir(t)
	logs := filepath.Join(shared, "data", "attack_data")
	cases := []struct {
		name   string
		log    string // copied to remoteWMIData; "" leaves the mirror empty
		code   int
		status string
		reason string
		events float64 // events read
	}{
		{"pass", "T1003.003_credential-dumping-via-copy_data.log", 0, "PASS", "result 1 of 1 has every risk and threat object", 17},
		{"fail", "T1202_atomic_red_team_windows-sysmon.log", 1, "FAIL", "no results", 24},
		{"skip", "", 0, "SKIP", "data not found at ", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mirror := t.TempDir()
			data := filepath.Join(mirror, filepath.FromSlash(remoteWMIData))
			if c.log != "" {
				require.NoError(t, os.MkdirAll(filepath.Dir(data), 0o755))
				// A copy: a symbolic link out of the mirror is refused.
				events, err := os.ReadFile(filepath.Join(logs, c.log))
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(data, events, 0o644))
			}
			code, out, errOut := spelunk(t, "", "test", "--content", filepath.Join(shared, "content"), "--attack-data", mirror,
				"--detection", "Remote WMI Command Attempt", "--format", "json")
			require.Equal(t, c.code, code, "stdout: %s\nstderr: %s", out, errOut)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			require.Len(t, lines, 2, "one test, then the summary")
			var r map[string]any
			require.NoError(t, json.Unmarshal([]byte(lines[0]), &r))
			assert.Equal(t, "Remote WMI Command Attempt", r["detection"])
			assert.Equal(t, c.status, r["status"])
			if c.status == "SKIP" {
				assert.Equal(t, c.reason+data, r["reason"])
				assert.NotContains(t, r, "now", "the search did not run")
			} else {
				assert.Equal(t, c.reason, r["reason"])
				assert.Equal(t, "data", r["clock"])
			}
			assert.Equal(t, c.events, r["events"])
			var sum struct{ Summary testSummary }
			require.NoError(t, json.Unmarshal([]byte(lines[1]), &sum))
			assert.Equal(t, 1, sum.Summary.Tests)
		})
	}
}
