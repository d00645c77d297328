package eval

import (
	"context"
	"slices"
	"testing"

	"github.com/spelunk-dev/spelunk/parser"
)

// filterEvents are raw events shaped like Sysmon records, for the event
// filter tests.
func filterEvents() []Record {
	mk := func(t float64, raw string, kv ...string) Record {
		r := Record{{"_time", Num(t)}, {"_raw", Str(raw)}, {"sourcetype", Str("XmlWinEventLog")}}
		for i := 0; i+1 < len(kv); i += 2 {
			r = append(r, Field{kv[i], Str(kv[i+1])})
		}
		return r
	}
	evs := []Record{
		mk(1700000000, `<Event><Data Name='Image'>C:\Windows\System32\wbem\WMIC.exe</Data> process call create</Event>`,
			"EventCode", "1", "Image", `C:\Windows\System32\wbem\WMIC.exe`, "Computer", "a"),
		mk(1700000100, `<Event><Data Name='Image'>C:\Windows\System32\cmd.exe</Data></Event>`,
			"EventCode", "1", "Image", `C:\Windows\System32\cmd.exe`, "Computer", "b", "CommandLine", "cmd /c whoami"),
		mk(1699990000, `<Event>network</Event>`, "EventCode", "3", "DestinationIp", "10.1.2.3", "Computer", "c"),
		mk(1700000200, `<Event>no code</Event>`, "Computer", "d"),
	}
	evs = append(evs, append(mk(1700000300, `<Event>tagged</Event>`, "EventCode", "4688"),
		Field{"tag", Multi("process", "report")}))
	return evs
}

// TestEventFilterNeverDropsWhatSearchKeeps checks the filter against the
// search command itself: every event the search keeps, the filter keeps;
// and for these exact conditions, it drops the others.
func TestEventFilterNeverDropsWhatSearchKeeps(t *testing.T) {
	queries := []string{
		`search EventCode=1 Image=*wmic*`,
		`search EventCode=1 OR EventCode=3`,
		`search NOT EventCode=1`,
		`search EventCode!=1`,
		`search EventCode IN (3, 4688)`,
		`search wmic`,
		`search "process call create"`,
		`search TERM(cmd.exe)`,
		`search CASE(WMIC)`,
		`search CASE(wmic)`,
		`search tag=process`,
		`search EventCode>100`,
		`search DestinationIp=10.0.0.0/8`,
		`search sourcetype=xmlwineventlog EventCode=1`,
		`search earliest=1700000050 latest=1700000250`,
		`search earliest=1700000050 EventCode=1`,
		`search (EventCode=1 earliest=1700000050) OR Computer=c`,
		`search _time>1700000150`,
		`search EventCode=1 | where Computer="a"`,
	}
	evs := filterEvents()
	for _, q := range queries {
		p, err := compileWith(t, q, Options{})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		f := p.EventFilter()
		if f == nil {
			t.Fatalf("%s: no filter", q)
		}
		first, err := compileWith(t, firstCommand(q), Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := first.Exec(context.Background(), Input{Records: evs})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		kept := map[float64]bool{}
		tc := -1
		for i, name := range res.Fields {
			if name == "_time" {
				tc = i
			}
		}
		for _, r := range res.Rows {
			kept[r[tc].f] = true
		}
		for _, ev := range evs {
			tm := ev.Get("_time").f
			if got := f.Keep(recordView(ev)); got != kept[tm] {
				t.Errorf("%s: event at %v: filter keeps=%v, search keeps=%v", q, tm, got, kept[tm])
			}
		}
	}
}

// firstCommand returns q up to its first pipe.
func firstCommand(q string) string {
	for i := range len(q) {
		if q[i] == '|' {
			return q[:i]
		}
	}
	return q
}

func TestEventFilterNil(t *testing.T) {
	for _, q := range []string{
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest`,
		`| makeresults`,
		`search *`,
		`search`,
		`| eval x=1`,
		`search [| makeresults | eval EventCode=1 | fields EventCode]`,
		`search EventCode=1 | append [search *]`,
		`search EventCode=1 | map search="search $f$"`,
	} {
		p, err := compileWith(t, q, Options{ParseSearch: parseHook})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if f := p.EventFilter(); f != nil {
			t.Errorf("%s: want no filter, got one", q)
		}
		var nilFilter *EventFilter
		if !nilFilter.Keep(recordView(filterEvents()[0])) {
			t.Error("a nil filter keeps everything")
		}
	}
}

// TestEventFilterSubsearches: a search whose subsearches read the same
// events keeps, while reading, the events its leading search or any
// subsearch's may keep.
func TestEventFilterSubsearches(t *testing.T) {
	ev := func(code string) EventView {
		return recordView(Record{{Name: "EventCode", Value: Str(code)}})
	}
	for q, want := range map[string][]bool{ // EventCode 1, 3, 4
		`search EventCode=1 | join Computer [search EventCode=3]`:                        {true, true, false},
		`search EventCode=1 | append [search EventCode=3]`:                               {true, true, false},
		`| tstats count from datamodel=Endpoint.Processes | append [search EventCode=4]`: {false, false, true},
		`search EventCode=1 | appendpipe [append [search EventCode=4]]`:                  {true, false, true},
		`search EventCode=1 | append [search EventCode=3 | append [search EventCode=4]]`: {true, true, true},
		`search EventCode=1 | map search="search EventCode=4 x=$x$"`:                     {true, false, false},
		`search EventCode=1 | map search="search EventCode=4 OR EventCode=$c$"`:          {true, true, true},
	} {
		p, err := compileWith(t, q, Options{ParseSearch: parseHook})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		f := p.EventFilter()
		if f == nil {
			t.Fatalf("%s: no filter", q)
		}
		got := []bool{f.Keep(ev("1")), f.Keep(ev("3")), f.Keep(ev("4"))}
		if !slices.Equal(got, want) {
			t.Errorf("%s: keeps %v, want %v", q, got, want)
		}
		if g := f.WithoutTimeBounds(); g == nil || g.Keep(ev("3")) != want[1] {
			t.Errorf("%s: without time bounds the union stays", q)
		}
	}
}

func TestEventFilterWithoutTimeBounds(t *testing.T) {
	p, err := compileWith(t, `search earliest=-24h EventCode=3`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev := filterEvents()[2] // EventCode 3, 10000 s before the clock: inside -24h
	old := append(Record{{"_time", Num(1)}}, ev[1:]...)
	f := p.EventFilter()
	if !f.Keep(recordView(ev)) || f.Keep(recordView(old)) {
		t.Error("the filter applies earliest=")
	}
	nt := f.WithoutTimeBounds()
	if !nt.Keep(recordView(old)) || nt.Keep(recordView(filterEvents()[0])) {
		t.Error("WithoutTimeBounds keeps the condition and drops the bounds")
	}
	p, _ = compileWith(t, `search earliest=-24h`, Options{})
	if p.EventFilter() == nil || p.EventFilter().WithoutTimeBounds() != nil {
		t.Error("a search with only time bounds has a filter, and none without them")
	}
}

// TestExecColumnsOfKeptEvents: the columns of a search over events are the
// fields of the events it keeps, whether or not the caller filtered them
// first, and the first command still counts every event given.
func TestExecColumnsOfKeptEvents(t *testing.T) {
	p, err := compileWith(t, `search EventCode=3`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	evs := filterEvents()
	all, err := p.Exec(context.Background(), Input{Records: evs})
	if err != nil {
		t.Fatal(err)
	}
	var pre []Record
	for _, ev := range evs {
		if p.EventFilter().Keep(recordView(ev)) {
			pre = append(pre, ev)
		}
	}
	some, err := p.Exec(context.Background(), Input{Records: pre})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"_time", "_raw", "sourcetype", "EventCode", "DestinationIp", "Computer"}
	if d := diff(want, all.Fields); d != "" {
		t.Errorf("columns (-want +got):\n%s", d)
	}
	if d := diff(all.Fields, some.Fields); d != "" {
		t.Errorf("prefiltered columns differ (-all +prefiltered):\n%s", d)
	}
	if len(all.Rows) != 1 || len(some.Rows) != 1 {
		t.Errorf("rows: %d and %d, want 1", len(all.Rows), len(some.Rows))
	}
	if all.Profile[0].RowsIn != len(evs) {
		t.Errorf("search rows in = %d, want the %d events given", all.Profile[0].RowsIn, len(evs))
	}
}

func BenchmarkEventFilter(b *testing.B) {
	q, err := parser.Parse("search sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational EventCode=1 Image=*wmic*")
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(q, Options{})
	if err != nil {
		b.Fatal(err)
	}
	f := p.EventFilter()
	evs := filterEvents()
	b.ReportAllocs()
	for b.Loop() {
		for _, ev := range evs {
			f.Keep(recordView(ev))
		}
	}
}

// opaqueView is an EventView that cannot list its fields.
type opaqueView map[string]Value

func (v opaqueView) Field(name string) Value {
	if x, ok := v[name]; ok {
		return x
	}
	return Null()
}

func TestEventFilterKeywordWithoutRaw(t *testing.T) {
	q, err := parser.Parse(`search wmic`)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(q, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := p.EventFilter()
	tests := []struct {
		name string
		ev   EventView
		want bool
	}{
		{"raw with the keyword", opaqueView{"_raw": Str("C:\\wmic.exe")}, true},
		{"raw without it", opaqueView{"_raw": Str("cmd.exe")}, false},
		{"no raw, fields unknown: kept", opaqueView{"Image": Str("cmd.exe")}, true},
		{"record without raw, a value has it", recordView{{Name: "Image", Value: Str("WMIC.exe")}}, true},
		{"record without raw, no value has it", recordView{{Name: "Image", Value: Str("cmd.exe")}}, false},
	}
	for _, tt := range tests {
		if got := f.Keep(tt.ev); got != tt.want {
			t.Errorf("%s: Keep = %v, want %v", tt.name, got, tt.want)
		}
	}
}
