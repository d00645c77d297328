package eval

import (
	"context"
	"slices"

	"github.com/spelunk-dev/spelunk/ast"
)

// statsStage is `stats aggs [by fields]` [D S-stats, spl_semantics.md §9]:
// one row per group with the by-fields then the aggregates as columns,
// rows ordered by the by-values (first field most significant; numbers
// numerically before strings bytewise [U, §7]). Without by there is
// exactly one row, also over no input (count and dc give 0, the others
// null) [U: widely observed, §12 decision].
type statsStage struct{ spec *statsSpec }

func compileStats(c *ast.StatsCommand, opts *Options, e *errs) stage {
	s := compileStatsSpec(c, opts, e, nil)
	if s == nil {
		return nil
	}
	return &statsStage{spec: s}
}

func (s *statsStage) name() string   { return "stats" }
func (s *statsStage) span() ast.Span { return s.spec.loc }

func (s *statsStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	sp := s.spec.forInput(env, in)
	order, _, err := sp.groupPass(ctx, env, in)
	if err != nil {
		return nil, 0, err
	}
	if len(sp.by) == 0 && len(order) == 0 {
		order = append(order, sp.newGroup(nil))
	}
	if len(order) > env.maxRows {
		return nil, 0, limitAt(sp.loc, "stats produced more than the limit of %d rows", env.maxRows)
	}
	err = sortStable(ctx, order, func(a, b *group) int {
		for i := range a.vals {
			if c := collateValues(a.vals[i], b.vals[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	if err != nil {
		return nil, 0, err
	}
	t := &ticker{ctx: ctx}
	out := &rowSet{fields: append(slices.Clone(sp.by), sp.aggNames()...), rows: make([]Row, len(order))}
	for i, g := range order {
		if err := t.tick(); err != nil {
			return nil, 0, err
		}
		row := make(Row, 0, len(out.fields))
		row = append(row, g.vals...)
		row = append(row, sp.results(g)...)
		out.rows[i] = row
	}
	dedupFields(out)
	return out, len(in.rows), nil
}

// dedupFields keeps the last column of each repeated field name (stats
// count, count as count).
func dedupFields(rs *rowSet) {
	seen := map[string]int{}
	drop := map[int]bool{}
	for i, f := range rs.fields {
		if j, ok := seen[f]; ok {
			drop[j] = true
		}
		seen[f] = i
	}
	if len(drop) > 0 {
		rs.drop(drop)
		rs.idx = nil
	}
}
