package eval

import (
	"github.com/spelunk-dev/spelunk/ast"
	"strings"
	"testing"
	"time"
)

func TestRexRegexp2PathByteOffsets(t *testing.T) {
	// A lookahead forces regexp2; non-ASCII text before the match checks
	// the rune → byte offset conversion.
	in := rowsOf([]string{"_raw"}, rec{"_raw": "é→ user=ann; user=bo"})
	out, err := runPipe(t, `rex max_match=0 offset_field=o "user=(?<u>\w+)(?=;|$)"`, in)
	if err != nil {
		t.Fatal(err)
	}
	got := records(out.fields, out.rows)
	if d := diff([]map[string]Value{{"_raw": Str("é→ user=ann; user=bo"), "u": Multi("ann", "bo"), "o": Str("u=11-13&u=21-22")}}, got); d != "" {
		t.Fatal(d)
	}
}

func TestRexKeyValPairs(t *testing.T) {
	in := rowsOf([]string{"_raw"}, rec{"_raw": "a=1 b=2"})
	out, err := runPipe(t, `rex max_match=0 "(?<_KEY_1>\w+)=(?<_VAL_1>\d+)"`, in)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff([]map[string]Value{{"_raw": Str("a=1 b=2"), "a": Str("1"), "b": Str("2")}}, records(out.fields, out.rows)); d != "" {
		t.Fatal(d)
	}
}

func TestSedErrors(t *testing.T) {
	for _, q := range []string{
		`rex mode=sed "x/a/b/"`,
		`rex mode=sed "s/a/b"`,
		`rex mode=sed "s/a/b/q"`,
		`rex mode=sed "y/ab/c/"`,
		`rex mode=sed "s/(/b/"`,
		`rex mode=other "s/a/b/"`,
		`rex "(?<x"`,
	} {
		if _, err := runPipe(t, q, rowsOf([]string{"_raw"})); err == nil {
			t.Errorf("%s: want a compile error", q)
		}
	}
}

func TestSedEscapedDelimiter(t *testing.T) {
	in := rowsOf([]string{"p"}, rec{"p": "C:/Windows/x"}, rec{"p": []string{"a/b", "c"}})
	out, err := runPipe(t, `rex field=p mode=sed "s/\//\\\\/g"`, in)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]Value{{"p": Str(`C:\Windows\x`)}, {"p": Multi(`a\b`, "c")}}
	if d := diff(want, records(out.fields, out.rows)); d != "" {
		t.Fatal(d)
	}
}

func TestSpathTable(t *testing.T) {
	for _, tc := range []struct {
		raw, path string
		want      Value
	}{
		{`{"a":[{"b":[1,2]},{"b":[3]}]}`, "a{}.b{}", Multi("1", "2", "3")},
		{`{"a":[{"b":[1,2]},{"b":[3]}]}`, "a{1}.b{2}", Str("2")},
		{`[{"x":"y"}]`, "{}.x", Str("y")},
		{`[1,2]`, "{}", Multi("1", "2")},
		{`{"a":"\u00e9\n"}`, "a", Str("é\n")},
		{`{"a":null}`, "a", Str("null")},
		{`{"a":1}`, "b", Null()},
		{`{"a":1`, "a", Null()},
		{`<r><i>1</i><i>2</i></r>`, "r.i", Multi("1", "2")},
		{`<r><i>1</i><i>2</i></r>`, "r.i{2}", Str("2")},
		{`<r a="&amp;x"/>`, "r{@a}", Str("&x")},
		{`<r><s><t>v</t></s></r>`, "r.s", Str("<t>v</t>")},
	} {
		in := rowsOf([]string{"_raw"}, rec{"_raw": tc.raw})
		out, err := runPipe(t, "spath output=o path="+quoteSPL(tc.path), in)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.raw, tc.path, err)
		}
		got := get(out.rows[0], out.col("o"))
		if !got.Equal(tc.want) {
			t.Errorf("%s path %s: got %#v, want %#v", tc.raw, tc.path, got, tc.want)
		}
	}
}

func quoteSPL(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func TestSpathBadPaths(t *testing.T) {
	for _, p := range []string{`"a{x}"`, `"a{"`, `"a..b"`, `"a{0}"`} {
		if _, err := runPipe(t, "spath path="+p, rowsOf([]string{"_raw"})); err == nil {
			t.Errorf("path %s: want error", p)
		}
	}
}

func FuzzSpath(f *testing.F) {
	for _, s := range []string{`{"a":{"b":[1,{"c":"d"}]}}`, `<a x="1"><b>t</b><b/></a>`, `[[[]]]`, `{"a":"\ud800"}`, `<a><b></a>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		names, vals := spathAll(s)
		if len(names) != len(vals) {
			t.Fatal("names and values differ in length")
		}
		_ = spathValues(s, []spathStep{{name: "a", subs: []int{0}}, {name: "b"}})
		acc := &fieldAcc{idx: map[string]int{}}
		xmlPairs(s, acc)
	})
}

func TestLookupTableMatching(t *testing.T) {
	def := LookupDef{Name: "t", MatchTypes: map[string]MatchType{"pat": MatchWildcard, "net": MatchCIDR}, MaxMatches: 2}
	tab, err := NewLookupTable(def, []string{"pat", "net", "k", "out"}, [][]string{
		{"*.exe", "10.0.0.0/8", "a", "1"},
		{"cmd*", "10.1.0.0/16", "a", "2"},
		{"*", "::ffff:192.168.0.0/112", "b", "3"},
		{"", "", "a"}, // short row: padded
	})
	if err != nil {
		t.Fatal(err)
	}
	cols := func(names ...string) []int {
		var c []int
		for _, n := range names {
			c = append(c, tab.column(n))
		}
		return c
	}
	for _, tc := range []struct {
		cols []string
		vals []string
		want []int32
	}{
		{[]string{"pat"}, []string{"cmd.exe"}, []int32{0, 1}}, // max_matches=2
		{[]string{"pat", "k"}, []string{"cmd.com", "a"}, []int32{1}},
		{[]string{"net"}, []string{"10.1.2.3"}, []int32{0, 1}},
		{[]string{"net"}, []string{"192.168.3.4"}, []int32{2}},
		{[]string{"net"}, []string{"not-an-ip"}, nil},
		{[]string{"k"}, []string{"A"}, nil}, // case-sensitive by default
		{[]string{"pat"}, []string{"CMD.EXE"}, []int32{2}},
	} {
		got := tab.match(cols(tc.cols...), tc.vals, tab.def.MaxMatches)
		if d := diff(tc.want, got); d != "" {
			t.Errorf("%v=%v: %s", tc.cols, tc.vals, d)
		}
	}
}

func BenchmarkLookupExact(b *testing.B) {
	var rows [][]string
	for i := range 5000 {
		rows = append(rows, []string{"host" + itoa(i), "role" + itoa(i%7)})
	}
	tab, err := NewLookupTable(LookupDef{Name: "h", CaseInsensitive: true}, []string{"host", "role"}, rows)
	if err != nil {
		b.Fatal(err)
	}
	in := &rowSet{fields: []string{"host"}}
	for i := range 1000 {
		in.rows = append(in.rows, Row{Str("HOST" + itoa(i*3))})
	}
	st := &lookupStage{table: "h", resolver: confLookups{"h": tab}, inputs: nil}
	st.inputs = append(st.inputs, lookupFieldOf("host"))
	env := &runEnv{loc: time.UTC, maxRows: DefaultMaxRows}
	b.ReportAllocs()
	for b.Loop() {
		cp := &rowSet{fields: in.fields}
		for _, r := range in.rows {
			cp.rows = append(cp.rows, copyRow(r))
		}
		if _, _, err := st.run(b.Context(), env, cp); err != nil {
			b.Fatal(err)
		}
	}
}

func lookupFieldOf(name string) ast.LookupField { return ast.LookupField{Field: name} }
