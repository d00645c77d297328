package eval

import (
	"strings"
	"testing"
)

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
