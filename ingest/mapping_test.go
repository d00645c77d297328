package ingest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultMappingsParse(t *testing.T) {
	m := DefaultMappings()
	if len(m.Fields) == 0 || len(m.Eventtypes) == 0 || len(m.List) == 0 {
		t.Fatalf("empty defaults: %d %d %d", len(m.Fields), len(m.Eventtypes), len(m.List))
	}
	// the eventtypes the corpus's data-source macros name
	for _, want := range []string{"wineventlog_security", "wineventlog_system", "wineventlog_application"} {
		found := false
		for _, et := range m.Eventtypes {
			found = found || et.Name == want
		}
		if !found {
			t.Errorf("no eventtype %s", want)
		}
	}
}

func TestExtendMappings(t *testing.T) {
	user, err := ParseMappings([]byte(`
fields:
  - name: my-fields
    match: [{field: EventCode, equals: "4688"}]
    fields:
      process_name: {value: overridden.exe}
      my_field: {from: NewProcessName, func: lower}
eventtypes:
  - name: windows_process_exit
    disabled: true
  - name: my_eventtype
    match: [{field: EventCode, in: ["4688"]}]
    tags: [mine]
mappings:
  - name: endpoint-processes
    dataset: Endpoint.Processes
    match: [{field: tag, all: [mine]}]
    fields:
      vendor_product: {value: My Product}
`))
	if err != nil {
		t.Fatal(err)
	}
	m := DefaultMappings().Extend(user)
	if m.Fields[0].Name != "my-fields" {
		t.Errorf("user fields not first: %s", m.Fields[0].Name)
	}
	for _, et := range m.Eventtypes {
		if et.Name == "windows_process_exit" {
			t.Error("disabled eventtype kept")
		}
	}
	if m.Eventtypes[len(m.Eventtypes)-1].Name != "my_eventtype" {
		t.Error("new eventtype not appended")
	}
	events, tabs, _, err := LoadEvents(t.Context(), []string{"testdata/events/security_4688.xml", "testdata/events/sysmon_1.xml"}, Options{Mappings: m})
	if err != nil {
		t.Fatal(err)
	}
	ev := events[0]
	if v, _ := ev.Get("process_name"); v != "overridden.exe" {
		t.Errorf("process_name %q", v)
	}
	if v, _ := ev.Get("my_field"); v != `c:\windows\system32\certutil.exe` {
		t.Errorf("my_field %q", v)
	}
	if d := cmp.Diff([]string{"os", "windows", "process", "execute", "start", "report", "track_event_signatures", "mine"}, ev.Values("tag")); d != "" {
		t.Errorf("tags (-want +got):\n%s", d)
	}
	tb := tabs["Endpoint.Processes"]
	if tb.Len() != 1 || tb.Row(0)["vendor_product"] != "My Product" || tb.Row(0)["process_name"] != "overridden.exe" {
		t.Errorf("replaced mapping: %d rows %v", tb.Len(), tb.Row(0))
	}
}

func TestParseMappingsErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"mappings:\n  - {name: a, dataset: Nope.X, match: [{field: x}]}", "unknown dataset"},
		{"mappings:\n  - {name: a, dataset: Endpoint, match: [{field: x}]}", "want Model.Dataset"},
		{"fields:\n  - {name: a, fields: {x: {from: a, value: b}}}", "exactly one of"},
		{"fields:\n  - {name: a, fields: {x: {from: a, func: nope}}}", "unknown func"},
		{"fields:\n  - {name: a, fields: {x: {template: '{a'}}}", "bad template"},
		{"eventtypes:\n  - {name: a, tags: [x]}", "no match"},
		{"eventtypes:\n  - {name: a, match: [{field: x}]}\n  - {name: a, match: [{field: x}]}", "duplicate"},
		{"bogus: 1", "not found"},
	} {
		_, err := ParseMappings([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestRuleFuncs(t *testing.T) {
	ev := &Event{fields: []Field{{"A", "0x1A2c"}, {"B", "-"}, {"C", `C:\x\Y.EXE`}, {"D", "/usr/bin/sudo"}, {"E", "zz"}}, Host: "h"}
	for _, tc := range []struct {
		r    FieldRule
		want string
		ok   bool
	}{
		{FieldRule{From: []string{"A"}, Func: "hex2dec"}, "6700", true},
		{FieldRule{From: []string{"E"}, Func: "hex2dec"}, "zz", true},
		{FieldRule{From: []string{"B", "C"}, Drop: []string{"-"}, Func: "basename"}, "Y.EXE", true},
		{FieldRule{From: []string{"D"}, Func: "basename"}, "sudo", true},
		{FieldRule{From: []string{"C"}, Func: "lower"}, `c:\x\y.exe`, true},
		{FieldRule{From: []string{"B"}, Drop: []string{"-"}}, "", false},
		{FieldRule{From: []string{"host"}}, "h", true},
		{FieldRule{Template: `{E}\{host}`}, `zz\h`, true},
		{FieldRule{Template: `{B}\{E}`, Drop: []string{"-"}}, "", false},
		{FieldRule{From: []string{"E"}, Map: map[string]string{"zz": "mapped"}}, "mapped", true},
		{FieldRule{From: []string{"A"}, Map: map[string]string{"zz": "mapped"}}, "", false},
		{FieldRule{From: []string{"A"}, Map: map[string]string{"zz": "mapped"}, Default: "other"}, "other", true},
	} {
		got, ok := tc.r.Eval(ev)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%+v: %q %v, want %q %v", tc.r, got, ok, tc.want, tc.ok)
		}
	}
}

// TestConditionAny: the Windows knowledge selects events by source,
// channel or provider, whichever they carry.
func TestConditionAny(t *testing.T) {
	m := DefaultMappings()
	var sysmon *Extraction
	for _, x := range m.Fields {
		if x.Name == "sysmon-1-process-create" {
			sysmon = x
		}
	}
	if sysmon == nil {
		t.Fatal("no sysmon-1-process-create")
	}
	for _, tc := range []struct {
		name   string
		source string
		fields []Field
		want   bool
	}{
		{"provider only", "/tmp/x.json", []Field{{"SourceName", "Microsoft-Windows-Sysmon"}, {"EventCode", "1"}}, true},
		{"channel only", "/tmp/x.json", []Field{{"Channel", "Microsoft-Windows-Sysmon/Operational"}, {"EventCode", "1"}}, true},
		{"source only", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", []Field{{"EventCode", "1"}}, true},
		{"Linux channel", "/tmp/x.log", []Field{{"Channel", "Linux-Sysmon/Operational"}, {"EventCode", "1"}}, true},
		{"another channel", "XmlWinEventLog:Security", []Field{{"Channel", "Security"}, {"EventCode", "1"}}, false},
		{"nothing", "/tmp/x.json", []Field{{"EventCode", "1"}}, false},
	} {
		ev := NewEvent("", tc.fields...)
		ev.Source = tc.source
		if got := holdsAll(sysmon.Match, ev); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestFieldValueTags(t *testing.T) {
	m, err := ParseMappings([]byte(`
eventtypes:
  - name: et
    match: [{field: EventCode, equals: "1"}]
    tags: [a]
tags:
  - name: x=1
    match: [{field: x, equals: "1"}]
    tags: [b, a]
`))
	if err != nil {
		t.Fatal(err)
	}
	ev := &Event{fields: []Field{{"EventCode", "1"}, {"x", "1"}}}
	m.Enrich(ev)
	if d := cmp.Diff([]string{"et"}, ev.Values("eventtype")); d != "" {
		t.Errorf("eventtype (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"a", "b"}, ev.Values("tag")); d != "" {
		t.Errorf("tag (-want +got):\n%s", d)
	}
	if _, err := ParseMappings([]byte("tags:\n  - name: y=1\n    match: [{field: y}]\n")); err == nil {
		t.Error("field-value tag without tags accepted")
	}
}

// TestConditionCache checks that a condition shared by several groups is
// tested again once a rule adds a field it reads.
func TestConditionCache(t *testing.T) {
	m, err := ParseMappings([]byte(`
fields:
  - name: before
    match: [{field: y, equals: "2"}]
    fields: {early: {value: e}}
  - name: sets-y
    match: [{field: x, equals: "1"}]
    fields: {y: {value: "2"}}
  - name: after
    match: [{field: y, equals: "2"}]
    fields: {z: {value: "3"}}
  - name: negated
    match: [{field: y, equals: "2", not: true}]
    fields: {w: {value: "4"}}
eventtypes:
  - name: has-z
    match: [{field: z}]
    tags: [zed]
`))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the index and its cache are reused across events
		ev := &Event{fields: []Field{{"x", "1"}}}
		m.Enrich(ev)
		got := map[string]string{}
		for _, f := range ev.All() {
			got[f.Name] = f.Value
		}
		want := map[string]string{"x": "1", "y": "2", "z": "3", "eventtype": "has-z", "tag": "zed"}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("fields (-want +got):\n%s", d)
		}
	}
}
