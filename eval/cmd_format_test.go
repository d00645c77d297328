package eval

import (
	"context"
	"slices"
	"testing"
)

// TestReturnInSubsearch: the search field that return and format make is
// inserted into the main search as search text (Options.ParseSearch set,
// as the CLI sets it) [D S-return, S-subsearch].
func TestReturnInSubsearch(t *testing.T) {
	recs := []Record{
		{{"_time", Num(3)}, {"host", Str("a")}, {"user", Str("x")}},
		{{"_time", Num(2)}, {"host", Str("b")}, {"user", Str("y")}},
		{{"_time", Num(1)}, {"host", Str("c")}, {"user", Str("y")}},
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{`search [search user=y | return host] | table host`, []string{"b"}},
		{`search [search user=y | return 5 host] | table host`, []string{"b", "c"}},
		{`search [search user=y | return 5 $host] | table host`, []string{"b", "c"}},
		{`search [search user=x | fields host | format] | table host`, []string{"a"}},
		{`search NOT [search user=y | fields host | format] | table host`, []string{"a"}},
	} {
		p, err := compileWith(t, tc.query, Options{ParseSearch: parseHook})
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		res, err := p.Exec(context.Background(), Input{Records: recs})
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if got := column(res, "host"); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.query, got, tc.want)
		}
	}
}
