//go:build duckdb

package duckrun

import (
	"context"
	"testing"

	"github.com/spelunk-dev/spelunk/sqlgen"
	"github.com/spelunk-dev/spelunk/sqlgen/sqltest"
)

// TestEventConformance compares DuckDB's rows with the interpreter's for
// searches over the synthetic raw events.
func TestEventConformance(t *testing.T) {
	eng, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	sqltest.RunEventConformance(t, context.Background(), eng, sqlgen.DuckDB)
}
