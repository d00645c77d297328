// Package duckrun runs searches compiled by package sqlgen on an embedded
// DuckDB database loaded with the CIM dataset tables.
//
// DuckDB needs cgo and a large native library, so the engine is built only
// with the build tag duckdb (go build -tags duckdb ./cmd/spelunk); without
// it Open returns ErrNotBuilt and the binary stays pure Go.
package duckrun

import "errors"

// ErrNotBuilt is returned by Open in a binary built without the duckdb
// tag.
var ErrNotBuilt = errors.New("the DuckDB engine is not built into this binary: build it with go build -tags duckdb ./cmd/spelunk")
