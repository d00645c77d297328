package eval

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/parser"
)

// multiEvents are the raw events the tests below search.
func multiEvents() []Record {
	mk := func(t float64, kv ...string) Record {
		r := Record{{Name: "_time", Value: Num(t)}}
		for i := 0; i+1 < len(kv); i += 2 {
			r = append(r, Field{Name: kv[i], Value: Str(kv[i+1])})
		}
		return r
	}
	return []Record{
		mk(100, "EventCode", "5136", "TargetLogonId", "0x1", "src_user", "alice"),
		mk(90, "EventCode", "4624", "TargetLogonId", "0x1", "src_ip", "10.0.0.1"),
		mk(80, "EventCode", "4624", "TargetLogonId", "0x2", "src_ip", "10.0.0.2"),
		mk(70, "EventCode", "5136", "TargetLogonId", "0x2", "src_user", "bob"),
	}
}

func compileWith(t *testing.T, query string, opts Options) (*Program, error) {
	t.Helper()
	q, err := parser.Parse(query)
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Unix(1700000000, 0)
	}
	return Compile(q, opts)
}

func parseHook(text string) (*ast.Query, error) { return parser.Parse(text) }

func column(res *Result, field string) []string {
	c := -1
	for i, f := range res.Fields {
		if f == field {
			c = i
		}
	}
	var out []string
	for _, r := range res.Rows {
		out = append(out, get(r, c).String())
	}
	return out
}

func TestMap(t *testing.T) {
	tests := []struct {
		name, query string
		field       string
		want        []string
	}{
		{"corpus shape: appendpipe map by logon id",
			`search EventCode=5136 | table TargetLogonId src_user | appendpipe [| map search="search EventCode=4624 TargetLogonId=$TargetLogonId$"] | stats values(src_ip) as ip by TargetLogonId`,
			"ip", []string{"10.0.0.1", "10.0.0.2"}},
		{"maxsearches limits the searches",
			`search EventCode=5136 | map maxsearches=1 search="search EventCode=4624 TargetLogonId=$TargetLogonId$" | table src_ip`,
			"src_ip", []string{"10.0.0.1"}},
		{"missing token field is empty",
			`search EventCode=5136 | map search="search EventCode=4624 TargetLogonId=$nosuch$*" | table src_ip`,
			"src_ip", []string{"10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := compileWith(t, tt.query, Options{ParseSearch: parseHook})
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.RunRecords(context.Background(), multiEvents())
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.want, column(res, tt.field)); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.field, d)
			}
		})
	}
}

func TestMapCompileErrors(t *testing.T) {
	tests := []struct {
		query string
		opts  Options
		code  diag.Class
		sub   string
	}{
		{`| makeresults | map search="search x=$x$"`, Options{}, CodeUnsupported, "ParseSearch"},
		{`| makeresults | map search="| makeresults | sendemail to=$x$"`, Options{ParseSearch: parseHook}, CodeRefused, "map search"},
		{`| makeresults | map savedsearch_name`, Options{ParseSearch: parseHook}, CodeRefused, "saved search"},
	}
	for _, tt := range tests {
		_, err := compileWith(t, tt.query, tt.opts)
		var e *Error
		if !errors.As(err, &e) || e.Class() != tt.code || !strings.Contains(e.Msg, tt.sub) {
			t.Errorf("%s: got %v, want [%s] ...%s...", tt.query, err, tt.code, tt.sub)
		}
	}
}

func TestSubsearchSearchFieldIsRaw(t *testing.T) {
	q := `search [| makeresults | eval search="EventCode=4624 src_ip=10.0.0.2" | fields search] | table TargetLogonId`
	for _, tc := range []struct {
		opts Options
		want []string
	}{
		{Options{ParseSearch: parseHook}, []string{"0x2"}},
		{Options{}, nil}, // without a parser the value is one phrase: no _raw, no field holds it
	} {
		p, err := compileWith(t, q, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.RunRecords(context.Background(), multiEvents())
		if err != nil {
			t.Fatal(err)
		}
		if d := diff(tc.want, column(res, "TargetLogonId")); d != "" {
			t.Errorf("hook=%v (-want +got):\n%s", tc.opts.ParseSearch != nil, d)
		}
	}
}

func TestSubsearchReadsInputUnderTstats(t *testing.T) {
	// A tstats search whose join subsearch reads events: ReadsEvents must
	// say so, and Exec gives the subsearch the records.
	p, err := compileWith(t, `| tstats count from datamodel=Endpoint.Processes by Processes.user | rename Processes.user as src_user | join src_user [search EventCode=5136 | table src_user TargetLogonId]`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.ReadsEvents() || p.leadsWithEvents() {
		t.Fatalf("ReadsEvents=%v leadsWithEvents=%v", p.ReadsEvents(), p.leadsWithEvents())
	}
	tab := buildTable("Endpoint.Processes", ev(1, "user", "alice"), ev(2, "user", "carol"))
	res, err := p.Exec(context.Background(), Input{Tables: cim.Tables{"Endpoint.Processes": tab}, Records: multiEvents()})
	if err != nil {
		t.Fatal(err)
	}
	if d := diff([]string{"0x1"}, column(res, "TargetLogonId")); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// Run gives no events: the subsearch finds none, the inner join nothing.
	res, err = p.Run(context.Background(), cim.Tables{"Endpoint.Processes": tab})
	if err != nil || len(res.Rows) != 0 {
		t.Errorf("Run: got %v rows, %v; want none", len(res.Rows), err)
	}
}

func TestSubsearchDepthLimit(t *testing.T) {
	q := "| makeresults"
	for range maxSubsearchDepth + 1 {
		q = "| makeresults | append [" + q + "]"
	}
	_, err := compileWith(t, q, Options{})
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Fatalf("got %v", err)
	}
}

func TestFormatResults(t *testing.T) {
	rs := rowsOf([]string{"_time", "user", "host"},
		rec{"_time": 1.0, "user": "a\"b", "host": []string{"h1", "h2"}},
		rec{"_time": 2.0},
	)
	got := formatResults(rs, ast.Span{}, nil).String()
	want := `(((user="a\"b") (host="h1" OR host="h2")))`
	if norm(got) != norm(want) {
		t.Errorf("got %s\nwant %s", got, want)
	}
	empty := formatResults(&rowSet{fields: []string{"x"}}, ast.Span{}, nil).String()
	if empty != "NOT *" {
		t.Errorf("empty: got %s", empty)
	}
}

// norm drops quotes around plain names so the test does not pin how the
// printer quotes field names.
func norm(s string) string { return strings.NewReplacer(`"user"`, "user", `"host"`, "host").Replace(s) }

func TestSubstituteTokens(t *testing.T) {
	vals := map[string]string{"a": "1", "b c": "x"}
	for in, want := range map[string]string{
		"x=$a$":          "x=1",
		"x=$a$ y=$a$":    "x=1 y=1",
		"cost $5":        "cost $5",
		"$b c$ $a$":      "$b c$ 1",
		"$$":             "$$",
		"x=$missing$ $a": "x= $a",
	} {
		if got := substituteTokens(in, func(n string) string { return vals[n] }); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestAutoSpan(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		bins   int
		want   float64
	}{
		{0, 50, 100, 1},
		{0, 200, 100, 5},
		{0, 86400, 100, 1800},
		{0, 86400 * 30, 100, 86400},
	} {
		if got := autoSpan(tc.lo, tc.hi, tc.bins); got != tc.want {
			t.Errorf("autoSpan(%v, %v, %d) = %v, want %v", tc.lo, tc.hi, tc.bins, got, tc.want)
		}
	}
}

func TestNearestCommand(t *testing.T) {
	for in, want := range map[string]string{
		"statz": "stats", "evel": "eval", "tabel": "table", "transacton": "transaction", "qqqqqqq": "",
	} {
		if got := nearestCommand(in); got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}

func TestJoinLimits(t *testing.T) {
	// The join subsearch is cut at 50,000 rows.
	p, err := compileWith(t, `| makeresults count=3 | streamstats count as n | join max=0 [| makeresults count=60000 | eval n=1]`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != joinMaxout {
		t.Errorf("rows = %d, want %d", len(res.Rows), joinMaxout)
	}
}

func BenchmarkJoin(b *testing.B) {
	q, err := parser.Parse(`| makeresults count=5000 | streamstats count as n | join n [| makeresults count=5000 | streamstats count as n | eval m=n*2]`)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(q, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Run(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
}
