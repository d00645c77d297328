package sqltest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// Engine is a SQL engine the compiled searches run on.
type Engine interface {
	// Load creates one table per dataset of tables, and an empty one for
	// each name in also that is not loaded yet.
	Load(ctx context.Context, tables cim.Tables, also []string) error
	// LoadLookup creates the table of lookup name (sqlgen.LookupTable).
	LoadLookup(ctx context.Context, name string, header []string, rows [][]string) error
	// Exec runs a compiled search and returns its rows as the
	// interpreter's values.
	Exec(ctx context.Context, s *sqlgen.SQL) (*eval.Result, error)
}

// Render is a result as text rows, header first, for comparison.
func Render(r *eval.Result) []string {
	out := []string{strings.Join(r.Fields, "|")}
	for _, row := range r.Rows {
		parts := make([]string, len(row))
		for i, v := range row {
			if v.IsNull() {
				parts[i] = "<null>"
			} else {
				parts[i] = strings.Join(v.Strings(), ",")
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// Differ runs s through the interpreter over data and, compiled for
// dialect d, through eng; it returns "" when they agree, else a
// description. refused is true when the interpreter cannot run s over
// data, the generator refuses it, or a lookup it reads cannot be loaded.
func Differ(t testing.TB, ctx context.Context, eng Engine, lk Lookups, s *query.Search, data *query.Data, d sqlgen.Dialect) (diff string, refused bool) {
	t.Helper()
	want, err := s.Exec(ctx, data)
	if err != nil {
		return "", true // the interpreter cannot run it over this data
	}
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: d, Lookups: lk.Resolver})
	if err != nil {
		var ge *sqlgen.Error
		if !errors.As(err, &ge) {
			t.Fatalf("generate: %v", err)
		}
		return "", true
	}
	if err := eng.Load(ctx, nil, out.Tables); err != nil {
		t.Fatal(err)
	}
	for _, name := range out.Lookups {
		if has, ok := eng.(interface{ Has(string) bool }); ok && lk.Dir == "" && has.Has(sqlgen.LookupTable(name)) {
			continue // the engine reads it already (a view over an exported directory)
		}
		header, rows, err := lk.Rows(name)
		if err != nil {
			return "", true // a lookup the test cannot load
		}
		if err := eng.LoadLookup(ctx, name, header, rows); err != nil {
			t.Fatal(err)
		}
	}
	got, err := eng.Exec(ctx, out)
	if err != nil {
		return string(d) + " failed: " + err.Error() + "\n" + out.Text, false
	}
	w, g := Render(want), Render(got)
	if slices.Equal(w, g) {
		return "", false
	}
	return "interpreter:\n  " + strings.Join(w, "\n  ") + "\n" + string(d) + ":\n  " + strings.Join(g, "\n  ") + "\nSQL:\n" + out.Text, false
}
