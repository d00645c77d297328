package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// eventstatsStage is `eventstats aggs [by fields]` [D S-eventstats]: the
// aggregates of each group, computed over all rows, written into every row
// of the group (also rows lacking the aggregated field); rows lacking a
// by-field get no values [U, §9]. A row whose multivalue by-field puts it
// in several groups takes the first group's values [U]. Existing fields of
// the same name are overwritten.
type eventstatsStage struct{ spec *statsSpec }

func compileEventstats(c *ast.StatsCommand, opts *Options, e *errs) stage {
	s := compileStatsSpec(c, opts, e, []string{"max_mem_usage_mb", "instance_limit"})
	if s == nil {
		return nil
	}
	return &eventstatsStage{spec: s}
}

func (s *eventstatsStage) name() string   { return "eventstats" }
func (s *eventstatsStage) span() ast.Span { return s.spec.loc }

func (s *eventstatsStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	sp := s.spec.forInput(env, in)
	order, member, err := sp.groupPass(ctx, env, in)
	if err != nil {
		return nil, 0, err
	}
	res := make(map[*group][]Value, len(order))
	out := &rowSet{fields: in.fields, rows: in.rows}
	cols := out.addFields(sp.aggNames()...)
	tk := &ticker{ctx: ctx}
	for i, row := range out.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		g := member[i]
		if g == nil {
			for _, col := range cols {
				row[col] = Null()
			}
			continue
		}
		vals, ok := res[g]
		if !ok {
			vals = sp.results(g)
			res[g] = vals
		}
		for k, col := range cols {
			row[col] = vals[k]
		}
	}
	return out, len(in.rows), nil
}
