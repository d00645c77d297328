//go:build duckdb

package duckrun_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/export"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

func text(r *eval.Result) []string {
	out := []string{strings.Join(r.Fields, "|")}
	for _, row := range r.Rows {
		var parts []string
		for _, v := range row {
			parts = append(parts, strings.Join(v.Strings(), ","))
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// TestParquetRoundTrip exports a table as Parquet, reads it back through
// DuckDB views and checks searches give the interpreter's rows.
func TestParquetRoundTrip(t *testing.T) {
	ctx := context.Background()
	b := cim.NewBuilder("Endpoint.Processes")
	for i := range 50 {
		b.Set("dest", []string{"h1", "H2", "10.0.0.7"}[i%3])
		if i%4 != 0 {
			b.Set("user", []string{"bob", "alice"}[i%2])
		}
		b.Set("process_id", []string{"10", "9", "x"}[i%3])
		b.EndRow(1700000000 + float64(i)*7200)
	}
	tables := cim.Tables{"Endpoint.Processes": b.Table()}
	dir := t.TempDir()
	if _, err := export.Tables(dir, tables, export.Options{RowGroupRows: 7}); err != nil {
		t.Fatal(err)
	}
	eng, err := duckrun.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.LoadParquet(ctx, dir); err != nil {
		t.Fatal(err)
	}
	env, err := query.New(query.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`| tstats count earliest(Processes.user) as e latest(Processes.user) as l values(Processes.process_id) as p from datamodel=Endpoint.Processes by Processes.dest _time span=1d`,
		`| tstats count from datamodel=Endpoint.Processes where Processes.dest=10.0.0.0/8 OR Processes.user=BOB by Processes.user | sort - count`,
	} {
		s, err := env.Compile(q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.Exec(ctx, query.NewData(tables, nil))
		if err != nil {
			t.Fatal(err)
		}
		out, err := sqlgen.Generate(s.Query, sqlgen.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := eng.Exec(ctx, out)
		if err != nil {
			t.Fatal(err)
		}
		if w, g := text(want), text(got); !slices.Equal(w, g) {
			t.Errorf("%s:\ninterpreter %v\nduckdb      %v", q, w, g)
		}
	}
}
