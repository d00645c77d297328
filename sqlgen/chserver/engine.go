package chserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/duckrun"
)

// Engine is a database of its own on a ClickHouse server, dropped by
// Close.
type Engine struct {
	conn   driver.Conn
	db     string
	loaded map[string]bool
	closed bool
}

// Open connects to the server at addr (host:port of the native protocol,
// user default without a password) and creates an empty database there
// with a random name, which the compiled searches read their tables from.
func Open(ctx context.Context, addr string) (*Engine, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	db := "spelunk_" + hex.EncodeToString(b[:])
	admin, err := clickhouse.Open(&clickhouse.Options{Addr: []string{addr}})
	if err != nil {
		return nil, fmt.Errorf("clickhouse: %w", err)
	}
	defer admin.Close()
	if err := admin.Exec(ctx, "CREATE DATABASE "+ident(db)); err != nil {
		return nil, fmt.Errorf("clickhouse: %w", err)
	}
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{addr}, Auth: clickhouse.Auth{Database: db}})
	if err == nil {
		err = conn.Ping(ctx)
	}
	if err != nil {
		_ = admin.Exec(ctx, "DROP DATABASE "+ident(db))
		return nil, fmt.Errorf("clickhouse: %w", err)
	}
	return &Engine{conn: conn, db: db, loaded: map[string]bool{}}, nil
}

// Has reports whether the engine has made a table called name (a
// dataset's, the events' or a lookup's).
func (e *Engine) Has(name string) bool { return e != nil && e.loaded[name] }

// errNoEngine is the error of a nil or closed Engine, or one not made by
// Open.
var errNoEngine = errors.New("clickhouse: no engine (Open one; it is closed or was never opened)")

// ready reports errNoEngine for an Engine that cannot run anything.
func (e *Engine) ready() error {
	if e == nil || e.conn == nil || e.closed {
		return errNoEngine
	}
	return nil
}

// Version is the server's version.
func (e *Engine) Version(ctx context.Context) (string, error) {
	if err := e.ready(); err != nil {
		return "", err
	}
	var v string
	if err := e.conn.QueryRow(ctx, "SELECT version()").Scan(&v); err != nil {
		return "", fmt.Errorf("clickhouse: %w", err)
	}
	return v, nil
}

// Close drops the engine's database and closes the connection; closing
// again does nothing.
func (e *Engine) Close() error {
	if e == nil || e.conn == nil || e.closed {
		return nil
	}
	e.closed = true
	err := e.conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+ident(e.db))
	if cerr := e.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

func ident(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// Load creates one table per dataset of tables, and an empty one for each
// name in also that is not loaded yet (a search reading a dataset without
// rows gets an empty table, as the interpreter does). A table has _time
// (Float64), _seq (Int64, the row's position) and one column per name of
// duckrun.Columns: Array(String) for the fields the data model declares
// multivalue (duckrun.IsList), else Nullable(String).
func (e *Engine) Load(ctx context.Context, tables cim.Tables, also []string) error {
	if err := e.ready(); err != nil {
		return err
	}
	return duckrun.LoadTables(tables, also, e.Has, func(name string, t *cim.Table) error { return e.create(ctx, name, t) })
}

// insert is the INSERT statement of a batch. It names the columns: an
// 18.16 server answers a bare INSERT INTO t with a header block that
// clickhouse-go reads as no columns.
func insert(table string, cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = ident(c)
	}
	return "INSERT INTO " + ident(table) + " (" + strings.Join(q, ", ") + ")"
}

// table (re)creates a Memory table with the given column definitions.
func (e *Engine) table(ctx context.Context, name string, defs []string) error {
	if err := e.conn.Exec(ctx, "DROP TABLE IF EXISTS "+ident(name)); err != nil {
		return fmt.Errorf("clickhouse: dropping %s: %w", name, err)
	}
	if err := e.conn.Exec(ctx, "CREATE TABLE "+ident(name)+" ("+strings.Join(defs, ", ")+") ENGINE = Memory"); err != nil {
		return fmt.Errorf("clickhouse: creating %s: %w", name, err)
	}
	e.loaded[name] = true
	return nil
}

func (e *Engine) create(ctx context.Context, name string, t *cim.Table) error {
	cols := duckrun.Columns(name, t)
	defs := []string{`"_time" Float64`, `"_seq" Int64`}
	list := make([]bool, len(cols))
	for i, c := range cols {
		// Fields the data model declares multivalue are lists, as in
		// DuckDB; a missing value is the empty array (ClickHouse has no
		// Nullable(Array)).
		list[i] = duckrun.IsList(name, c)
		if list[i] {
			defs = append(defs, ident(c)+" Array(String)")
			continue
		}
		defs = append(defs, ident(c)+" Nullable(String)")
	}
	if err := e.table(ctx, name, defs); err != nil {
		return err
	}
	if t == nil || t.Len() == 0 {
		return nil
	}
	batch, err := e.conn.PrepareBatch(ctx, insert(name, append([]string{"_time", "_seq"}, cols...)))
	if err != nil {
		return fmt.Errorf("clickhouse: loading %s: %w", name, err)
	}
	colv := make([]*cim.Column, len(cols))
	for i, c := range cols {
		colv[i] = t.Column(c)
	}
	times := t.Times()
	row := make([]any, len(cols)+2)
	for r := 0; r < t.Len(); r++ {
		row[0], row[1] = times[r], int64(r)
		for i, c := range colv {
			var p *string
			if c != nil {
				if v, ok := c.Value(r); ok {
					p = &v
				}
			}
			switch {
			case list[i] && p != nil:
				row[i+2] = []string{*p}
			case list[i]:
				row[i+2] = []string{}
			default:
				row[i+2] = p
			}
		}
		if err := batch.Append(row...); err != nil {
			_ = batch.Abort()
			return fmt.Errorf("clickhouse: loading %s: %w", name, err)
		}
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("clickhouse: loading %s: %w", name, err)
	}
	return nil
}

// LoadLookup creates the table of lookup name (sqlgen.LookupTable): _seq
// (file order) and the CSV columns as Nullable(String), empty cells null.
func (e *Engine) LoadLookup(ctx context.Context, name string, header []string, rows [][]string) error {
	if err := e.ready(); err != nil {
		return err
	}
	table := sqlgen.LookupTable(name)
	defs := []string{`"_seq" Int64`}
	for _, c := range header {
		defs = append(defs, ident(c)+" Nullable(String)")
	}
	if err := e.table(ctx, table, defs); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	batch, err := e.conn.PrepareBatch(ctx, insert(table, append([]string{"_seq"}, header...)))
	if err != nil {
		return fmt.Errorf("clickhouse: loading lookup %s: %w", name, err)
	}
	vals := make([]any, len(header)+1)
	for r, row := range rows {
		vals[0] = int64(r)
		for i := range header {
			var p *string
			if i < len(row) && row[i] != "" {
				p = &row[i]
			}
			vals[i+1] = p
		}
		if err := batch.Append(vals...); err != nil {
			_ = batch.Abort()
			return fmt.Errorf("clickhouse: loading lookup %s: %w", name, err)
		}
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("clickhouse: loading lookup %s: %w", name, err)
	}
	return nil
}
