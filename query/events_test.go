package query

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// rawLogs are the synthetic raw-event logs of the tests.
func rawLogs(t *testing.T) []string {
	t.Helper()
	logs, err := filepath.Glob(filepath.Join(rawDir, "*", "events.log"))
	require.NoError(t, err)
	require.NotEmpty(t, logs)
	return append(logs, filepath.Join(exampleContent, "..", "data", "wmi_sysmon.log"))
}

// TestEventViewMatchesRecords: what the event filter reads of an event is
// exactly what the event's record holds, for every field the record has,
// the metadata, and names it lacks.
func TestEventViewMatchesRecords(t *testing.T) {
	evs, _, _, err := ingest.LoadEvents(context.Background(), rawLogs(t), ingest.Options{})
	require.NoError(t, err)
	show := func(v eval.Value) []string {
		if v.IsNull() {
			return nil
		}
		return append([]string{v.String()}, v.Strings()...)
	}
	multi := 0
	for _, ev := range evs {
		rec := eventRecord(ev)
		names := []string{"_time", "_raw", "host", "source", "sourcetype", "index", "linecount", "no_such_field"}
		for _, f := range rec {
			names = append(names, f.Name)
			if f.Value.IsMulti() {
				multi++
			}
		}
		for _, f := range ev.All() {
			names = append(names, f.Name)
		}
		v := EventView(ev)
		for _, n := range names {
			if d := cmp.Diff(show(rec.Get(n)), show(v.Field(n))); d != "" {
				t.Fatalf("%s line %d, field %s (-record +view):\n%s", ev.Source, ev.Line, n, d)
			}
		}
	}
	require.Positive(t, multi, "the logs hold multivalue fields (tag, eventtype)")

	// A field named like a metadata field: the metadata win in both.
	ev := ingest.NewEvent("x", ingest.Field{Name: "host", Value: "other"}, ingest.Field{Name: "index", Value: "idx"})
	ev.Host = "h"
	require.Equal(t, "h", EventView(ev).Field("host").String())
	require.Equal(t, "idx", EventView(ev).Field("index").String(), "no index metadata: the field")
	require.Equal(t, eventRecord(ev).Get("index").String(), "idx")
}

// TestEventFilterSameResults runs every raw-search detection over all the
// events and over the events its filter keeps while reading: the rows and
// columns are the same, and the filter drops events.
func TestEventFilterSameResults(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(rawDir, "*", "detection.yml"))
	require.NoError(t, err)
	env := rawEnv(t)
	dropped := 0
	for _, file := range dirs {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c := compileText(t, env, detectionSearch(t, file))
			log := []string{filepath.Join(dir, "events.log")}
			all, tabs, _, err := ingest.LoadEvents(context.Background(), log, ingest.Options{})
			require.NoError(t, err)
			keep := c.Keep(true)
			kept, _, rep, err := ingest.LoadEvents(context.Background(), log, ingest.Options{Keep: keep})
			require.NoError(t, err)
			require.Equal(t, len(all), rep.Files[0].Events)
			dropped += len(all) - len(kept)
			want, err := c.Program.Exec(context.Background(), eval.Input{Tables: tabs, Records: EventRecords(all)})
			require.NoError(t, err)
			got, err := c.Exec(context.Background(), NewData(tabs, kept))
			require.NoError(t, err)
			require.Equal(t, want.Fields, got.Fields)
			require.Equal(t, len(want.Rows), len(got.Rows))
			for i := range want.Rows {
				for j := range want.Rows[i] {
					require.Equal(t, want.Rows[i][j].String(), got.Rows[i][j].String(), "row %d %s", i, want.Fields[j])
				}
			}
		})
	}
	require.Positive(t, dropped, "the filters drop some events")
}

func TestEventFilterCombines(t *testing.T) {
	env := newEnv(t, Config{})
	compile := func(q string) *Search { return compileText(t, env, q) }
	filter := func(ss ...*Search) func(*ingest.Event) bool { return keepFilter(ss, false) }
	ev := func(code string) *ingest.Event {
		return ingest.NewEvent("<Event/>", ingest.Field{Name: "EventCode", Value: code})
	}
	one, three := compile("search EventCode=1"), compile("search EventCode=3")
	tstats := compile("| tstats count from datamodel=Endpoint.Processes")
	f := filter(one, three, tstats)
	require.NotNil(t, f)
	require.True(t, f(ev("1")))
	require.True(t, f(ev("3")))
	require.False(t, f(ev("4")))
	require.Nil(t, filter(one, compile("search *")), "a search that keeps everything")
	require.Nil(t, filter(tstats), "no search reads events")
	require.Nil(t, filter(), "nothing to run")
	timed := compile("search earliest=-1h EventCode=1")
	require.False(t, filter(timed)(ev("1")), "an event at _time 0 is outside earliest=-1h")
	require.True(t, keepFilter([]*Search{timed}, true)(ev("1")), "without the time bounds")
}
