package detections

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/macros"
)

// exampleInput loads the example log as tables and event records.
func exampleInput(t *testing.T) eval.Input {
	t.Helper()
	evs, tables, _, err := ingest.LoadEvents(context.Background(), []string{filepath.Join(exampleContent, "..", "data", "wmi_sysmon.log")}, ingest.Options{})
	require.NoError(t, err)
	return eval.Input{Tables: tables, Records: EventRecords(evs)}
}

func TestExplainTstats(t *testing.T) {
	c, err := Open(exampleContent)
	require.NoError(t, err)
	d, err := c.Find("Remote WMI Command Attempt")
	require.NoError(t, err)
	cd, err := d.Compile(c.Macros, Options{})
	require.NoError(t, err)
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
	cd, err := CompileQuery(`source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=1 process=*node* | stats count by dest`,
		macros.Location{File: "<query>", Line: 1, Col: 1}, macros.NewLibrary(), Options{})
	require.NoError(t, err)
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
	cd, err := CompileQuery(`| makeresults count=3 | where 1=2`, macros.Location{File: "<query>", Line: 1, Col: 1}, macros.NewLibrary(), Options{})
	require.NoError(t, err)
	ex, err := cd.Explain(context.Background(), eval.Input{})
	require.NoError(t, err)
	assert.Empty(t, ex.Input)
	assert.Empty(t, ex.Terms)
	assert.Equal(t, []CommandCount{{"makeresults", 0, 3}, {"where", 3, 0}}, ex.Commands)
	assert.Equal(t, "makeresults 0 -> 3 | where 3 -> 0", ex.String())
}
