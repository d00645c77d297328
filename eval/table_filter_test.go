package eval

import (
	"context"
	"fmt"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
)

// filterTable is a small Processes table with the cases a row filter must
// get right: missing fields, "" values, case, numbers, wildcard-looking
// text.
func filterTable() *cim.Table {
	names := []string{"wmic.exe", "WMIC.EXE", "Wmic.exe", "cmd.exe", "", "node.exe", "wmic.exe.bak"}
	procs := []string{`wmic /node:host process call create`, `C:\x\WMIC.exe /NODE:"a"`, `cmd /c dir`, "", `*node*`, `powershell -enc AAA`}
	var evs []event
	for i := range 120 {
		kv := []string{}
		if i%7 != 3 {
			kv = append(kv, "process_name", names[i%len(names)])
		}
		if i%5 != 1 {
			kv = append(kv, "process", procs[i%len(procs)])
		}
		if i%4 == 0 {
			kv = append(kv, "original_file_name", names[(i/4)%len(names)])
		}
		if i%3 != 2 {
			kv = append(kv, "user", fmt.Sprintf("ACME\\u%d", i%9))
		}
		kv = append(kv, "process_id", fmt.Sprint(i*37%5000), "dest", fmt.Sprintf("h%d", i%4), "host", fmt.Sprintf("H%d", i%3))
		if i%2 == 0 {
			kv = append(kv, "sourcetype", "csv")
		}
		evs = append(evs, ev(1700000000+float64(i), kv...))
	}
	return buildTable("Endpoint.Processes", evs...)
}

// TestTableFilterMatchesScan checks that a TableFilter keeps a row exactly
// when tstats' scan of the table selects it, for where clauses with OR,
// NOT, !=, wildcards, case, IN, CASE(), relations, _time and missing
// fields.
func TestTableFilterMatchesScan(t *testing.T) {
	tab := filterTable()
	wheres := []string{
		`Processes.process_name=wmic.exe`,
		`Processes.process_name=WMIC.EXE`,
		`Processes.process_name="wmic.exe"`,
		`Processes.process=*node*`,
		`(Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node*`,
		`NOT Processes.process_name=wmic.exe`,
		`Processes.process_name!=wmic.exe`,
		`NOT Processes.user=*`,
		`Processes.user!=*`,
		`Processes.process_name=""`,
		`Processes.process_id>100 Processes.process_id<=2000`,
		`Processes.process_id IN (0, 1*, 370)`,
		`Processes.process_name=CASE(wmic.exe)`,
		`_time>=1700000100 OR Processes.dest=H1`,
		`Processes.nosuch=x`,
		`NOT Processes.nosuch=x`,
		`dest=h1`,
		`host=h1 OR sourcetype=csv`,
		`NOT (Processes.process_name=wmic* OR Processes.user=*u1) Processes.process=*`,
		`Processes.process_name=*.exe* NOT Processes.process_name=*.bak`,
	}
	for _, w := range wheres {
		t.Run(w, func(t *testing.T) {
			p, err := compileWith(t, `| tstats count from datamodel=Endpoint.Processes where `+w, Options{})
			if err != nil {
				t.Fatal(err)
			}
			fs, reads, ok := p.TableFilters()
			if !ok || reads != 1 {
				t.Fatalf("TableFilters: reads %d, ok %v", reads, ok)
			}
			f := fs["Endpoint.Processes"]
			st := p.stages[0].(*tstatsStage)
			want := allRows(tab.Len())
			if st.where != nil {
				if f == nil {
					t.Fatal("no filter for a where clause")
				}
				want = (&scanner{ctx: context.Background(), t: tab}).eval(st.where, want)
			}
			kept := 0
			for i := range tab.Len() {
				row := tab.Row(i)
				tr := TableRow{Time: tab.Times()[i]}
				for _, name := range f.Fields() {
					v, set := row[name]
					tr.Values, tr.Set = append(tr.Values, v), append(tr.Set, set)
				}
				got := f.Keep(tr)
				if sel := want[i/64]&(1<<(i%64)) != 0; got != sel {
					t.Fatalf("row %d %v: Keep %v, tstats selects it: %v", i, row, got, sel)
				}
				if got {
					kept++
				}
			}
			t.Logf("%d of %d rows kept", kept, tab.Len())
		})
	}
}

// TestTableFilters checks which reads of a table are known and filtered.
func TestTableFilters(t *testing.T) {
	tests := []struct {
		query    string
		ok       bool
		reads    int
		filtered map[string]bool // dataset → has a filter (false: every row)
	}{
		{`| tstats count from datamodel=Endpoint.Processes where Processes.process_name=x`, true, 1,
			map[string]bool{"Endpoint.Processes": true}},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest`, true, 1,
			map[string]bool{"Endpoint.Processes": false}},
		{`| tstats count from datamodel=Endpoint.Processes where earliest=-1d`, true, 1,
			map[string]bool{"Endpoint.Processes": false}},
		{`| tstats count from datamodel=Endpoint.Processes where TERM(x)`, true, 1,
			map[string]bool{"Endpoint.Processes": false}},
		{`| tstats count from datamodel=Endpoint.Processes where Processes.dest=a | append [| tstats count from datamodel=Endpoint.Processes where Processes.dest=b]`, true, 2,
			map[string]bool{"Endpoint.Processes": true}},
		{`| tstats count from datamodel=Endpoint.Processes where Processes.dest=a | append [| datamodel Endpoint Processes search]`, true, 2,
			map[string]bool{"Endpoint.Processes": false}},
		{`| tstats count from datamodel=Endpoint.Processes where Processes.dest=a by Processes.dest | join Processes.dest [| tstats count from datamodel=Endpoint.Filesystem where Filesystem.file_name=x by Filesystem.dest | rename Filesystem.dest as Processes.dest]`, true, 2,
			map[string]bool{"Endpoint.Processes": true, "Endpoint.Filesystem": true}},
		{`| from datamodel:Endpoint.Processes | stats count`, true, 1,
			map[string]bool{"Endpoint.Processes": false}},
		{`| makeresults | map search="| tstats count from datamodel=Endpoint.Processes where Processes.dest=a"`, false, 0, nil},
		{`| makeresults | eval x=1`, true, 0, map[string]bool{}},
		{`| tstats prestats=t count from datamodel=Endpoint.Processes where Processes.dest=a | tstats prestats=t append=t count from datamodel=Endpoint.Processes where Processes.dest=b | stats count`, true, 2,
			map[string]bool{"Endpoint.Processes": true}},
	}
	for _, tt := range tests {
		p, err := compileWith(t, tt.query, Options{ParseSearch: parseHook})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		fs, reads, ok := p.TableFilters()
		if ok != tt.ok || reads != tt.reads || len(fs) != len(tt.filtered) {
			t.Fatalf("%s: reads %d ok %v tables %d; want %d %v %d", tt.query, reads, ok, len(fs), tt.reads, tt.ok, len(tt.filtered))
		}
		for ds, want := range tt.filtered {
			f, found := fs[ds]
			if !found || (f != nil) != want {
				t.Fatalf("%s: %s found %v filtered %v; want filtered %v", tt.query, ds, found, f != nil, want)
			}
		}
	}
}

// TestAnyTableFilter checks the union of filters over their own fields.
func TestAnyTableFilter(t *testing.T) {
	filter := func(w string) *TableFilter {
		p, err := compileWith(t, `| tstats count from datamodel=Endpoint.Processes where `+w, Options{})
		if err != nil {
			t.Fatal(err)
		}
		fs, _, _ := p.TableFilters()
		return fs["Endpoint.Processes"]
	}
	a, b := filter(`Processes.dest=a`), filter(`Processes.user=u Processes.dest!=a`)
	u := AnyTableFilter(a, b)
	if AnyTableFilter(a, nil) != nil || AnyTableFilter() != nil {
		t.Fatal("a union with every row must keep every row")
	}
	row := func(kv map[string]string) TableRow {
		r := TableRow{}
		for _, f := range u.Fields() {
			v, ok := kv[f]
			r.Values, r.Set = append(r.Values, v), append(r.Set, ok)
		}
		return r
	}
	tests := []struct {
		kv   map[string]string
		want bool
	}{
		{map[string]string{"dest": "A"}, true},
		{map[string]string{"dest": "b", "user": "U"}, true},
		{map[string]string{"dest": "b"}, false},
		{map[string]string{"user": "u"}, false}, // dest!=a needs a dest
		{map[string]string{}, false},
	}
	for _, tt := range tests {
		if got := u.Keep(row(tt.kv)); got != tt.want {
			t.Errorf("%v: Keep %v, want %v", tt.kv, got, tt.want)
		}
	}
}
