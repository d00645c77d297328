//go:build duckdb

package duckrun

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// Engine is an embedded, in-memory DuckDB database.
type Engine struct {
	db     *sql.DB
	loaded map[string]bool
}

// Open starts an empty in-memory database with DuckDB's defaults.
func Open() (*Engine, error) { return OpenWith(Config{}) }

// OpenWith starts an empty in-memory database configured by cfg.
func OpenWith(cfg Config) (*Engine, error) {
	q := url.Values{}
	if cfg.MemoryLimit != "" {
		q.Set("memory_limit", cfg.MemoryLimit)
	}
	if cfg.TempDir != "" {
		q.Set("temp_directory", cfg.TempDir)
	}
	if cfg.Threads > 0 {
		q.Set("threads", strconv.Itoa(cfg.Threads))
	}
	dsn := ""
	if len(q) > 0 {
		dsn = "?" + q.Encode()
	}
	c, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	return &Engine{db: sql.OpenDB(c), loaded: map[string]bool{}}, nil
}

// Has reports whether the engine has a table or view called name (loaded
// or made by LoadParquet).
func (e *Engine) Has(name string) bool { return e != nil && e.loaded[name] }

// errNoEngine is the error of a nil Engine or one not made by Open.
var errNoEngine = errors.New("duckdb: no engine (make one with Open)")

// ready reports errNoEngine for an Engine that cannot run anything.
func (e *Engine) ready() error {
	if e == nil || e.db == nil {
		return errNoEngine
	}
	return nil
}

// Close releases the database.
func (e *Engine) Close() error {
	if e.ready() != nil {
		return nil
	}
	return e.db.Close()
}

func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Load creates one table per dataset of tables, and an empty one for each
// name in also that tables lacks (a search reading a dataset without rows
// gets an empty table, as the interpreter does). Rows keep the table's
// order in _seq.
func (e *Engine) Load(ctx context.Context, tables cim.Tables, also []string) error {
	if err := e.ready(); err != nil {
		return err
	}
	return LoadTables(tables, also, e.Has, func(name string, t *cim.Table) error { return e.create(ctx, name, t) })
}

func (e *Engine) create(ctx context.Context, name string, t *cim.Table) error {
	cols := Columns(name, t)
	defs := []string{`"_time" DOUBLE`, `"_seq" BIGINT`}
	list := make([]bool, len(cols))
	for i, c := range cols {
		typ := " VARCHAR"
		if list[i] = IsList(name, c); list[i] {
			typ = " VARCHAR[]"
		}
		defs = append(defs, ident(c)+typ)
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
						if list[i] {
							row[i+2] = []string{v}
						} else {
							row[i+2] = v
						}
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

// LoadEvents creates the raw-event table (sqlgen.EventsTable) from evs,
// in the order a search reads them (newest first): _time, _seq, _raw and
// the map of every other field to its values, as the interpreter's event
// records hold them.
func (e *Engine) LoadEvents(ctx context.Context, evs *query.Events) error {
	if err := e.ready(); err != nil {
		return err
	}
	stage := "__events_fields"
	for _, q := range []string{
		"CREATE OR REPLACE TABLE __events_base (_time DOUBLE, _seq BIGINT, _raw VARCHAR)",
		"CREATE OR REPLACE TABLE " + stage + " (_seq BIGINT, pos BIGINT, name VARCHAR, value VARCHAR)",
	} {
		if _, err := e.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("duckdb: %w", err)
		}
	}
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error {
		base, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "__events_base")
		if err != nil {
			return err
		}
		fields, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", stage)
		if err != nil {
			base.Close()
			return err
		}
		var rec eval.Record
		pos := int64(0)
		n := 0
		if evs != nil {
			n = evs.Len()
		}
		for i := 0; i < n; i++ {
			rec = evs.AppendRecord(rec[:0], i)
			var t any
			var raw any
			for _, f := range rec {
				switch f.Name {
				case "_time":
					if v, ok := f.Value.Float(); ok {
						t = v
					}
				case "_raw":
					raw = f.Value.String()
				default:
					if f.Name == "" {
						continue // no search can name it
					}
					for _, v := range f.Value.Strings() {
						if err := fields.AppendRow(int64(i), pos, f.Name, v); err != nil {
							base.Close()
							fields.Close()
							return err
						}
						pos++
					}
				}
			}
			if err := base.AppendRow(t, int64(i), raw); err != nil {
				base.Close()
				fields.Close()
				return err
			}
		}
		if err := base.Close(); err != nil {
			fields.Close()
			return err
		}
		return fields.Close()
	})
	conn.Close()
	if err != nil {
		return fmt.Errorf("duckdb: loading events: %w", err)
	}
	q := "CREATE OR REPLACE TABLE " + ident(sqlgen.EventsTable) + " AS SELECT b._time, b._seq, b._raw, " +
		"coalesce(f.m, MAP {}::MAP(VARCHAR, VARCHAR[])) AS _fields FROM __events_base b LEFT JOIN (" +
		"SELECT _seq, map_from_entries(list({'key': name, 'value': vals} ORDER BY first)) AS m FROM (" +
		"SELECT _seq, name, min(pos) AS first, list(value ORDER BY pos) AS vals FROM " + stage + " WHERE name IS NOT NULL GROUP BY _seq, name) GROUP BY _seq" +
		") f ON b._seq = f._seq ORDER BY b._seq"
	if _, err := e.db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("duckdb: building events: %w", err)
	}
	e.loaded[sqlgen.EventsTable] = true
	return nil
}

// LoadLookup creates the table of lookup name (sqlgen.LookupTable): _seq
// (file order) and the CSV columns as VARCHAR, empty cells null.
func (e *Engine) LoadLookup(ctx context.Context, name string, header []string, rows [][]string) error {
	if err := e.ready(); err != nil {
		return err
	}
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

// LoadParquet makes the directory dir that package export wrote
// readable: each dataset directory (dir/<dataset>/day=.../*.parquet) a
// view of that name, the raw events (dir/events) the view
// sqlgen.EventsTable, and each dir/lookups/<name>.parquet the view
// sqlgen.LookupTable(name).
func (e *Engine) LoadParquet(ctx context.Context, dir string) error {
	if err := e.ready(); err != nil {
		return err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	view := func(name, glob string) error {
		from := "read_parquet('" + strings.ReplaceAll(glob, "'", "''") + "', hive_partitioning = false, union_by_name = true)"
		q := "CREATE OR REPLACE VIEW " + ident(name) + " AS SELECT * FROM " + from
		if name == sqlgen.EventsTable {
			// _seq is the stream order; a search reads newest first, ties
			// in stream order.
			q = "CREATE OR REPLACE VIEW " + ident(name) + " AS SELECT _time, " +
				"(row_number() OVER (ORDER BY _time DESC NULLS LAST, _seq) - 1) AS _seq, _raw, _fields FROM " + from
		}
		if _, err := e.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("duckdb: reading %s: %w", glob, err)
		}
		e.loaded[name] = true
		return nil
	}
	for _, ent := range ents {
		if !ent.IsDir() {
			continue
		}
		if ent.Name() == lookupsDir {
			files, err := filepath.Glob(filepath.Join(dir, lookupsDir, "*.parquet"))
			if err != nil {
				return err
			}
			for _, f := range files {
				name := strings.TrimSuffix(filepath.Base(f), ".parquet")
				if err := view(sqlgen.LookupTable(name), f); err != nil {
					return err
				}
			}
			continue
		}
		glob := filepath.Join(dir, ent.Name(), "*", "*.parquet")
		if m, _ := filepath.Glob(glob); len(m) == 0 {
			continue // a dataset without rows: Load makes it an empty table
		}
		if err := view(ent.Name(), glob); err != nil {
			return err
		}
	}
	return nil
}

// lookupsDir is export.LookupsDir (package export imports this one).
const lookupsDir = "lookups"

// Exec runs a compiled search and returns its rows as the interpreter
// would: strings as strings, numbers as numbers, lists as multivalues,
// SQL NULL as null.
func (e *Engine) Exec(ctx context.Context, s *sqlgen.SQL) (*eval.Result, error) {
	if err := e.ready(); err != nil {
		return nil, err
	}
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
