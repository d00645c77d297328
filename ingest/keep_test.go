package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// TestKeep: Options.Keep decides which events Walk's fn and LoadEvents
// get; the tables and the report still count every event read.
func TestKeep(t *testing.T) {
	p := "testdata/sysmon.xml.log"
	all, allTabs, allRep, err := LoadEvents(context.Background(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	keep := func(ev *Event) bool { // called from the parsing goroutines
		v, _ := ev.Get("EventCode")
		_, tagged := ev.Get("tag") // finished events: search-time fields are there
		return v == "1" && tagged
	}
	kept, tabs, rep, err := LoadEvents(context.Background(), []string{p}, Options{Keep: keep})
	if err != nil {
		t.Fatal(err)
	}
	var want []*Event
	for _, ev := range all {
		if v, _ := ev.Get("EventCode"); v == "1" {
			want = append(want, ev)
		}
	}
	if len(kept) != 3 || len(want) != 3 {
		t.Fatalf("kept %d events, want 3 (of %d)", len(kept), len(all))
	}
	if d := cmp.Diff(want, kept, eventContent); d != "" {
		t.Errorf("kept events differ from the same events unfiltered (-want +got):\n%s", d)
	}
	fr, afr := rep.Files[0], allRep.Files[0]
	if fr.Events != afr.Events || fr.Kept != 3 || afr.Kept != afr.Events {
		t.Errorf("report: %d events, %d kept; unfiltered %d events, %d kept", fr.Events, fr.Kept, afr.Events, afr.Kept)
	}
	if fr.Earliest != afr.Earliest || fr.Latest != afr.Latest || fr.Latest == 0 || fr.Earliest > fr.Latest {
		t.Errorf("time range %v..%v, unfiltered %v..%v", fr.Earliest, fr.Latest, afr.Earliest, afr.Latest)
	}
	if d := cmp.Diff(rows(t, allTabs), rows(t, tabs)); d != "" {
		t.Errorf("tables differ with Keep (-all +keep):\n%s", d)
	}
	n := 0
	_, _, err = Walk(context.Background(), []string{p}, Options{Keep: func(*Event) bool { return false }}, func(*Event) error { n++; return nil })
	if err != nil || n != 0 {
		t.Errorf("Walk with Keep dropping everything: %d events, %v", n, err)
	}
}

// TestDetach: a kept event's fields, names and metadata that pointed into
// the read buffer point into its own copy of Raw afterwards.
func TestDetach(t *testing.T) {
	buf := "junk<Event><Data Name='Image'>wmic.exe</Data><Computer>h1</Computer></Event>junk"
	raw := buf[4 : len(buf)-4]
	at := func(s string) string { i := strings.Index(raw, s); return raw[i : i+len(s)] }
	ev := &Event{Raw: raw, Host: at("h1"), Source: "XmlWinEventLog:X", Sourcetype: FormatXML,
		fields: []Field{{Name: at("Image"), Value: at("wmic.exe")}, {Name: "tag", Value: "process"}}}
	detach(ev)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(ev.Raw)))
	inside := func(s string) bool {
		q := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return q >= lo && q+uintptr(len(s)) <= lo+uintptr(len(ev.Raw))
	}
	if ev.Raw != raw || unsafe.StringData(ev.Raw) == unsafe.StringData(raw) {
		t.Fatal("Raw is not a copy")
	}
	for _, s := range []string{ev.Host, ev.fields[0].Name, ev.fields[0].Value} {
		if !inside(s) {
			t.Errorf("%q does not point into the copy", s)
		}
	}
	if ev.Host != "h1" || ev.fields[0] != (Field{"Image", "wmic.exe"}) || ev.fields[1] != (Field{"tag", "process"}) {
		t.Errorf("values changed: %+v %q", ev.fields, ev.Host)
	}
}

func TestFormatForSourcetype(t *testing.T) {
	cases := []struct {
		st, want string
		ok       bool
	}{
		{"xmlwineventlog", FormatXML, true},
		{"XmlWinEventLog", FormatXML, true},
		{"XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", FormatXML, true},
		{"WinEventLog", FormatWinEventLog, true},
		{"wineventlog:security", FormatWinEventLog, true},
		{"sysmon:linux", FormatSysmonLinux, true},
		{"nxlog", FormatNXLog, true},
		{"winlogbeat", FormatWinlogbeat, true},
		{"_json", FormatJSON, true},
		{"aws:cloudtrail", FormatJSON, true},
		{"o365:management:activity", FormatJSON, true},
		{"azure:monitor:aad", FormatJSON, true},
		{"ms:aad:signin", FormatJSON, true},
		{"crowdstrike:events:json", FormatJSON, true},
		{"csv", FormatCSV, true},
		{"linux:audit", "", false},
		{"aws:cloudwatchlogs:vpcflow", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		got, ok := FormatForSourcetype(c.st)
		if got != c.want || ok != c.ok {
			t.Errorf("FormatForSourcetype(%q) = %q, %v; want %q, %v", c.st, got, ok, c.want, c.ok)
		}
	}
}

// TestSourcetypeName: the sourcetype a test replays data with is every
// event's sourcetype before the knowledge and the tables see it, and picks
// the reader; Windows names keep the canonical ones.
func TestSourcetypeName(t *testing.T) {
	dir := t.TempDir()
	ct := filepath.Join(dir, "cloudtrail.log")
	body := `{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"CreateUser","eventTime":"2024-05-14T08:00:00Z","userIdentity":{"type":"IAMUser","userName":"alice"}}` + "\n"
	if err := os.WriteFile(ct, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	evs, _, rep, err := LoadEvents(context.Background(), []string{ct}, Options{SourcetypeName: "aws:cloudtrail"})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Sourcetype != "aws:cloudtrail" || rep.Files[0].Format != FormatJSON {
		t.Fatalf("cloudtrail: %d events, format %q, sourcetype %q", len(evs), rep.Files[0].Format, evs[0].Sourcetype)
	}
	if v, _ := evs[0].Get("userIdentity.userName"); v != "alice" {
		t.Errorf("userIdentity.userName = %q", v)
	}
	if rep.Files[0].Sourcetypes["aws:cloudtrail"] != 1 {
		t.Errorf("report sourcetypes %v", rep.Files[0].Sourcetypes)
	}

	// Sysmon XML (with a classic text record) under a custom name: events
	// and tables carry it; under a Windows name, each record keeps the
	// reader's canonical XmlWinEventLog or WinEventLog.
	p := "testdata/sysmon.xml.log"
	plain, _, _, err := LoadEvents(context.Background(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"my:sysmon", "xmlwineventlog", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", "WinEventLog:Security"} {
		evs, tabs, _, err := LoadEvents(context.Background(), []string{p}, Options{SourcetypeName: name})
		if err != nil || len(evs) != len(plain) {
			t.Fatalf("%s: %v, %d events", name, err, len(evs))
		}
		for i, ev := range evs {
			want := name
			if windowsSourcetype(name) {
				want = plain[i].Sourcetype
			}
			if ev.Sourcetype != want {
				t.Errorf("%s: event %d sourcetype %q, want %q", name, i, ev.Sourcetype, want)
			}
		}
		for _, r := range rows(t, tabs) {
			if windowsSourcetype(name) && r["sourcetype"] != FormatXML || !windowsSourcetype(name) && r["sourcetype"] != name {
				t.Errorf("%s: table sourcetype %q", name, r["sourcetype"])
			}
		}
	}
	// An explicit Sourcetype still picks the reader; the name is stamped.
	evs, _, rep, err = LoadEvents(context.Background(), []string{ct}, Options{Sourcetype: "_json", SourcetypeName: "o365:management:activity"})
	if err != nil || len(evs) != 1 || evs[0].Sourcetype != "o365:management:activity" || rep.Files[0].Format != FormatJSON {
		t.Errorf("forced reader with a name: %v %d", err, len(evs))
	}
}
