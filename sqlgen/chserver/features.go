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

// Features lists constructs the ClickHouse dialect relies on whose
// behaviour is not plain SQL: a server must give each probe's answer.
// (What it avoids, because servers before 21.x lack it, is listed in
// docs/sql.md.)
func Features() []Feature {
	return []Feature{
		{"rows numbered in order as they leave a sorted subquery (rowNumberInAllBlocks)", "the pipeline's row order, where window functions would number rows",
			"SELECT toString(sum(r = 6 - x)) FROM (SELECT rowNumberInAllBlocks() + 1 AS r, x FROM (SELECT number + 1 AS x FROM numbers(5) ORDER BY x DESC))", "5"},
		{"LIMIT n BY", "dedup and join max=N: the first rows of each key",
			"SELECT toString(count()) FROM (SELECT number % 2 AS k FROM numbers(10) ORDER BY number LIMIT 2 BY k)", "4"},
		{"extract (the first group of the first match)", "rex",
			"SELECT extract('abc', '(b)')", "b"},
		// 18.16 reads a right-side key column (s.y) as the left one's
		// value: the generator reads only the other right-side columns.
		{"LEFT JOIN ON equalities of aliased subqueries, with join_use_nulls", "join, eventstats",
			"SELECT toString(isNull(s.z)) FROM (SELECT 1 AS x) m LEFT JOIN (SELECT 2 AS y, 'q' AS z) s ON m.x = s.y SETTINGS join_use_nulls = 1", "1"},
		{"least, greatest, nullIf and ifNull over conditions", "AND and OR in three-valued logic",
			"SELECT toString((nullIf(least(ifNull(toUInt8(0 != 0) * 2, 1), ifNull(toUInt8(NULL != 0) * 2, 1)), 1) = 2))", "0"},
		{"arrays of arrays read at indexOf (element 0: the empty array)", "raw events' fields",
			"SELECT toString(length([['a','b'],['c']][indexOf(['x','y'], 'x')])) || toString(length([['a']][indexOf(['x'], 'z')]))", "20"},
		{"arrayJoin (an empty array drops the row)", "stats and tstats by a multivalue field",
			"SELECT toString(count()) FROM (SELECT arrayJoin(x) FROM (SELECT ['a','b'] AS x UNION ALL SELECT emptyArrayString()))", "2"},
		{"-Array combinators and arrayReduce", "aggregates of multivalue fields",
			"SELECT toString(uniqExactArray(x)) || arrayStringConcat(arraySort(groupUniqArrayArray(x)), '') || toString(arrayReduce('max', [1., 3.])) FROM (SELECT ['a','b'] AS x UNION ALL SELECT ['b'])", "2ab3"},
		{"position, startsWith and endsWith with a column as the needle", "lookup WILDCARD matching",
			"SELECT toString(position(h, n)) || toString(startsWith(h, n)) || toString(endsWith(h, n)) FROM (SELECT 'abab' AS h, 'ab' AS n)", "111"},
	}
}

// Missing lists the Features the server lacks, each with the server's
// answer to its probe.
func (e *Engine) Missing(ctx context.Context) ([]string, error) {
	if err := e.ready(); err != nil {
		return nil, err
	}
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
