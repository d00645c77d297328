package eval

import (
	"context"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
)

// searchStage filters events or result rows with a search-syntax
// expression [D S-search, spl_semantics.md §4]. As the first command it
// reads the events given to Exec; later it filters the rows of the
// command before it.
//
// Matching follows the tstats where clause (search_cond.go): field names
// are the names the rows carry at this point (Processes.dest before a
// rename, dest after it); values match case-insensitively with '*' wildcards; a bare `*`
// keeps every row; a row without the field never matches field=value or
// field!=value, but does match NOT field=value.
//
// Over raw events the default fields are fields like any other: index=,
// sourcetype=, source=, host= compare the event's metadata, eventtype= and
// tag= its multivalue eventtype and tag fields (any value matches) [D
// S-search]. Bare keywords and phrases match _raw (search_term.go);
// earliest= and latest= bound _time (search_time.go).
type searchStage struct {
	loc   ast.Span
	cond  *cond // nil: keep everything (but the time bounds)
	times timeBounds
}

// compileSearch compiles a search command whose time modifiers resolve
// against the wall clock; compileSearchOpts uses the search's clock.
func compileSearch(c *ast.SearchCommand, e *errs) stage {
	return compileSearchOpts(c, nil, e)
}

// compileSearchOpts compiles a search command; opts gives the clock and
// zone of earliest=/latest= (nil: now, UTC).
func compileSearchOpts(c *ast.SearchCommand, opts *Options, e *errs) stage {
	if opts == nil {
		opts = &Options{Now: time.Now(), Location: time.UTC}
	}
	st := &searchStage{loc: c.Loc}
	if c.Expr == nil {
		return st
	}
	env := &condEnv{
		timeMod: func(m *ast.SearchCompare) { st.times.add(m, opts, e) },
		field:   func(name string, _ ast.Span) (string, bool) { return name, true },
		term: func(t *ast.SearchTerm) *cond {
			return &cond{op: condTerm, term: compileTerm(t.Value.Value()), span: t.Loc}
		},
		errs: e,
	}
	cd := compileCond(c.Expr, env)
	if cd == nil {
		return nil
	}
	if cd.op == condAll || cd.op == condHoisted {
		cd = nil
	}
	st.cond = cd
	return st
}

func (s *searchStage) name() string   { return "search" }
func (s *searchStage) span() ast.Span { return s.loc }

func (s *searchStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	if s.cond == nil && !s.times.active() {
		return in, len(in.rows), nil
	}
	timeCol := in.col("_time")
	out := &rowSet{fields: in.fields}
	for i, r := range in.rows {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		if s.times.active() && !s.times.containsValue(get(r, timeCol)) {
			continue
		}
		if s.cond == nil || matchRow(s.cond, r, in) {
			out.rows = append(out.rows, r)
		}
	}
	return out, len(in.rows), nil
}
