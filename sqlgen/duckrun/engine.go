//go:build duckdb

package duckrun

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// Engine is an embedded, in-memory DuckDB database.
type Engine struct {
	db     *sql.DB
	loaded map[string]bool
}

// Open starts an empty in-memory database.
func Open() (*Engine, error) {
	c, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	return &Engine{db: sql.OpenDB(c), loaded: map[string]bool{}}, nil
}

// Close releases the database.
func (e *Engine) Close() error { return e.db.Close() }

func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Load creates one table per dataset of tables, and an empty one for each
// name in also that tables lacks (a search reading a dataset without rows
// gets an empty table, as the interpreter does). Rows keep the table's
// order in _seq.
func (e *Engine) Load(ctx context.Context, tables cim.Tables, also []string) error {
	for name, t := range tables {
		if err := e.create(ctx, name, t); err != nil {
			return err
		}
	}
	for _, name := range also {
		if !e.loaded[name] {
			if err := e.create(ctx, name, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *Engine) create(ctx context.Context, name string, t *cim.Table) error {
	cols := Columns(name, t)
	defs := []string{`"_time" DOUBLE`, `"_seq" BIGINT`}
	for _, c := range cols {
		defs = append(defs, ident(c)+" VARCHAR")
	}
	if _, err := e.db.ExecContext(ctx, "CREATE OR REPLACE TABLE "+ident(name)+" ("+strings.Join(defs, ", ")+")"); err != nil {
		return fmt.Errorf("duckdb: creating %s: %w", name, err)
	}
	e.loaded[name] = true
	if t == nil || t.Len() == 0 {
		return nil
	}
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", name)
		if err != nil {
			return fmt.Errorf("duckdb: appender for %s: %w", name, err)
		}
		colv := make([]*cim.Column, len(cols))
		for i, c := range cols {
			colv[i] = t.Column(c)
		}
		times := t.Times()
		row := make([]driver.Value, len(cols)+2)
		for r := 0; r < t.Len(); r++ {
			row[0], row[1] = times[r], int64(r)
			for i, c := range colv {
				row[i+2] = nil
				if c != nil {
					if v, ok := c.Value(r); ok {
						row[i+2] = v
					}
				}
			}
			if err := app.AppendRow(row...); err != nil {
				app.Close()
				return fmt.Errorf("duckdb: loading %s: %w", name, err)
			}
		}
		return app.Close()
	})
}

// LoadLookup creates the table of lookup name (sqlgen.LookupTable): _seq
// (file order) and the CSV columns as VARCHAR, empty cells null.
func (e *Engine) LoadLookup(ctx context.Context, name string, header []string, rows [][]string) error {
	table := sqlgen.LookupTable(name)
	defs := []string{`"_seq" BIGINT`}
	for _, c := range header {
		defs = append(defs, ident(c)+" VARCHAR")
	}
	if _, err := e.db.ExecContext(ctx, "CREATE OR REPLACE TABLE "+ident(table)+" ("+strings.Join(defs, ", ")+")"); err != nil {
		return fmt.Errorf("duckdb: creating lookup %s: %w", name, err)
	}
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return fmt.Errorf("duckdb: appender for lookup %s: %w", name, err)
		}
		vals := make([]driver.Value, len(header)+1)
		for r, row := range rows {
			vals[0] = int64(r)
			for i := range header {
				vals[i+1] = nil
				if i < len(row) && row[i] != "" {
					vals[i+1] = row[i]
				}
			}
			if err := app.AppendRow(vals...); err != nil {
				app.Close()
				return fmt.Errorf("duckdb: loading lookup %s: %w", name, err)
			}
		}
		return app.Close()
	})
}

// LoadParquet makes each dataset directory under dir written by package
// export (dir/<dataset>/day=.../*.parquet) a view of that name.
func (e *Engine) LoadParquet(ctx context.Context, dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, ent := range ents {
		if !ent.IsDir() {
			continue
		}
		glob := filepath.Join(dir, ent.Name(), "*", "*.parquet")
		q := "CREATE OR REPLACE VIEW " + ident(ent.Name()) + " AS SELECT * FROM read_parquet(" +
			"'" + strings.ReplaceAll(glob, "'", "''") + "', hive_partitioning = false, union_by_name = true)"
		if _, err := e.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("duckdb: reading %s: %w", glob, err)
		}
		e.loaded[ent.Name()] = true
	}
	return nil
}

// Exec runs a compiled search and returns its rows as the interpreter
// would: strings as strings, numbers as numbers, lists as multivalues,
// SQL NULL as null.
func (e *Engine) Exec(ctx context.Context, s *sqlgen.SQL) (*eval.Result, error) {
	rows, err := e.db.QueryContext(ctx, s.Text)
	if err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	defer rows.Close()
	res := &eval.Result{Fields: s.Columns}
	n := len(s.Columns)
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("duckdb: %w", err)
		}
		row := make(eval.Row, n)
		for i, v := range vals {
			row[i] = value(v)
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	return res, nil
}

// value converts a scanned DuckDB value.
func value(v any) eval.Value {
	switch v := v.(type) {
	case nil:
		return eval.Null()
	case string:
		return eval.Str(v)
	case float64:
		if math.IsNaN(v) {
			return eval.Null()
		}
		return eval.Num(v)
	case float32:
		return eval.Num(float64(v))
	case int64:
		return eval.Num(float64(v))
	case int32:
		return eval.Num(float64(v))
	case uint64:
		return eval.Num(float64(v))
	case bool:
		if v {
			return eval.Str("true")
		}
		return eval.Str("false")
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, value(x).Strings()...)
		}
		if len(out) == 0 {
			return eval.Null()
		}
		return eval.Multi(out...)
	}
	return eval.Str(fmt.Sprint(v))
}
