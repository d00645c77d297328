package eval

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/internal/memlimit"
)

// TestReserveStopsOneLargeAllocation: a step that would allocate past the
// memory limit in one block (a concatenation, a join, columns added to
// every row) is refused before it allocates: the run ends with the
// limit's error at that command although the heap itself never passed
// the limit, so the watchdog alone would have let it through.
func TestReserveStopsOneLargeAllocation(t *testing.T) {
	big := strings.Repeat("a", 8<<20)
	rows := make([]Record, 200_000)
	for i := range rows {
		rows[i] = Record{{Name: "n", Value: Num(float64(i))}}
	}
	for _, tc := range []struct {
		name, query string
		recs        []Record
	}{
		{"concatenation", `| eval x=big . big . big`, []Record{{{Name: "big", Value: Str(big)}}}},
		{"join", `| eval x=mvjoin(mvappend(big, big, big), ",")`, []Record{{{Name: "big", Value: Str(big)}}}},
		{"new columns", `| eval a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8`, rows},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := compileWith(t, tc.query, Options{MaxValueLen: 1 << 30})
			if err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			limit := int64(memlimit.InUse()) + 12<<20
			stop := &Error{Span: ast.Span{Start: -1, End: -1}, Code: diag.CodeLimitExceeded, Msg: "over the memory limit"}
			ctx, done := memlimit.Watch(context.Background(), limit, func(uint64) error { return stop }, nil)
			defer done()
			_, err = p.Exec(ctx, Input{Records: tc.recs})
			var e *Error
			if !errors.As(err, &e) || e.Code != diag.CodeLimitExceeded || e.Span.Start < 0 || !strings.Contains(e.Msg, "eval: over the memory limit") {
				t.Fatalf("error %v, want the memory limit's at eval", err)
			}
		})
	}
}

// TestReserveUnwatched: without a watched context, nothing is refused.
func TestReserveUnwatched(t *testing.T) {
	res, err := compileRun(t, `| eval x=big . big`, Options{MaxValueLen: 1 << 30}, []Record{{{Name: "big", Value: Str(strings.Repeat("b", 2<<20))}}})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("%v, %v", res, err)
	}
}
