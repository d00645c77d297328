package chserver

import (
	"context"
	"slices"
	"testing"

	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/sqltest"
)

// TestLoad loads the conformance table, an empty dataset, the conformance
// events and a lookup and reads them back with SQL any server version runs: nulls, numbers,
// arrays and the row order column survive the trip.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	eng := connect(t, ctx)
	if err := eng.Load(ctx, sqltest.ConformanceTables(), []string{"Network_Traffic.All_Traffic"}); err != nil {
		t.Fatal(err)
	}
	if err := eng.LoadEvents(ctx, query.NewData(nil, sqltest.ConformanceEvents()).Events); err != nil {
		t.Fatal(err)
	}
	header := []string{"user", "role"}
	if err := eng.LoadLookup(ctx, "users", header, [][]string{{"bob", "admin"}, {"alice"}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sql  string
		cols []string
		want []string
	}{
		{`SELECT "_seq", "dest", "user", "_time" FROM "Endpoint.Processes" ORDER BY "_seq"`,
			[]string{"_seq", "dest", "user", "_time"},
			[]string{"_seq|dest|user|_time", "0|h1|bob|1700000000", "1|h1|Bob|1700000000", "2|H1|alice|1700000100.5",
				"3|h2|<null>|1700003700", "4|10.0.0.5|carol|1700007300", "5|h2||1700090000"}},
		{`SELECT count() AS n, arraySort(groupUniqArray("user")) AS u, toNullable(toFloat64(0)) / 0 AS nan FROM "Endpoint.Processes"`,
			[]string{"n", "u", "nan"},
			[]string{"n|u|nan", "6|,Bob,alice,bob,carol|<null>"}},
		{`SELECT count() AS n, groupArray("src") AS e FROM "Network_Traffic.All_Traffic"`,
			[]string{"n", "e"},
			[]string{"n|e", "0|<null>"}},
		{`SELECT "_seq", "_time", "_fields_values"[indexOf("_fields_keys", 'dest_port')] AS p, "_fields_values"[indexOf("_fields_keys", 'nosuch')] AS n, "_fields_values"[indexOf("_fields_keys", 'host')] AS h FROM "events" WHERE has("_fields_keys", 'dest_port') ORDER BY "_seq"`,
			[]string{"_seq", "_time", "p", "n", "h"},
			[]string{"_seq|_time|p|n|h", "1|1700000180|9|<null>|h3", "2|1700000120|443,80|<null>|h2"}},
		{`SELECT "_seq", "user", "role" FROM "` + sqlgen.LookupTable("users") + `" ORDER BY "_seq"`,
			[]string{"_seq", "user", "role"},
			[]string{"_seq|user|role", "0|bob|admin", "1|alice|<null>"}},
	} {
		got, err := eng.Exec(ctx, &sqlgen.SQL{Text: c.sql, Columns: c.cols})
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		if g := sqltest.Render(got); !slices.Equal(g, c.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", c.sql, g, c.want)
		}
	}
}
