package sqlgen

import (
	"regexp"
	"strings"
	"testing"
)

// TestClickHouseOldServers: the ClickHouse SQL uses nothing that servers
// before 21.x lack (docs/sql.md): no common table expressions, window
// functions, TRUE/FALSE, Bool, extractGroups, float %, or JOIN ON
// conditions beside equalities of the two sides.
func TestClickHouseOldServers(t *testing.T) {
	avoid := []string{"WITH ", "OVER (", "TRUE", "FALSE", "Bool", "extractGroups", " % ", "s.__k", "ON FALSE"}
	for _, q := range []string{
		`| tstats count min(_time) as firstTime values(Processes.user) as user from datamodel=Endpoint.Processes where NOT Processes.user=bob by Processes.dest _time span=1h`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | sort - count user | head 3 | dedup dest`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | eventstats avg(count) as a by dest | eval m=count % 2, b=if(a > 1 AND user="x" OR isnull(user), 1, 0) | where user IN ("a", "b")`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process | rename Processes.* as * | rex field=process "^(?<exe>\S+) (?<rest>.*)$"`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | join type=left max=2 dest [| tstats count as c2 from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest]`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | join nosuch [| tstats count as c2 from datamodel=Endpoint.Processes by Processes.dest]`,
	} {
		s, err := generate(t, q, ClickHouse)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, a := range avoid {
			if strings.Contains(s.Text, a) {
				t.Errorf("%s: the ClickHouse SQL has %q:\n%s", q, a, s.Text)
			}
		}
	}
}

func TestInlineStages(t *testing.T) {
	ctes := []string{"s1 AS (\n  SELECT 'FROM s1', \"s1\" AS x, TRUE AS t FROM \"events\"\n)", "s2 AS (\n  SELECT x FROM s1 a JOIN (SELECT x FROM s1) b ON a.x = b.x WHERE FALSE\n)"}
	got, ok := ClickHouse.statement(ctes, "SELECT x FROM s2")
	want := "SELECT x FROM (\n  SELECT x FROM (\n  SELECT 'FROM s1', \"s1\" AS x, 1 AS t FROM \"events\"\n) a JOIN (SELECT x FROM (\n  SELECT 'FROM s1', \"s1\" AS x, 1 AS t FROM \"events\"\n)) b ON a.x = b.x WHERE 0\n)"
	if !ok || got != want {
		t.Errorf("got %v\n%s\nwant\n%s", ok, got, want)
	}
	if got, _ := DuckDB.statement(ctes, "SELECT x FROM s2"); !strings.HasPrefix(got, "WITH s1 AS (") {
		t.Errorf("DuckDB: %s", got)
	}
}

// TestCaseFree checks the rewriting of case-insensitive regular
// expressions for ClickHouse 18.16: no i flag is left, the expression
// matches the same strings, and expressions without one are unchanged.
func TestCaseFree(t *testing.T) {
	for _, c := range []struct{ re, want string }{
		{`(?i)wmic`, `[Ww][Mm][Ii][Cc]`},
		{`(?i)(?<flag>/C) `, `(?P<flag>/[Cc]) `},
		{`(?i:ab)c`, `[Aa][Bb]c`},
		{`[+-]?[0-9]+([eE][0-9]+)?`, `[+-]?[0-9]+([eE][0-9]+)?`},
		{`^\w+$`, `^\w+$`},
	} {
		got := caseFree(c.re)
		if got != c.want {
			t.Errorf("caseFree(%q) = %q, want %q", c.re, got, c.want)
		}
		orig, re := regexp.MustCompile(c.re), regexp.MustCompile(got)
		for _, s := range []string{"WMIC", "wmic", "/c ", "/C ", "ABc", "abC", "12e5", "x y"} {
			if orig.MatchString(s) != re.MatchString(s) {
				t.Errorf("%q and %q disagree on %q", c.re, got, s)
			}
		}
	}
}
