package eval

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/parser"
)

// FuzzRunRecords compiles and runs arbitrary searches over a few events:
// any error is fine, an internal error (a recovered panic) is not.
func FuzzRunRecords(f *testing.F) {
	for _, s := range []string{
		`| eval x=mvindex(split(a, ","), -1) | where like(x, "%b")`,
		`search a=* b | stats count values(a) by b`,
		`| streamstats window=2 sum(n) as s by a | sort -s | head 1`,
		`| streamstats time_window=5s window=3 global=false current=f min(a) max(n) range(n) first(a) last(b) dc(a) values(a) avg(n) count by b`,
		`| eval {a}=substr(b, -2) | fillnull | dedup a b`,
		`| where match(a, "(?<=x)y") | rename a AS z | table z*`,
	} {
		f.Add(s)
	}
	recs := []Record{
		{{"_time", Num(1)}, {"a", Str("x,b")}, {"b", Str("b")}, {"n", Str("3")}},
		{{"_time", Num(2)}, {"a", Multi("1", "2")}, {"_raw", Str("b c")}},
		{},
	}
	f.Fuzz(func(t *testing.T, query string) {
		q, err := parser.Parse(query)
		if err != nil {
			return
		}
		p, err := Compile(q, Options{Now: time.Unix(1700000000, 0), MaxRows: 10000, RegexTimeout: 50 * time.Millisecond})
		if errors.Is(err, ErrInternal) {
			t.Fatalf("%q: %v", query, err)
		}
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if _, err := p.RunRecords(ctx, recs); errors.Is(err, ErrInternal) {
			t.Fatalf("%q: %v", query, err)
		}
	})
}
