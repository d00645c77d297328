package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/internal/golden"
)

// describe renders events and rows for golden files: every event's
// metadata and fields in order, then every data-model row, fields sorted.
func describe(events []*Event, tabs cim.Tables) string {
	var sb strings.Builder
	for _, ev := range events {
		fmt.Fprintf(&sb, "event line %d: _time=%.6f host=%q source=%q sourcetype=%q index=%q\n",
			ev.Line, ev.Time, ev.Host, ev.Source, ev.Sourcetype, ev.Index)
		for _, f := range ev.All() {
			fmt.Fprintf(&sb, "  %s=%q\n", f.Name, f.Value)
		}
	}
	var names []string
	for n := range tabs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		tb := tabs[n]
		for i := range tb.Len() {
			fmt.Fprintf(&sb, "row %s _time=%.6f\n", n, tb.Times()[i])
			row := tb.Row(i)
			keys := make([]string, 0, len(row))
			for k := range row {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				fmt.Fprintf(&sb, "  %s.%s=%q\n", strings.SplitN(n, ".", 2)[1], k, row[k])
			}
		}
	}
	return sb.String()
}

// TestEventMappings reads one small event per event type and checks its
// exact raw fields (extracted, search-time, eventtype, tag) and its exact
// data-model rows against testdata/events/<file>.golden.
func TestEventMappings(t *testing.T) {
	files, _ := filepath.Glob("testdata/events/*")
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			events, tabs, rep, err := LoadEvents(context.Background(), []string{f}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(events) == 0 || rep.Files[0].Skipped != 0 {
				t.Fatalf("no events or skips: %s", rep.Summary())
			}
			golden.File(t, f+".golden", describe(events, tabs))
		})
	}
}

// TestMembership checks which dataset each event type enters: exactly the
// CIM membership of the embedded mappings.
func TestMembership(t *testing.T) {
	want := map[string][]string{
		"sysmon_1.xml":              {"Endpoint.Processes"},
		"sysmon_3.xml":              {"Endpoint.Ports", "Network_Traffic.All_Traffic"},
		"sysmon_5.xml":              nil,
		"sysmon_10.xml":             nil,
		"sysmon_11.xml":             {"Endpoint.Filesystem"},
		"sysmon_12.xml":             {"Endpoint.Registry"},
		"sysmon_13.xml":             {"Endpoint.Registry"},
		"sysmon_22.xml":             {"Network_Resolution.DNS"},
		"sysmon_23.xml":             {"Endpoint.Filesystem"},
		"security_4688.xml":         {"Endpoint.Processes"},
		"security_4689.xml":         {"Endpoint.Processes"},
		"security_1100.xml":         {"Change.All_Changes", "Endpoint.Services"},
		"security_1102.xml":         {"Change.All_Changes"},
		"security_4624.xml":         {"Authentication.Authentication"},
		"security_4625.xml":         {"Authentication.Authentication"},
		"security_4648.xml":         {"Authentication.Authentication"},
		"security_4657.xml":         {"Endpoint.Registry"},
		"sysmon_linux_1.log":        {"Endpoint.Processes"},
		"wineventlog_4104.log":      nil,
		"winlogbeat_1.json":         {"Endpoint.Processes"},
		"winlogbeat_4625.json":      {"Authentication.Authentication"},
		"winlogbeat6_4688.json":     {"Endpoint.Processes"},
		"ecs_dotted.json":           {"Authentication.Authentication"},
		"sysmon_1_channel_only.xml": {"Endpoint.Processes"},
		"nxlog_channel_only.json":   {"Authentication.Authentication"},
		"timecreated_4688.json":     {"Endpoint.Processes"},
		"generic.json":              nil,
		"generic.csv":               nil,
		"security_4663.xml":         nil,
		"security_4698.xml":         nil,
		"security_4699.xml":         nil,
		"security_4720.xml":         {"Change.All_Changes"},
		"security_4732.xml":         {"Change.All_Changes"},
		"security_5136.xml":         nil,
		"security_5137.xml":         nil,
		"system_7045.xml":           {"Endpoint.Services"},
		"powershell_4104.xml":       nil,
		"sysmon_7.xml":              nil,
		"sysmon_8.xml":              nil,
	}
	for file, ds := range want {
		_, rep := load(t, []string{"testdata/events/" + file}, Options{})
		var got []string
		for d, n := range rep.Files[0].Rows {
			if n > 0 {
				got = append(got, d)
			}
		}
		slices.Sort(got)
		if !cmp.Equal(got, ds, cmp.Comparer(func(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") })) {
			t.Errorf("%s: datasets %q, want %q", file, got, ds)
		}
	}
}

// eventData is an Event's content, for cmp.
type eventData struct {
	Time                                 float64
	Raw, Host, Source, Sourcetype, Index string
	Line                                 int
	Fields                               []Field
}

// eventContent compares events by their content, whatever form they
// hold their fields in.
var eventContent = cmp.Transformer("content", func(e *Event) eventData {
	return eventData{e.Time, e.Raw, e.Host, e.Source, e.Sourcetype, e.Index, e.Line, e.Fields()}
})
