package eval

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// dedupStage is `dedup [N] fields [keepempty=] [consecutive=] [sortby
// keys]` [D S-dedup]: keeps the first N (default 1) rows of each
// combination of the fields' values, in input order. Values compare
// exactly (case-sensitive strings) [D]. A row lacking any of the fields is
// dropped, unless keepempty=true keeps every such row [D].
// consecutive=true removes only rows equal to the row just before [D].
// sortby sorts the kept rows as sort does (without a limit).
// keepevents=true is not supported.
type dedupStage struct {
	loc         ast.Span
	limit       int
	fields      []string
	keepEmpty   bool
	consecutive bool
	sortBy      *sortStage
}

func compileDedup(c *ast.DedupCommand, e *errs) stage {
	st := &dedupStage{loc: c.Loc, limit: max(c.Limit, 1), fields: c.Fields}
	if len(c.Fields) == 0 {
		e.addf(c.Loc, "dedup needs at least one field")
		return nil
	}
	for _, o := range c.Options {
		b, ok := ParseBool(o.Value.Value())
		if !ok {
			e.addf(o.Loc, "dedup option %s: %q is not a boolean", o.Key, o.Value.Value())
			continue
		}
		switch strings.ToLower(o.Key) {
		case "keepempty":
			st.keepEmpty = b
		case "consecutive":
			st.consecutive = b
		case "keepevents":
			if b {
				e.unsupported(o.Loc, "dedup keepevents=true is not supported yet")
			}
		default:
			e.addf(o.Loc, "unknown dedup option %q", o.Key)
		}
	}
	if len(c.SortBy) > 0 {
		st.sortBy = &sortStage{loc: c.Loc, keys: c.SortBy}
	}
	return st
}

func (s *dedupStage) name() string   { return "dedup" }
func (s *dedupStage) span() ast.Span { return s.loc }

func (s *dedupStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	cols := make([]int, len(s.fields))
	for i, f := range s.fields {
		cols[i] = in.col(f)
	}
	seen := map[string]int{}
	prev, havePrev := "", false
	out := &rowSet{fields: in.fields}
	var b strings.Builder
	tk := &ticker{ctx: ctx}
	for _, row := range in.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		b.Reset()
		empty := false
		for _, c := range cols {
			v := get(row, c)
			if v.k == kindNull {
				empty = true
				break
			}
			sv := v.String()
			b.WriteString(strconv.Itoa(len(sv)))
			b.WriteByte(':')
			b.WriteString(sv)
		}
		if empty {
			if s.keepEmpty {
				out.rows = append(out.rows, row)
			}
			continue
		}
		key := b.String()
		if s.consecutive {
			if havePrev && key == prev {
				continue
			}
			prev, havePrev = key, true
			out.rows = append(out.rows, row)
			continue
		}
		if seen[key] >= s.limit {
			continue
		}
		seen[key]++
		out.rows = append(out.rows, row)
	}
	if s.sortBy != nil {
		sorted, _, err := s.sortBy.run(ctx, env, out)
		if err != nil {
			return nil, 0, err
		}
		out = sorted
	}
	out.rows = slices.Clip(out.rows)
	return out, len(in.rows), nil
}
