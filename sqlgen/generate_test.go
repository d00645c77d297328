package sqlgen

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/lookups"
	"github.com/spelunk-dev/spelunk/parser"
)

func generate(t *testing.T, text string, d Dialect) (*SQL, error) {
	t.Helper()
	return generateWith(t, text, Options{Dialect: d})
}

func generateWith(t *testing.T, text string, opts Options) (*SQL, error) {
	t.Helper()
	q, err := parser.Parse(text)
	if err != nil {
		t.Fatalf("parse %q: %v", text, err)
	}
	return Generate(q, opts)
}

// testLookups are the lookups of testdata/content: users (exact,
// case-insensitive, default_match unknown) and procs (WILDCARD).
func testLookups(t *testing.T) eval.LookupResolver {
	t.Helper()
	r, err := lookups.Open(filepath.Join("testdata", "content"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestGenerateRefuses(t *testing.T) {
	tests := []struct {
		query string
		code  diag.Code
		at    string // the text the error's span starts at
	}{
		{`search index=main`, diag.CodeUnsupported, `search`},
		{`| makeresults`, diag.CodeUnsupportedCommand, `makeresults`},
		{`search *Command*=x | stats count`, diag.CodeUnsupported, `*Command*`},
		{`search earliest=-1d EventCode=1 | stats count`, diag.CodeUnsupported, `earliest`},
		{`search index=main | dedup a | stats count`, diag.CodeUnsupportedCommand, `dedup`},
		{`search index=main | rename a* as b* | stats count`, diag.CodeUnsupported, `a* as b*`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | xyseries a b c`, diag.CodeUnsupportedCommand, `xyseries`},
		{`| tstats count from datamodel=Endpoint.Processes where earliest=-1d by Processes.dest`, diag.CodeUnsupported, `earliest`},
		{`| tstats count from datamodel=Endpoint.Processes where Processes.dest=2001:db8::/32`, diag.CodeUnsupported, `Processes.dest=2001`},
		{`| tstats count from datamodel=Endpoint.Processes where Processes.nosuchfield=1`, diag.CodeUnsupported, `Processes.nosuchfield`},
		{`| tstats p50(Processes.process_id) from datamodel=Endpoint.Processes`, diag.CodeUnsupportedFunc, `p50`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | eval x=frob(1)`, diag.CodeUnsupportedFunc, `frob`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | where match(dest, "a(?=b)")`, diag.CodeUnsupported, `match`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | eval x='Processes.dest'+count`, diag.CodeUnsupported, `'Processes.dest'+count`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.dest as D, Processes.user as d`, diag.CodeUnsupported, `rename`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | search foo`, diag.CodeUnsupported, `foo`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | lookup users user OUTPUT role`, diag.CodeUnsupported, `lookup`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rex field=Processes.dest "(?<a>x)|(?<b>y)"`, diag.CodeUnsupported, `rex`},
		{`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rex field=Processes.dest "(?<a>x)?y"`, diag.CodeUnsupported, `rex`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := generate(t, tt.query, DuckDB)
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if ge.Code != tt.code {
				t.Errorf("code %s, want %s (%v)", ge.Code, tt.code, ge)
			}
			if at := tt.query[ge.Span.Start:]; !strings.HasPrefix(at, tt.at) {
				t.Errorf("span starts at %q, want %q", at, tt.at)
			}
		})
	}
}

func TestGenerateSQL(t *testing.T) {
	tests := []struct {
		query      string
		d          Dialect
		cols       []string
		want, dont []string
	}{
		{
			query: `| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name=*CMD* by Processes.dest _time span=1h | rename Processes.* as *`,
			d:     DuckDB,
			cols:  []string{"dest", "_time", "count", "firstTime"},
			want: []string{`FROM "Endpoint.Processes"`, `lower("process_name") LIKE '%cmd%' ESCAPE '\'`,
				`(floor("_time" / 3600) * 3600) AS "_time"`, `"dest" IS NOT NULL`, `"Processes.dest" AS "dest"`, `ORDER BY __r`},
		},
		{
			query: `| tstats count from datamodel=Endpoint.Processes where Processes.dest=10.0.0.0/8 by Processes.dest`,
			d:     ClickHouse,
			want:  []string{`BETWEEN 167772160 AND 184549375`, `toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[1])`, `match("dest", '^(?:`},
		},
		{
			query: `| tstats values(Processes.user) as u latest(Processes.user) as lu from datamodel=Endpoint.Processes by Processes.dest`,
			d:     ClickHouse,
			want:  []string{`arraySort(groupUniqArray("user"))`, `argMaxIf("user", tuple("_time", -"_seq"), "user" IS NOT NULL)`},
		},
		{
			query: `| tstats count from datamodel=Endpoint.Processes where NOT Processes.user IN ("a", "b*") by Processes.dest | where count > 5 | eval c = "it's"`,
			d:     DuckDB,
			want:  []string{`(NOT (("user" IS NOT NULL AND (lower("user") = 'a')) OR`, `("count" > CAST(5 AS DOUBLE))`, `'it''s' AS "c"`},
		},
		{
			query: `| tstats count from datamodel=Endpoint.Processes where Processes.process="C:\\Windows\\*" by Processes.dest`,
			d:     ClickHouse,
			want:  []string{`like(lowerUTF8("process"), 'c:\\\\windows\\\\%')`},
		},
		{
			query: `| tstats count from datamodel=Endpoint.Processes by Processes.dest | fields - count | table dest Processes.dest | sort 0 Processes.dest | head 3 | dedup Processes.dest`,
			d:     DuckDB,
			cols:  []string{"dest", "Processes.dest"},
			want:  []string{`LIMIT 3`, `PARTITION BY "Processes.dest"`},
			dont:  []string{`WHERE __r <= 0`},
		},
		{
			query: `| tstats count from datamodel=Endpoint.Processes by Processes.process_guid | rename Processes.* as * | join type=left process_guid [| tstats count as n from datamodel=Endpoint.Filesystem by Filesystem.process_guid | rename Filesystem.* as *] | regex process_guid!="^\\d+$"`,
			d:     DuckDB,
			cols:  []string{"process_guid", "count", "n"},
			want: []string{` LEFT JOIN (SELECT "process_guid", "n", "process_guid" AS __j0`, `PARTITION BY "process_guid" ORDER BY __r) AS __k`,
				`ON m."process_guid" = s.__j0 AND s.__k <= 1`, `LIMIT 50000`, `(NOT coalesce(regexp_matches("process_guid", '^\d+$'), FALSE))`},
		},
		{
			query: `search wmic "call create" *mimi EventCode=1 | stats count values(user) as users by host`,
			d:     DuckDB,
			cols:  []string{"host", "count", "users"},
			want: []string{`FROM "events"`, `"_fields"['EventCode']`, `unnest("_fields"['host']) AS __b0`,
				`regexp_matches("_raw", '(?i)(?:^|[`, `call create(?:$|[`, `!;,''"*&?+]*mimi(?:$|[`,
				`list_sort(list_distinct(flatten(list("_fields"['user'])`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			s, err := generate(t, tt.query, tt.d)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(s.Text, w) {
					t.Errorf("missing %s in\n%s", w, s.Text)
				}
			}
			for _, w := range tt.dont {
				if strings.Contains(s.Text, w) {
					t.Errorf("unexpected %s in\n%s", w, s.Text)
				}
			}
			if tt.cols != nil && strings.Join(s.Columns, ",") != strings.Join(tt.cols, ",") {
				t.Errorf("columns %v, want %v", s.Columns, tt.cols)
			}
		})
	}
}

func FuzzGenerate(f *testing.F) {
	for _, s := range []string{
		`| tstats count from datamodel=Endpoint.Processes where Processes.dest=* by Processes.dest | rename Processes.* as *`,
		`| tstats dc(Processes.user) from datamodel=Network_Traffic where All_Traffic.dest=10.0.0.0/8 | eval x=if(a>1,"a",b)`,
		`| tstats count from datamodel=Endpoint.Processes by _time span=1d | eventstats avg(count) as a | where count > a*2`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q, err := parser.Parse(text)
		if err != nil {
			return
		}
		for _, d := range Dialects() {
			s, err := Generate(q, Options{Dialect: d})
			if err == nil && s.Text == "" {
				t.Fatal("empty SQL without an error")
			}
		}
	})
}

// TestOnlyGroup: ClickHouse's extract returns the first group, so rex's
// group i is made the only one (RE2 syntax, as ClickHouse's re2 reads it).
func TestOnlyGroup(t *testing.T) {
	for _, c := range []struct {
		re   string
		i    int
		want string
	}{
		{`^(?P<exe>[^ ]+) (?P<rest>.*)$`, 1, `(?-ms:\A([^ ]+) .*$)`},
		{`^(?P<exe>[^ ]+) (?P<rest>.*)$`, 2, `(?-ms:\A[^ ]+ (.*)$)`},
		{`(?i)(?<flag>/C) `, 1, `(?i:(/C) )`},
		{`(a(b)(c))d`, 3, `ab(c)d`},
	} {
		if got := onlyGroup(c.re, c.i); got != c.want {
			t.Errorf("onlyGroup(%q, %d) = %q, want %q", c.re, c.i, got, c.want)
		}
	}
}
