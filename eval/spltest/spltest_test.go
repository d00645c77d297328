package spltest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/eval"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ script, want string }{
		{"query search *\n", "x.spltest:1: query before case"},
		{"case a\nquery search *\n", "x.spltest:1: case a needs query and expect"},
		{"case a\nquery search *\nexpect sometimes\n", "x.spltest:3: unknown expect"},
		{"events\n{\"a\":true}\n", "x.spltest:2: field a: unsupported JSON value"},
		{"events\n{\"a\":\n", "x.spltest:2:"},
		{"lookup t match_type=FOO(a)\na\nx\n", `x.spltest:1: match_type "FOO(a)"`},
		{"lookup\n", "x.spltest:1: lookup needs a name"},
		{"bogus line\n", `x.spltest:1: unexpected line "bogus line"`},
	} {
		_, err := Parse("x.spltest", []byte(tc.script))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tc.script, err, tc.want)
		}
	}
}

func TestParseCase(t *testing.T) {
	s, err := Parse("x.spltest", []byte(`events
{"_time":1.5,"n":7,"mv":["a",2],"gone":null,"s":"x"}

case a long one
query search n=7
  | table n mv
fields n mv
expect unordered
{"n":"7","mv":["a","2"]}

case fails
query search | nope
expect error parse: nope
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Cases) != 2 {
		t.Fatalf("%d cases, want 2", len(s.Cases))
	}
	c := s.Cases[0]
	if c.Name != "a_long_one" || c.Line != 4 || c.Query != "search n=7 | table n mv" || !c.Unordered {
		t.Errorf("case = %+v", c)
	}
	want := eval.Record{{Name: "_time", Value: eval.Num(1.5)}, {Name: "n", Value: eval.Str("7")}, {Name: "mv", Value: eval.Multi("a", "2")}, {Name: "s", Value: eval.Str("x")}}
	if !sameRecords(c.Events, []eval.Record{want}) {
		t.Errorf("events = %#v, want %#v", c.Events, want)
	}
	if e := s.Cases[1].Err; e == nil || e.Code != "parse" || e.Substr != "nope" {
		t.Errorf("error = %+v", e)
	}
}

// A wrong expectation is reported once per path, with file:line.
func TestCheckReportsEveryPath(t *testing.T) {
	s, err := Parse("x.spltest", []byte(`events
{"_time":2,"_raw":"b","u":"b"}
{"_time":1,"_raw":"a","u":"a"}

case wrong
query search u=a | table u
expect
{"u":"b"}

case wrong error
query search u=a
expect error invalid: x
`))
	if err != nil {
		t.Fatal(err)
	}
	errs := s.Cases[0].Check(context.Background())
	if len(errs) != 3 {
		t.Fatalf("%d mismatches, want 3: %v", len(errs), errs)
	}
	for i, p := range []Path{Records, Events, Prefiltered} {
		if want := "x.spltest:5 [" + string(p) + "]"; !strings.HasPrefix(errs[i].Error(), want) {
			t.Errorf("mismatch %d = %v, want it to start with %q", i, errs[i], want)
		}
	}
	if errs := s.Cases[1].Check(context.Background()); len(errs) != 3 || !strings.Contains(errs[0].Error(), "want error invalid: x, got 1 rows") {
		t.Errorf("mismatches = %v", errs)
	}
}

// The production event source is used when it reads back the case's
// records; otherwise it is checked against Records over its own records.
func TestEventSets(t *testing.T) {
	exact := []eval.Record{
		{{Name: "_time", Value: eval.Num(2)}, {Name: "_raw", Value: eval.Str("x")}, {Name: "a", Value: eval.Multi("1", "2")}},
		{{Name: "_time", Value: eval.Num(1)}, {Name: "_raw", Value: eval.Str("y")}},
	}
	if es := newEventSet(exact); es.ingest != nil {
		t.Errorf("records %v: not read back exactly: %v", exact, es.ingest.records)
	}
	for _, recs := range [][]eval.Record{
		{exact[1], exact[0]},                  // oldest first
		{{{Name: "a", Value: eval.Str("1")}}}, // no _time, no _raw
	} {
		if es := newEventSet(recs); es.ingest == nil {
			t.Errorf("records %v: read back exactly, want not", recs)
		}
	}
}

func TestOptions(t *testing.T) {
	s, err := Parse("x.spltest", []byte(`case clock
query | makeresults | eval t=strftime(now(), "%Y-%m-%d %H")
expect
{"_time":"1000000000","t":"2001-09-09 02"}

case lookup from dir
query | inputlookup hosts | table host
expect
{"host":"h1"}
`))
	if err != nil {
		t.Fatal(err)
	}
	loc := time.FixedZone("X", 3600)
	if errs := s.Cases[0].Check(context.Background(), WithClock(time.Unix(1000000000, 0), loc)); len(errs) != 0 {
		t.Error(errs)
	}
	if errs := s.Cases[1].Check(context.Background(), WithLookupsDir("testdata/lookups")); len(errs) != 0 {
		t.Error(errs)
	}
	if errs := s.Cases[1].Check(context.Background()); len(errs) != 1 {
		t.Errorf("without lookups: %v, want one error", errs)
	}
}

func TestRunDir(t *testing.T) {
	if n := RunDir(t, "testdata"); n != 5 {
		t.Errorf("RunDir ran %d cases, want 5", n)
	}
}
