package query

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/ingest"
)

// exampleInput loads the example log as tables and raw events.
func exampleInput(t *testing.T) *Data {
	t.Helper()
	evs, tables, _, err := ingest.LoadEvents(context.Background(), []string{filepath.Join(exampleContent, "..", "data", "wmi_sysmon.log")}, ingest.Options{})
	require.NoError(t, err)
	return NewData(tables, evs)
}

func TestExplainTstats(t *testing.T) {
	env := newEnv(t, Config{ContentDir: exampleContent})
	cd := compileText(t, env, detectionSearch(t, filepath.Join(exampleContent, "detections", "endpoint", "remote_wmi_command_attempt.yml")))
	ex, err := cd.Explain(context.Background(), exampleInput(t))
	require.NoError(t, err)
	assert.Equal(t, "Endpoint.Processes", ex.Input)
	assert.Equal(t, 6, ex.InputRows)
	assert.Equal(t, []TermCount{
		{Term: "(Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe)", Rows: 3},
		{Term: "Processes.process=*node*", Rows: 2},
	}, ex.Terms)
	require.Len(t, ex.Commands, 5)
	assert.Equal(t, CommandCount{Command: "tstats", RowsIn: 6, RowsOut: 2}, ex.Commands[0])
	assert.Empty(t, ex.Err)
	assert.Equal(t, "Endpoint.Processes rows: 6; (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe): 3; Processes.process=*node*: 2\n"+
		"tstats 6 -> 2 | rename 2 -> 2 | convert 2 -> 2 | convert 2 -> 2 | search 2 -> 2", ex.String())
}

func TestExplainRawSearch(t *testing.T) {
	cd := compileText(t, newEnv(t, Config{}), `source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=1 process=*node* | stats count by dest`)
	ex, err := cd.Explain(context.Background(), exampleInput(t))
	require.NoError(t, err)
	assert.Equal(t, "events", ex.Input)
	assert.Equal(t, 7, ex.InputRows)
	require.Len(t, ex.Terms, 3)
	assert.Equal(t, `source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"`, ex.Terms[0].Term)
	assert.Equal(t, []int{7, 6, 4}, []int{ex.Terms[0].Rows, ex.Terms[1].Rows, ex.Terms[2].Rows})
	assert.Equal(t, []CommandCount{{"search", 7, 4}, {"stats", 4, 2}}, ex.Commands)
}

func TestExplainOtherFirstCommand(t *testing.T) {
	cd := compileText(t, newEnv(t, Config{}), `| makeresults count=3 | where 1=2`)
	ex, err := cd.Explain(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, ex.Input)
	assert.Empty(t, ex.Terms)
	assert.Equal(t, []CommandCount{{"makeresults", 0, 3}, {"where", 3, 0}}, ex.Commands)
	assert.Equal(t, "makeresults 0 -> 3 | where 3 -> 0", ex.String())
}
