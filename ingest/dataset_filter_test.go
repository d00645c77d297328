package ingest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// filterFields and filterKeep are the row filter of the tests: finished
// values (process_name derived from process, vendor_product from
// sourcetype, defaults, metadata) decide.
var filterFields = []string{"process_name", "vendor_product", "host", "source", "dest", "parent_process_name"}

func filterKeep(get func(string) (string, bool)) bool {
	is := func(f, v string) bool { x, ok := get(f); return ok && x == v }
	name, _ := get("process_name")
	src, srcOK := get("source")
	return strings.EqualFold(name, "wmic.exe") ||
		is("vendor_product", "csv") && is("dest", "d3") ||
		is("host", "hx") ||
		srcOK && strings.HasSuffix(src, "b") ||
		is("parent_process_name", "unknown") && is("dest", "d1")
}

func testRowFilter() *RowFilter {
	return &RowFilter{Fields: filterFields, Keep: func(vals []string, set []bool, _ float64) bool {
		return filterKeep(func(f string) (string, bool) {
			for i, name := range filterFields {
				if name == f {
					return vals[i], set[i]
				}
			}
			return "", false
		})
	}}
}

// writeFilterData writes n generated Processes rows as JSON lines and CSV,
// with the cases the filter must see as the table does: prefixed keys,
// repeated keys, nulls, "" values, escapes, rows without _time, names
// derived from command lines, metadata given by some rows only.
func writeFilterData(t *testing.T, dir string, n int) (jsonl, csv string) {
	rng := rand.New(rand.NewPCG(7, 9))
	names := []string{"wmic.exe", "WMIC.EXE", "cmd.exe", "", "node.exe"}
	procs := []string{`C:\\Windows\\wbem\\WMIC.exe /node:x`, `\"C:\\Program Files\\a\\wmic.exe\" q`, `cmd /c dir`, ``, `powershell`}
	var j, c strings.Builder
	c.WriteString("_time,Processes.dest,process_name,process,parent_process,sourcetype,source,host\n")
	for i := range n {
		dest := fmt.Sprintf("d%d", rng.IntN(5))
		name := names[rng.IntN(len(names))]
		proc := procs[rng.IntN(len(procs))]
		st, src, host := "", "", ""
		switch rng.IntN(6) {
		case 0:
			st = "csv"
		case 1:
			src = "srcb"
		case 2:
			host = "hx"
		}
		var kv []string
		add := func(k, v string) { kv = append(kv, fmt.Sprintf("%q:%s", k, v)) }
		if i%97 != 5 {
			add("_time", fmt.Sprint(1700000000+i))
		}
		if i%3 == 0 {
			add("Processes.dest", `"`+dest+`"`)
		} else {
			add("dest", `"zz"`) // replaced by the later value
			add("dest", `"`+dest+`"`)
		}
		switch {
		case name == "" && i%2 == 0: // missing: derived from process
		case name == "wmic.exe" && i%4 == 0:
			add("process_name", `"wmic\u002eexe"`)
		default:
			add("process_name", `"`+name+`"`)
		}
		add("process", `"`+proc+`"`)
		if i%5 == 0 {
			add("parent_process", "null")
		} else {
			add("parent_process", `"p.exe -x"`)
		}
		for _, m := range [][2]string{{"sourcetype", st}, {"source", src}, {"host", host}} {
			if m[1] != "" {
				add(m[0], `"`+m[1]+`"`)
			}
		}
		j.WriteString("{" + strings.Join(kv, ",") + "}\n")
		if i%1000 == 999 { // broken records, in fields the filter reads or not
			j.WriteString(`{"_time":1,"dest":"d1","parent_process":"bad \q escape"}` + "\n" +
				`{"_time":2,"dest":"d1","process_name":"bad \x"}` + "\n" +
				`{"_time":"x","dest":"d1","process":"wmic"}` + "\n" +
				`{"_time":3,"dest":"d1","process":"wmic"` + "\n" +
				`{"_time":4,"dest":"d1","parent_process":"\u12"}` + "\n" +
				`{"_time":5,"dest":"d1","parent_process":"\ud800\u12"}` + "\n" +
				`{"_time":null,"_time":6,"dest":null,"process_name":"WMIC.exe","process_name":null}` + "\n")
		}

		tm := fmt.Sprint(1700000000 + i)
		if i%97 == 5 {
			tm = ""
		}
		cname := name
		if name == "" && i%2 == 0 {
			cname = ""
		}
		cproc := strings.ReplaceAll(strings.ReplaceAll(proc, `\\`, `\`), `\"`, `""`)
		parent := "p.exe -x"
		if i%5 == 0 {
			parent = ""
		}
		fmt.Fprintf(&c, "%s,%s,%s,\"%s\",%s,%s,%s,%s\n", tm, dest, cname, cproc, parent, st, src, host)
	}
	jsonl, csv = filepath.Join(dir, "rows.jsonl"), filepath.Join(dir, "rows.csv")
	if err := os.WriteFile(jsonl, []byte(j.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csv, []byte(c.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return jsonl, csv
}

// TestLoadDatasetRowFilter checks that a filtered load stores exactly the
// rows of the unfiltered load the filter keeps, with the same values in
// the same order, and reports the same: the filter sees each row as the
// table stores it.
func TestLoadDatasetRowFilter(t *testing.T) {
	dir := t.TempDir()
	jsonl, csv := writeFilterData(t, dir, 20000)
	for _, path := range []string{jsonl, csv} {
		for _, opts := range []Options{
			{Dataset: "Endpoint.Processes"},
			{Dataset: "Endpoint.Processes", Source: "given", Index: "x"},
		} {
			t.Run(filepath.Base(path)+"/"+opts.Source, func(t *testing.T) {
				all, repAll := load(t, []string{path}, opts)
				opts.Rows = testRowFilter()
				some, repSome := load(t, []string{path}, opts)
				ta, ts := all["Endpoint.Processes"], some["Endpoint.Processes"]
				var want []map[string]string
				var wantTimes []float64
				omitted, latest := 0, 0.0
				for i := range ta.Len() {
					row := ta.Row(i)
					if filterKeep(func(f string) (string, bool) { v, ok := row[f]; return v, ok }) {
						want = append(want, row)
						wantTimes = append(wantTimes, ta.Times()[i])
						continue
					}
					if omitted == 0 || ta.Times()[i] > latest {
						latest = ta.Times()[i]
					}
					omitted++
				}
				if len(want) == 0 || omitted == 0 {
					t.Fatalf("the test data must have rows of both kinds: %d kept, %d omitted", len(want), omitted)
				}
				var got []map[string]string
				for i := range ts.Len() {
					got = append(got, ts.Row(i))
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("rows (-want +got):\n%s", d)
				}
				if d := cmp.Diff(wantTimes, ts.Times()); d != "" {
					t.Fatalf("times (-want +got):\n%s", d)
				}
				n, l := ts.Omitted()
				if n != omitted || l != latest || ts.RowsRead() != ta.Len() {
					t.Fatalf("Omitted %d %v, RowsRead %d; want %d %v, %d", n, l, ts.RowsRead(), omitted, latest, ta.Len())
				}
				if d := cmp.Diff(repAll.Files, repSome.Files); d != "" {
					t.Fatalf("report (-all +filtered):\n%s", d)
				}
			})
		}
	}
}

// TestSkipString checks that skipString ends a string where scanString
// does and fails where it fails.
func TestSkipString(t *testing.T) {
	alphabet := []byte(`"\u0aF9xbnrt/ é`)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		b := make([]byte, rng.IntN(14))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		scratch := make([]byte, 0, len(b))
		_, want, werr := scanString(b, 0, &scratch)
		got, gerr := skipString(b, 0)
		if (werr != nil) != (gerr != nil) || werr == nil && got != want {
			t.Fatalf("%q: skipString %d, %v; scanString %d, %v", b, got, gerr, want, werr)
		}
	}
}
