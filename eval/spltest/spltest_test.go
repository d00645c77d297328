package spltest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
		require.Error(t, err, tc.script)
		assert.Contains(t, err.Error(), tc.want, tc.script)
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
	require.NoError(t, err)
	require.Len(t, s.Cases, 2)
	c := s.Cases[0]
	assert.Equal(t, "a_long_one", c.Name)
	assert.Equal(t, 4, c.Line)
	assert.Equal(t, "search n=7 | table n mv", c.Query)
	assert.True(t, c.Unordered)
	assert.Equal(t, []string{"n", "mv"}, c.Fields)
	assert.Equal(t, []Row{{"n": "7", "mv": []string{"a", "2"}}}, c.Rows)
	want := eval.Record{{Name: "_time", Value: eval.Num(1.5)}, {Name: "n", Value: eval.Str("7")}, {Name: "mv", Value: eval.Multi("a", "2")}, {Name: "s", Value: eval.Str("x")}}
	assert.True(t, sameRecords(c.Events, []eval.Record{want}), "events = %#v, want %#v", c.Events, want)
	assert.Equal(t, &WantError{Code: "parse", Substr: "nope"}, s.Cases[1].Err)
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
	require.NoError(t, err)
	errs := s.Cases[0].Check(context.Background())
	require.Len(t, errs, 3)
	for i, p := range []Path{Records, Events, Prefiltered} {
		assert.Contains(t, errs[i].Error(), "x.spltest:5 ["+string(p)+"]: search u=a | table u")
	}
	errs = s.Cases[1].Check(context.Background())
	require.Len(t, errs, 3)
	assert.Contains(t, errs[0].Error(), "want error invalid: x, got 1 rows")
}

// The command line's event source is used when it reads back the case's
// records; otherwise it is checked against Records over its own records.
func TestEventSets(t *testing.T) {
	exact := []eval.Record{
		{{Name: "_time", Value: eval.Num(2)}, {Name: "_raw", Value: eval.Str("x")}, {Name: "a", Value: eval.Multi("1", "2")}},
		{{Name: "_time", Value: eval.Num(1)}, {Name: "_raw", Value: eval.Str("y")}},
	}
	assert.Nil(t, newEventSet(exact).ingest, "records read back exactly")
	for _, recs := range [][]eval.Record{
		{exact[1], exact[0]},                  // oldest first
		{{{Name: "a", Value: eval.Str("1")}}}, // no _time, no _raw
	} {
		es := newEventSet(recs)
		require.NotNil(t, es.ingest, "records %v read back exactly", recs)
		assert.Len(t, es.ingest.records, len(recs))
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
	require.NoError(t, err)
	loc := time.FixedZone("X", 3600)
	assert.Empty(t, s.Cases[0].Check(context.Background(), WithClock(time.Unix(1000000000, 0), loc)))
	assert.Empty(t, s.Cases[1].Check(context.Background(), WithLookupsDir("testdata/lookups")))
	assert.Len(t, s.Cases[1].Check(context.Background()), 1, "without lookups")
	assert.Len(t, s.Cases[1].Check(context.Background(), WithLookupsDir("testdata/nonexistent")), 1)
}

func TestRunDir(t *testing.T) {
	assert.Equal(t, 5, RunDir(t, "testdata"))
	assert.Equal(t, 5, RunFile(t, "testdata/example.spltest"))
}
