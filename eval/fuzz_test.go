package eval_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/eval/spltest"
	"github.com/spelunk-dev/spelunk/parser"
)

// FuzzRunRecords compiles and runs arbitrary searches over a few events:
// any error is fine, an internal error (a recovered panic) is not. Every
// conformance query is a seed.
func FuzzRunRecords(f *testing.F) {
	queries, err := spltest.Queries("testdata/conformance")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range append(queries,
		`| eval x=mvindex(split(a, ","), -1) | where like(x, "%b")`,
		`search a=* b | stats count values(a) by b`,
		`| streamstats window=2 sum(n) as s by a | sort -s | head 1`,
		`| streamstats time_window=5s window=3 global=false current=f min(a) max(n) range(n) first(a) last(b) dc(a) values(a) avg(n) count by b`,
		`| eval {a}=substr(b, -2) | fillnull | dedup a b`,
		`| where match(a, "(?<=x)y") | rename a AS z | table z*`,
	) {
		f.Add(s)
	}
	recs := []eval.Record{
		{{Name: "_time", Value: eval.Num(1)}, {Name: "a", Value: eval.Str("x,b")}, {Name: "b", Value: eval.Str("b")}, {Name: "n", Value: eval.Str("3")}},
		{{Name: "_time", Value: eval.Num(2)}, {Name: "a", Value: eval.Multi("1", "2")}, {Name: "_raw", Value: eval.Str("b c")}},
		{},
	}
	f.Fuzz(func(t *testing.T, query string) {
		q, err := parser.Parse(query)
		if err != nil {
			return
		}
		p, err := eval.Compile(q, eval.Options{Now: time.Unix(1700000000, 0), MaxRows: 10000, RegexTimeout: 50 * time.Millisecond})
		if errors.Is(err, eval.ErrInternal) {
			t.Fatalf("%q: %v", query, err)
		}
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if _, err := p.Exec(ctx, eval.Input{Records: recs}); errors.Is(err, eval.ErrInternal) {
			t.Fatalf("%q: %v", query, err)
		}
	})
}
