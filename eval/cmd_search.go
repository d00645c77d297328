package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// searchStage filters result rows with a search-syntax expression
// (`| search ...` after a row-producing command).
//
// Matching follows the tstats where clause (match.go): field names are the
// names the rows carry at this point (Processes.dest before a rename, dest
// after it); values match case-insensitively with '*' wildcards; a bare `*`
// keeps every row. Result rows have no _raw, so a bare keyword (`search
// wmic`) matches a row when any field value contains it, case-insensitively
// ('*' inside it still a wildcard) [I: Splunk searches _raw for keywords;
// without _raw the field values are what is left].
type searchStage struct {
	loc  ast.Span
	cond *cond // nil: keep everything
}

func compileSearch(c *ast.SearchCommand, e *errs) stage {
	if c.Expr == nil {
		return &searchStage{loc: c.Loc}
	}
	env := &condEnv{
		field: func(name string, _ ast.Span) (string, bool) { return name, true },
		term: func(t *ast.SearchTerm) *cond {
			return &cond{op: condTerm, term: compilePattern("*" + t.Value.Value() + "*"), span: t.Loc}
		},
		errs: e,
	}
	cd := compileCond(c.Expr, env)
	if cd == nil {
		return nil
	}
	if cd.op == condAll {
		cd = nil
	}
	return &searchStage{loc: c.Loc, cond: cd}
}

func (s *searchStage) name() string   { return "search" }
func (s *searchStage) span() ast.Span { return s.loc }

func (s *searchStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	if s.cond == nil {
		return in, len(in.rows), nil
	}
	idx := make(map[string]int, len(in.fields))
	for i, f := range in.fields {
		idx[f] = i
	}
	out := &rowSet{fields: in.fields}
	for i, r := range in.rows {
		if i&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		if matchRow(s.cond, r, idx) {
			out.rows = append(out.rows, r)
		}
	}
	return out, len(in.rows), nil
}

// matchRow evaluates c on one row.
func matchRow(c *cond, r Row, idx map[string]int) bool {
	switch c.op {
	case condAll:
		return true
	case condNone:
		return false
	case condAnd:
		for _, k := range c.kids {
			if !matchRow(k, r, idx) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range c.kids {
			if matchRow(k, r, idx) {
				return true
			}
		}
		return false
	case condNot:
		return !matchRow(c.kids[0], r, idx)
	case condLeaf:
		i, ok := idx[c.leaf.field]
		if !ok || i >= len(r) {
			return false
		}
		return c.leaf.testValue(r[i])
	case condTerm:
		for _, v := range r {
			if v.any(c.term.match) {
				return true
			}
		}
		return false
	}
	return false
}
