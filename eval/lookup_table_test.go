package eval

import (
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
)

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
