package query

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEventsSameResults runs every raw-search detection, and a few
// searches that project or cannot project columns, over the records
// (EventRecords: every column) and over the events read on demand
// (NewEvents: only the columns the search can read): the columns and rows
// are the same.
func TestEventsSameResults(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(rawDir, "*", "detection.yml"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	env := rawEnv(t)
	extra := []string{
		"search * | stats count by host",
		"search * | stats count values(_raw) as raw by sourcetype",
		"search * | eval n=len(_raw) | where n > 10 | stats max(n) by source",
		"search * | table _time host nosuchfield",
		"search * | table *",
		"search * | head 3",
		"search * | stats values(*) as *",
		"search * | eval x=1 | where searchmatch(\"*\") | stats count by x",
		"search NOT nosuchkeyword | stats count",
		"search * | rename host as h | stats count by h",
		"search * | stats count by host | append [search EventCode=1 | stats count as n by host]",
		"search * | stats count by host | join type=left host [search EventCode=3 | stats count as net by host]",
		"| makeresults | append [search process_name=* | table _time process_name]",
		"search [search EventCode=1 | head 1 | fields host] | stats count by sourcetype",
	}
	for _, file := range dirs {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			evs, tabs, _, err := ingest.LoadEvents(context.Background(), []string{filepath.Join(dir, "events.log")}, ingest.Options{})
			require.NoError(t, err)
			cs := []*Search{compileText(t, env, detectionSearch(t, file))}
			for _, q := range extra {
				cs = append(cs, compileText(t, env, q))
			}
			recs, data := EventRecords(evs), NewData(tabs, evs)
			// Every search read at once, as spelunk detect does: each read's
			// rows prepared while the log is read.
			prepared, err := env.Load(context.Background(), []string{filepath.Join(dir, "events.log")}, cs...)
			require.NoError(t, err)
			require.NotNil(t, prepared.Prepared)
			for _, c := range cs {
				want, err := c.Program.Exec(context.Background(), eval.Input{Tables: tabs, Records: recs})
				require.NoError(t, err)
				for _, got := range []*eval.Result{exec(t, c, data), exec(t, c, prepared)} {
					sameResult(t, c, want, got)
				}
			}
		})
	}
}

// exec runs s over data or fails the test.
func exec(t *testing.T, s *Search, data *Data) *eval.Result {
	t.Helper()
	res, err := s.Exec(context.Background(), data)
	require.NoError(t, err, s.Query.String())
	return res
}

// sameResult fails the test unless got has want's columns, rows and rows
// in and out per command.
func sameResult(t *testing.T, c *Search, want, got *eval.Result) {
	t.Helper()
	q := c.Query.String()
	require.Equal(t, want.Fields, got.Fields, q)
	require.Equal(t, len(want.Rows), len(got.Rows), q)
	for i := range want.Rows {
		require.Equal(t, want.Rows[i], got.Rows[i], "%s: row %d", q, i)
	}
	for i := range want.Profile {
		require.Equal(t, want.Profile[i].RowsIn, got.Profile[i].RowsIn, "%s: %s rows in", q, want.Profile[i].Command)
		require.Equal(t, want.Profile[i].RowsOut, got.Profile[i].RowsOut, "%s: %s rows out", q, want.Profile[i].Command)
	}
}

// TestPreparedAfterRecompile: rows prepared without time bounds serve the
// same searches compiled again with the clock the data gives (spelunk
// detect), with that clock's bounds.
func TestPreparedAfterRecompile(t *testing.T) {
	log := filepath.Join(exampleContent, "..", "data", "wmi_sysmon.log")
	q := `search source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" earliest=-1h | stats count by process_name | sort process_name`
	wall := newEnv(t, Config{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	first := compileText(t, wall, q)
	data, err := wall.LoadWith(context.Background(), []string{log}, LoadOptions{IgnoreTimeBounds: true}, first)
	require.NoError(t, err)
	assert.Empty(t, exec(t, first, data).Rows, "nothing in the hour before 2030")
	latest, ok := data.Latest()
	require.True(t, ok)
	again := compileText(t, wall.WithNow(ClockAfter(latest)), q)
	evs, _, _, err := ingest.LoadEvents(context.Background(), []string{log}, ingest.Options{})
	require.NoError(t, err)
	want := exec(t, again, NewData(nil, evs))
	require.NotEmpty(t, want.Rows)
	sameResult(t, again, want, exec(t, again, data))
}
