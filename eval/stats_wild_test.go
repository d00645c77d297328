package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/parser"
)

func TestStatsWildcardFields(t *testing.T) {
	fields := []string{"_time", "host", "a.x", "a.y", "b", "empty"}
	in := []rec{
		{"_time": 10, "host": "h1", "a.x": "1", "a.y": "5", "b": "q"},
		{"_time": 20, "host": "h1", "a.x": "3"},
		{"_time": 30, "host": "h2", "b": "r"},
	}
	tests := []struct {
		name, query string
		wantFields  []string
		want        []rec
	}{
		{"values(*) as * by", `stats values(*) as * by host`,
			[]string{"host", "a.x", "a.y", "b"},
			[]rec{{"host": "h1", "a.x": []string{"1", "3"}, "a.y": "5", "b": "q"}, {"host": "h2", "b": "r"}}},
		{"default names", `stats sum(a.*)`,
			[]string{"sum(a.x)", "sum(a.y)"}, []rec{{"sum(a.x)": 4, "sum(a.y)": 5}}},
		{"AS with prefix removed", `stats max(a.*) as *`,
			[]string{"x", "y"}, []rec{{"x": 3, "y": 5}}},
		{"AS with new prefix", `stats count(a.*) as n_*`,
			[]string{"n_x", "n_y"}, []rec{{"n_x": 2, "n_y": 1}}},
		{"written order around explicit aggregates", `stats count dc(a.*) as dc_* max(_time) as t`,
			[]string{"count", "dc_x", "dc_y", "t"}, []rec{{"count": 3, "dc_x": 2, "dc_y": 1, "t": 30}}},
		{"explicit name wins", `stats values(a.x) as x values(a.*) as *`,
			[]string{"x", "y"}, []rec{{"x": []string{"1", "3"}, "y": "5"}}},
		{"first wildcard wins", `stats min(a.*) as * max(a.*) as *`,
			[]string{"x", "y"}, []rec{{"x": 1, "y": 5}}},
		{"internal fields need a _ pattern", `stats max(*) as *`,
			[]string{"host", "a.x", "a.y", "b"}, []rec{{"host": "h2", "a.x": 3, "a.y": 5, "b": "r"}}},
		{"_ pattern", `stats max(_*) as m*`,
			[]string{"mtime"}, []rec{{"mtime": 30}}},
		{"eventstats", `eventstats values(a.*) as * by host | table host x y`,
			[]string{"host", "x", "y"},
			[]rec{{"host": "h1", "x": []string{"1", "3"}, "y": "5"}, {"host": "h1", "x": []string{"1", "3"}, "y": "5"}, {"host": "h2"}}},
		{"streamstats", `streamstats count(a.*) as c_* | table c_x c_y`,
			[]string{"c_x", "c_y"},
			[]rec{{"c_x": 1, "c_y": 1}, {"c_x": 2, "c_y": 1}, {"c_x": 2, "c_y": 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runPipe(t, tt.query, rowsOf(fields, in...))
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(tt.wantFields, out.fields); d != "" {
				t.Errorf("fields (-want +got):\n%s", d)
			}
			if d := diff(recordsOf(tt.want...), records(out.fields, out.rows)); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
		})
	}
}

func TestStatsWildcardErrors(t *testing.T) {
	for q, want := range map[string]string{
		`stats values(*) as all`:      "as many wildcards",
		`stats values(a*b*) as x*`:    "as many wildcards",
		`eventstats sparkline`:        "only allowed in stats",
		`stats sparkline(x)`:          "only the bare sparkline",
		`timechart span=1h sparkline`: "only allowed in stats",
	} {
		if _, err := runPipe(t, q, rowsOf([]string{"a"})); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %q", q, err, want)
		}
	}
}

// TestStatsWildcardPerRun: expansion does not change the compiled
// spec, so a second run over different fields expands afresh.
func TestStatsWildcardPerRun(t *testing.T) {
	q, _ := runPipeStage(t, `stats values(*) as *`)
	env := &runEnv{loc: time.UTC, maxRows: DefaultMaxRows}
	for _, tc := range []struct {
		fields []string
		in     rec
	}{{[]string{"p"}, rec{"p": "1"}}, {[]string{"q", "r"}, rec{"q": "2", "r": "3"}}} {
		out, _, err := q.run(t.Context(), env, rowsOf(tc.fields, tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if d := diff(tc.fields, out.fields); d != "" {
			t.Errorf("fields (-want +got):\n%s", d)
		}
	}
}

func TestSparkline(t *testing.T) {
	fields := []string{"_time", "k"}
	tests := []struct {
		name string
		in   []rec
		want []string // counts after the marker, for k=a
	}{
		{"1s steps", []rec{{"_time": 100, "k": "a"}, {"_time": 102, "k": "a"}, {"_time": 102, "k": "a"}, {"_time": 101, "k": "b"}},
			[]string{"1", "0", "2"}},
		{"5s steps above 100 buckets of 1s", []rec{{"_time": 0, "k": "a"}, {"_time": 200, "k": "a"}, {"_time": 204, "k": "a"}, {"_time": 201, "k": "b"}},
			append(append([]string{"1"}, strings.Split(strings.Repeat("0,", 39), ",")[:39]...), "2")},
		{"no _time", []rec{{"k": "a"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runPipe(t, `stats sparkline count by k`, rowsOf(fields, tt.in...))
			if err != nil {
				t.Fatal(err)
			}
			got := out.rows[0][1]
			if tt.want == nil {
				if !got.IsNull() {
					t.Fatalf("got %v, want null", got)
				}
				return
			}
			if d := diff(mvOf(append([]string{sparklineMarker}, tt.want...)), got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestSparklineAxisSteps(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		span   float64
	}{{0, 99, 1}, {0, 101, 5}, {0, 3600, 60}, {0, 86400, 1800}, {0, 7 * 86400, 86400}, {0, 400 * 86400, 0}} {
		ax := newSparkAxis(rowsOf([]string{"_time"}, rec{"_time": tc.lo}, rec{"_time": tc.hi}), time.UTC)
		if ax.span != tc.span {
			t.Errorf("range %v..%v: span %v, want %v", tc.lo, tc.hi, ax.span, tc.span)
		}
	}
}

// runPipeStage compiles one streaming command (no leading pipe) to its
// stage.
func runPipeStage(t *testing.T, query string) (stage, error) {
	t.Helper()
	q, err := parser.Parse("| " + query)
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	opts := Options{Location: time.UTC, MaxRows: DefaultMaxRows}
	var e errs
	st := compileCommand(q.Commands[0], false, &opts, &e)
	if err := e.err(); err != nil {
		t.Fatal(err)
	}
	return st, nil
}
