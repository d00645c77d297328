package eval

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/parser"
)

// hostileCase is a search over untrusted content or data that once ran
// for minutes or exhausted memory: it must end within the context's
// deadline with the expected outcome.
type hostileCase struct {
	name  string
	query string
	opts  Options
	recs  func() []Record
	// code is the error's diag code; "" when the search must succeed.
	code diag.Code
	// at is text the error's span must start with (the command).
	at string
	// check inspects a successful result.
	check func(t *testing.T, res *Result)
	// deadline, when set, is the context's deadline instead of
	// hostileDeadline; with code codeDeadline the run must stop with
	// context.DeadlineExceeded soon after it.
	deadline time.Duration
}

// codeDeadline is hostileCase.code for a run the context's deadline must
// stop.
const codeDeadline diag.Code = "deadline"

// hostileGrace is how long after its context's deadline a run may take
// to return; a generous bound, so that a busy machine does not fail it.
const hostileGrace = 10 * time.Second

// hostileDeadline bounds each hostile search: a search that overruns it
// fails the test (it is not a timing assertion: runs are far shorter).
const hostileDeadline = 20 * time.Second

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q, err := parser.Parse(tc.query)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			opts := tc.opts
			opts.Now = time.Unix(1700000000, 0)
			p, err := Compile(q, opts)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			var recs []Record
			if tc.recs != nil {
				recs = tc.recs()
			}
			deadline := hostileDeadline
			if tc.deadline > 0 {
				deadline = tc.deadline
			}
			ctx, cancel := context.WithTimeout(t.Context(), deadline)
			defer cancel()
			type outcome struct {
				res *Result
				err error
			}
			done := make(chan outcome, 1)
			go func() {
				res, err := p.Exec(ctx, Input{Records: recs})
				done <- outcome{res, err}
			}()
			var res *Result
			select {
			case o := <-done:
				res, err = o.res, o.err
			case <-time.After(deadline + hostileGrace):
				t.Fatalf("still running %v after the context's deadline", hostileGrace)
			}
			if tc.code == codeDeadline {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("error %v, want the context's deadline", err)
				}
				return
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("not done within %v", deadline)
			}
			if tc.code == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if tc.check != nil {
					tc.check(t, res)
				}
				return
			}
			var ee *Error
			if !errors.As(err, &ee) {
				t.Fatalf("error %v, want an *Error with code %s", err, tc.code)
			}
			if ee.Code != tc.code {
				t.Fatalf("code %s (%v), want %s", ee.Code, ee, tc.code)
			}
			if tc.at != "" && !strings.HasPrefix(tc.query[max(int(ee.Span.Start), 0):], tc.at) {
				t.Errorf("error at %d (%q), want at %q", ee.Span.Start, tc.query[max(int(ee.Span.Start), 0):], tc.at)
			}
		})
	}
}

// seqRecords makes n records from f(i).
func seqRecords(n int, f func(i int) Record) func() []Record {
	return func() []Record {
		out := make([]Record, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
}

func TestHostileValues(t *testing.T) {
	doubling := "| makeresults | eval x=\"ab\"" + strings.Repeat(" | eval x=x . x", 32)
	runHostile(t, []hostileCase{
		{name: "string doubled 32 times", query: doubling,
			code: diag.CodeLimitExceeded, at: "eval x=x . x"},
		{name: "string doubled under a small limit", query: "| makeresults | eval x=\"ab\" | eval x=x . x . x . x . x . x . x . x",
			opts: Options{MaxValueLen: 10}, code: diag.CodeLimitExceeded, at: "eval x=x . x"},
		{name: "mvjoin over the value limit", query: "| makeresults | eval x=mvjoin(mvrange(0,50), \"----------\")",
			opts: Options{MaxValueLen: 100}, code: diag.CodeLimitExceeded, at: "eval x="},
		{name: "mvrange past the multivalue limit", query: "| makeresults | eval x=mvrange(0, 1e12)",
			code: diag.CodeLimitExceeded, at: "eval x="},
		{name: "mvrange at the multivalue limit", query: "| makeresults | eval x=mvcount(mvrange(0, 1000))",
			opts: Options{MaxMultivalue: 1000},
			check: func(t *testing.T, res *Result) {
				if got := column(res, "x"); len(got) != 1 || got[0] != "1000" {
					t.Errorf("x = %q", got)
				}
			}},
		{name: "mvrange past a small multivalue limit", query: "| makeresults | where mvcount(mvrange(0, 1001)) > 0",
			opts: Options{MaxMultivalue: 1000}, code: diag.CodeLimitExceeded, at: "where"},
		{name: "mvappend past the multivalue limit", query: "| makeresults | eval x=mvrange(0,600) | eval x=mvappend(x, x)",
			opts: Options{MaxMultivalue: 1000}, code: diag.CodeLimitExceeded, at: "eval x=mvappend"},
		{name: "like with four segments over 1 KB values", query: "| makeresults count=2000 | eval x=mvjoin(mvrange(0,500), \"a\") | where like(x, \"%0a%1a%2a%b\")",
			check: func(t *testing.T, res *Result) {
				if len(res.Rows) != 0 {
					t.Errorf("%d rows", len(res.Rows))
				}
			}},
		{name: "like with a pattern built from data", query: "search * | where like(process, \"%\" . parent_process . \"%\")",
			recs: seqRecords(200, func(i int) Record {
				return Record{{"process", Str(strings.Repeat("a", 1000) + fmt.Sprint(i%2))}, {"parent_process", Str(strings.Repeat("%a", 20) + "%1")}}
			}),
			check: func(t *testing.T, res *Result) {
				if len(res.Rows) != 100 {
					t.Errorf("%d rows, want the 100 ending in 1", len(res.Rows))
				}
			}},
		{name: "format past the value limit", query: "| makeresults count=1000 | eval user=\"someone\" | format",
			opts: Options{MaxValueLen: 10_000}, code: diag.CodeLimitExceeded, at: "format"},
		{name: "printf width of 2 GB", query: "| makeresults | eval x=printf(\"%2000000000s\", \"a\")",
			code: diag.CodeLimitExceeded, at: "eval x="},
		{name: "printf precision of 2 GB", query: "| makeresults | eval x=printf(\"%.2000000000f\", 1)",
			code: diag.CodeLimitExceeded, at: "eval x="},
		{name: "printf width from an argument", query: "| makeresults | eval x=printf(\"%*d\", 2000000000, 1)",
			code: diag.CodeLimitExceeded, at: "eval x="},
		{name: "printf width under the limit", query: "| makeresults | eval x=len(printf(\"%-1000s|%05.1f\", \"a\", 2.25))",
			check: func(t *testing.T, res *Result) {
				if got := column(res, "x"); len(got) != 1 || got[0] != "1006" {
					t.Errorf("x = %q", got)
				}
			}},
		{name: "replace of every position", query: "| makeresults | eval x=mvjoin(mvrange(0,1000), \"\") | eval y=replace(x, \"\", x)",
			opts: Options{MaxValueLen: 100_000}, code: diag.CodeLimitExceeded, at: "eval y="},
		{name: "replace under the limit", query: "| makeresults | eval x=mvjoin(mvrange(0,1000), \"\") | eval y=len(replace(x, \"1\", \"\\\\0\\\\0\"))",
			opts: Options{MaxValueLen: 10_000},
			check: func(t *testing.T, res *Result) {
				if got := column(res, "y"); len(got) != 1 || got[0] != "3190" {
					t.Errorf("y = %q", got)
				}
			}},
		{name: "printf widths", query: "| makeresults | eval f=mvjoin(mvrange(0,100), \"%900000d\") | eval y=printf(f, 1)",
			code: diag.CodeLimitExceeded, at: "eval y="},
		{name: "mvrange that does not advance", query: "| makeresults | eval x=mvcount(mvrange(1e16, 1e16+100))",
			code: diag.CodeLimitExceeded, at: "eval"},
	})
}

func TestHostileTables(t *testing.T) {
	const day = 86400
	runHostile(t, []hostileCase{
		{name: "timechart of every value by every day", query: "search * | timechart span=1d limit=0 count by f",
			recs: seqRecords(20_000, func(i int) Record {
				return Record{{"_time", Num(float64(i * day))}, {"f", Str(fmt.Sprint("v", i))}}
			}),
			code: diag.CodeLimitExceeded, at: "timechart"},
		{name: "timechart under a small cell limit", query: "search * | timechart span=1d limit=0 count by f",
			opts: Options{MaxCells: 10_000},
			recs: seqRecords(200, func(i int) Record {
				return Record{{"_time", Num(float64(i * day))}, {"f", Str(fmt.Sprint("v", i))}}
			}),
			code: diag.CodeLimitExceeded, at: "timechart"},
		{name: "cells of any command", query: "search * | eval a=1, b=2, c=3",
			opts: Options{MaxCells: 1000},
			recs: seqRecords(300, func(i int) Record { return Record{{"x", Num(float64(i))}} }),
			code: diag.CodeLimitExceeded, at: "eval"},
	})
}

// mvRecord is one event with multivalue fields a, b and c of n values
// each.
func mvRecord(n int) func() []Record {
	return func() []Record {
		vals := make([]string, n)
		for i := range vals {
			vals[i] = fmt.Sprint(i)
		}
		return []Record{{{"_time", Num(1)}, {"a", Multi(vals...)}, {"b", Multi(vals...)}, {"c", Multi(vals...)}}}
	}
}

func TestHostileGroups(t *testing.T) {
	runHostile(t, []hostileCase{
		{name: "stats by three 1000-value fields", query: "search * | stats count by a b c",
			recs: mvRecord(1000), code: diag.CodeLimitExceeded, at: "stats"},
		{name: "eventstats by three 1000-value fields", query: "search * | eventstats count by a b c",
			recs: mvRecord(1000), code: diag.CodeLimitExceeded, at: "eventstats"},
		{name: "streamstats by three 1000-value fields", query: "search * | streamstats count by a b c",
			recs: mvRecord(1000), code: diag.CodeLimitExceeded, at: "streamstats"},
		{name: "top by three 1000-value fields", query: "search * | top a b c",
			recs: mvRecord(1000), code: diag.CodeLimitExceeded, at: "top"},
		{name: "top combinations past a small row limit", query: "search * | top limit=0 a b",
			opts: Options{MaxRows: 5000}, recs: mvRecord(100), code: diag.CodeLimitExceeded, at: "top"},
		{name: "top combinations at the row limit", query: "search * | top limit=0 a b",
			opts: Options{MaxRows: 10_000}, recs: mvRecord(100),
			check: func(t *testing.T, res *Result) {
				if len(res.Rows) != 10_000 {
					t.Errorf("%d rows", len(res.Rows))
				}
			}},
		{name: "stats groups past a small row limit", query: "search * | stats count by a b",
			opts: Options{MaxRows: 5000}, recs: mvRecord(100), code: diag.CodeLimitExceeded, at: "stats"},
		{name: "stats groups at the row limit", query: "search * | stats count by a b",
			opts: Options{MaxRows: 10_000}, recs: mvRecord(100),
			check: func(t *testing.T, res *Result) {
				if len(res.Rows) != 10_000 {
					t.Errorf("%d rows", len(res.Rows))
				}
			}},
		{name: "stats groups over many rows past a small row limit", query: "search * | stats count by x",
			opts: Options{MaxRows: 1000},
			recs: seqRecords(600, func(i int) Record { return Record{{"x", Multi(fmt.Sprint(i), fmt.Sprint(-i-1))}} }),
			code: diag.CodeLimitExceeded, at: "stats"},
	})
}

func TestHostileStreamstats(t *testing.T) {
	recs := seqRecords(50_000, func(i int) Record {
		return Record{{"_time", Num(float64(50_000 - i))}, {"x", Str(fmt.Sprint(i % 20_000))}, {"g", Str(fmt.Sprint(i % 3))}}
	})
	last := func(field, want string) func(t *testing.T, res *Result) {
		return func(t *testing.T, res *Result) {
			if got := column(res, field); len(got) != 50_000 || got[len(got)-1] != want {
				t.Errorf("%s: last of %d = %q, want %q", field, len(got), got[len(got)-1], want)
			}
		}
	}
	runHostile(t, []hostileCase{
		{name: "window=10000 dc over 50,000 rows", query: "search * | streamstats window=10000 dc(x) as n",
			recs: recs, check: last("n", "10000")},
		{name: "window=10000 min max sum by g", query: "search * | streamstats window=10000 global=false min(x) as lo max(x) as hi sum(x) as s count by g",
			recs: recs, check: last("count", "10000")},
		{name: "values over a large window, cancelled", query: "search * | streamstats time_window=10000s values(x) as v count",
			opts: Options{MaxRows: 1 << 20}, recs: recs, deadline: time.Second, code: "deadline"},
		{name: "time_window over 50,000 rows", query: "search * | streamstats time_window=10000s dc(x) as v count",
			recs: recs, check: last("count", "10000")},
	})
}

func TestHostileCancel(t *testing.T) {
	runHostile(t, []hostileCase{
		{name: "sort 0 over many rows", query: "| makeresults count=400000 | eval r=random() | sort 0 r | sort 0 -r | sort 0 r",
			deadline: 300 * time.Millisecond, code: codeDeadline},
		{name: "streamstats median over a large window", query: "| makeresults count=50000 | streamstats count as n | eval x=n%977 | streamstats window=10000 median(x) as m",
			deadline: 300 * time.Millisecond, code: codeDeadline},
		{name: "like over long values", query: "| makeresults count=20000 | eval x=mvjoin(mvrange(0,2000), \"a\") | where like(x, \"%a%a%a%a%a%b\")",
			deadline: 300 * time.Millisecond, code: codeDeadline},
	})
}

func TestHostileColumns(t *testing.T) {
	distinct := func(n int, raw func(i int) string) func() []Record {
		return seqRecords(n, func(i int) Record {
			return Record{{"_time", Num(1)}, {"_raw", Str(raw(i))}, {"k", Str(fmt.Sprint("f", i))}}
		})
	}
	jsonKey := func(i int) string { return fmt.Sprintf(`{"k%d": 1}`, i) }
	runHostile(t, []hostileCase{
		{name: "eval {k} with a field per row", query: "search * | eval {k}=1",
			opts: Options{MaxCells: 1_000_000}, recs: distinct(3000, jsonKey), code: diag.CodeLimitExceeded, at: "eval"},
		{name: "spath with a key per row", query: "search * | spath",
			opts: Options{MaxCells: 1_000_000}, recs: distinct(3000, jsonKey), code: diag.CodeLimitExceeded, at: "spath"},
		{name: "fromjson with a key per row", query: "search * | fromjson _raw",
			opts: Options{MaxCells: 1_000_000}, recs: distinct(3000, jsonKey), code: diag.CodeLimitExceeded, at: "fromjson"},
		{name: "extract with a key per row", query: `search * | extract pairdelim="," kvdelim="="`,
			opts: Options{MaxCells: 1_000_000}, recs: distinct(3000, func(i int) string { return fmt.Sprintf("k%d=1", i) }), code: diag.CodeLimitExceeded, at: "extract"},
		{name: "xmlkv with a key per row", query: "search * | xmlkv",
			opts: Options{MaxCells: 1_000_000}, recs: distinct(3000, func(i int) string { return fmt.Sprintf("<k%d>1</k%d>", i, i) }), code: diag.CodeLimitExceeded, at: "xmlkv"},
		{name: "rex with a named group per row", query: `search * | rex max_match=0 "(?<k>\d+)"`,
			recs: distinct(10, jsonKey),
			check: func(t *testing.T, res *Result) {
				if len(res.Rows) != 10 {
					t.Errorf("%d rows", len(res.Rows))
				}
			}},
	})
}
