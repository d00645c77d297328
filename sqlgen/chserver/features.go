package chserver

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// Feature is a construct of the SQL the ClickHouse dialect writes that
// some servers lack, with a query that shows whether a server has it.
type Feature struct {
	Name  string // what the construct is
	Needs string // what the generated SQL uses it for
	Probe string // a query with one String value, Want when the server has it
	Want  string
}

// Features lists the constructs the ClickHouse dialect needs that an old
// server (Debian bookworm's 18.16) lacks or treats differently.
func Features() []Feature {
	return []Feature{
		{"WITH name AS (subquery) (common table expressions)", "every statement: one stage of the pipeline per CTE",
			"WITH s1 AS (SELECT 'ok' AS x) SELECT x FROM s1", "ok"},
		{"window functions (row_number() OVER ...; ClickHouse 21.9 and later)", "the pipeline's row order (tstats, stats, sort, dedup, join)",
			"SELECT toString(row_number() OVER (ORDER BY number)) FROM numbers(1)", "1"},
		{"TRUE and FALSE literals", "conditions (search terms, where, join keys)",
			"SELECT toString(toUInt8(TRUE AND NOT FALSE))", "1"},
		{"the Bool type", "a null condition (CAST(NULL AS Nullable(Bool)))",
			"SELECT toString(isNull(CAST(NULL AS Nullable(Bool))))", "1"},
		{"extractGroups", "rex: the text of each named group",
			"SELECT extractGroups('ab', '(a)(b)')[2]", "b"},
		{"JOIN ON with a condition on one side beside the key equalities", "join max=N (the subsearch's first N rows of each key)",
			"SELECT toString(t.x) FROM (SELECT 1 AS x) t JOIN (SELECT 1 AS y, 1 AS k) s ON t.x = s.y AND s.k <= 2", "1"},
		{"% of floating-point numbers (a fractional remainder)", "eval's % operator",
			"SELECT toString(5.5 % 2)", "1.5"},
	}
}

// Missing lists the Features the server lacks, each with the server's
// answer to its probe.
func (e *Engine) Missing(ctx context.Context) ([]string, error) {
	var out []string
	for _, f := range Features() {
		var got string
		err := e.conn.QueryRow(ctx, f.Probe).Scan(&got)
		var ex *clickhouse.Exception
		switch {
		case errors.As(err, &ex):
			out = append(out, f.Name+": "+firstLine(ex.Message))
		case err != nil:
			return nil, fmt.Errorf("clickhouse: probing %s: %w", f.Name, err)
		case got != f.Want:
			out = append(out, fmt.Sprintf("%s: %q where %q is expected", f.Name, got, f.Want))
		}
	}
	return out, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return s
}
