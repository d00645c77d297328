package query

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
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
			for _, c := range cs {
				want, err := c.Program.Exec(context.Background(), eval.Input{Tables: tabs, Records: recs})
				require.NoError(t, err)
				got, err := c.Exec(context.Background(), data)
				require.NoError(t, err)
				require.Equal(t, want.Fields, got.Fields, c.Query.String())
				require.Equal(t, len(want.Rows), len(got.Rows), c.Query.String())
				for i := range want.Rows {
					require.Equal(t, want.Rows[i], got.Rows[i], "%s: row %d", c.Query.String(), i)
				}
				for i := range want.Profile {
					require.Equal(t, want.Profile[i].RowsIn, got.Profile[i].RowsIn)
					require.Equal(t, want.Profile[i].RowsOut, got.Profile[i].RowsOut)
				}
			}
		})
	}
}
