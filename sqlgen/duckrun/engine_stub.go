//go:build !duckdb

package duckrun

import (
	"context"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// Engine is an embedded DuckDB database; in this build there is none.
type Engine struct{}

// Open returns ErrNotBuilt: this binary was built without the duckdb tag.
func Open() (*Engine, error) { return nil, ErrNotBuilt }

// OpenWith returns ErrNotBuilt: this binary was built without the duckdb
// tag.
func OpenWith(Config) (*Engine, error) { return nil, ErrNotBuilt }

// Has reports false: there is no database.
func (e *Engine) Has(string) bool { return false }

// Close implements io.Closer.
func (e *Engine) Close() error { return nil }

// Load returns ErrNotBuilt.
func (e *Engine) Load(context.Context, cim.Tables, []string) error { return ErrNotBuilt }

// LoadEvents returns ErrNotBuilt.
func (e *Engine) LoadEvents(context.Context, *query.Events) error { return ErrNotBuilt }

// LoadLookup returns ErrNotBuilt.
func (e *Engine) LoadLookup(context.Context, string, []string, [][]string) error { return ErrNotBuilt }

// LoadParquet returns ErrNotBuilt.
func (e *Engine) LoadParquet(context.Context, string) error { return ErrNotBuilt }

// Exec returns ErrNotBuilt.
func (e *Engine) Exec(context.Context, *sqlgen.SQL) (*eval.Result, error) { return nil, ErrNotBuilt }
