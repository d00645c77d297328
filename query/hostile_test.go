package query

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/internal/memlimit"
)

// hostileGrace bounds how long a run may take past its deadline: a
// generous bound that a busy machine does not reach, not a timing test.
const hostileGrace = 10 * time.Second

// TestHostileLimits runs searches that once ran for minutes or exhausted
// memory through an Env with limits: each ends with the expected error
// (a SearchError's code, or the Timeout's deadline) in bounded time.
func TestHostileLimits(t *testing.T) {
	for _, tc := range []struct {
		name   string
		limits Limits
		query  string
		code   diag.Code // "" with deadline: the Timeout stops it
	}{
		{"value length", Limits{MaxValueLen: 1000}, `| makeresults | eval x="abcdefghij"` + strings.Repeat(" | eval x=x . x", 10), diag.CodeLimitExceeded},
		{"multivalue size", Limits{MaxMultivalue: 100}, `| makeresults | eval x=mvrange(0, 101)`, diag.CodeLimitExceeded},
		{"cells", Limits{MaxCells: 1000}, `| makeresults count=100 | eval a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10`, diag.CodeLimitExceeded},
		{"rows", Limits{MaxRows: 100}, `| makeresults count=101`, diag.CodeLimitExceeded},
		{"timeout", Limits{Timeout: 200 * time.Millisecond}, `| makeresults count=300000 | eval r=random() | sort 0 r | streamstats window=10000 median(r) as m`, ""},
		// MaxMemory -1 below: the heap in use now plus 128 MiB. The
		// doubling would reach 40 GiB: each step's one allocation is
		// reserved against the limit before it is made, so the run stops
		// there whether or not the watchdog has run (CI runs this again
		// under ulimit -v 4000000).
		{"memory: doubling a string", Limits{MaxMemory: -1, MaxValueLen: 1 << 40}, `| makeresults | eval x="abcdefghij"` + strings.Repeat(" | eval x=x . x", 32), diag.CodeLimitExceeded},
		{"memory: joining a multivalue", Limits{MaxMemory: -1, MaxValueLen: 1 << 40}, `| makeresults | eval x="abcdefghij"` + strings.Repeat(" | eval x=mvjoin(mvappend(x, x), \"\")", 32), diag.CodeLimitExceeded},
		{"memory: adding columns to many rows", Limits{MaxMemory: -1, MaxCells: 1 << 40, MaxRows: 1 << 30}, `| makeresults count=3000000 | eval a=1 | eval b=2 | eval c=3 | eval d=4 | eval e=5, f=6, g=7, h=8, i=9, j=10, k=11, l=12`, diag.CodeLimitExceeded},
		{"memory: many rows of big values", Limits{MaxMemory: -1}, `| makeresults count=5000000 | eval a=random(), b=md5(tostring(a)), c=b.b.b.b.b.b | stats values(c) as c by a`, diag.CodeLimitExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			memory := tc.limits.MaxMemory < 0
			if memory {
				runtime.GC()
				tc.limits.MaxMemory = int64(memlimit.InUse()) + 128<<20
			}
			env := newEnv(t, Config{Limits: tc.limits, Now: rawClock})
			s := compileText(t, env, tc.query)
			done := make(chan error, 1)
			go func() {
				_, err := s.Exec(context.Background(), nil)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(tc.limits.Timeout + hostileGrace):
				t.Fatalf("still running %v after its deadline", hostileGrace)
			}
			if tc.code == "" {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("error %v, want the Timeout's deadline", err)
				}
				return
			}
			var se *SearchError
			if !errors.As(err, &se) || se.Code != tc.code {
				t.Fatalf("error %v, want a SearchError with code %s", err, tc.code)
			}
			var me *MemoryLimitError
			if memory != errors.As(err, &me) {
				t.Fatalf("error %v: a MemoryLimitError is in it: %v, want %v", err, !memory, memory)
			}
			if memory && (me.Limit != tc.limits.MaxMemory || me.InUse <= me.Limit ||
				!strings.Contains(se.Msg, "eval: the memory in use (") && !strings.Contains(se.Msg, "stats: the memory in use (") && !strings.Contains(se.Msg, "makeresults: the memory in use (") ||
				!strings.Contains(se.Msg, "raise it with --max-memory") || se.Loc.Line != 1 || se.Loc.Col < 3) {
				t.Errorf("memory limit error %+v, %+v", se, me)
			}
		})
	}
}
