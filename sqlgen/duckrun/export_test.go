//go:build duckdb

package duckrun

import (
	"context"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// The conformance cases, for the tests of package duckrun_test (which
// may import package export, itself an importer of this one).
var (
	ConformanceQueries = conformanceQueries
	EventQueries       = eventQueries
)

// ConformanceTables is conformanceTables.
func ConformanceTables() cim.Tables { return conformanceTables() }

// ConformanceEvents is conformanceEvents.
func ConformanceEvents() []*ingest.Event { return conformanceEvents() }

// ConformanceContent is conformanceContent.
func ConformanceContent(t *testing.T) string { return conformanceContent(t) }

// Differ is differ with the lookups read from the engine's views (an
// exported directory) when fromViews, else from env's content.
func Differ(t *testing.T, ctx context.Context, eng *Engine, env *query.Env, s *query.Search, data *query.Data, fromViews bool) (string, bool) {
	src := lookupsOf(t, env)
	if fromViews {
		src.dir = ""
	}
	return differ(t, ctx, eng, src, s, data, sqlgen.DuckDB)
}
