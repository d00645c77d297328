package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// searchSubStage is a search command whose expression holds subsearches,
// `search [ | inputlookup hosts | fields host ]`. Splunk runs each
// subsearch first and replaces its brackets with the search string the
// format command makes of its results [D S-subsearch "Change the format of
// subsearch results", S-format]:
//
//		( ( f1="v1" AND f2="v2" ) OR ( f1="v3" AND f2="v4" ) )
//
//	  - one group per result row (at most 10,000 rows, [subsearch] maxout),
//	    one field=value per non-null field of the row, in column order;
//	  - internal fields (leading '_', such as _time) are left out [D];
//	  - a multivalue field gives ( f="a" OR f="b" ) (format's mvsep=OR) [D];
//	  - fields named search or query are inserted raw, as search text [D]:
//	    with Options.ParseSearch set the value is parsed as a search
//	    expression; without it, the value is one keyword or phrase [decision];
//	  - a row with no formattable field adds nothing [U];
//	  - no rows at all: format gives `NOT ()`, read here as a condition no
//	    row satisfies, so `search [empty]` keeps nothing and
//	    `NOT [empty]` keeps everything [I: Splunk's emptystr= default].
//
// The values are quoted, so they match as the search command matches
// quoted values (case-insensitively, '*' still a wildcard), as in Splunk.
// The condition is built as syntax-tree nodes and compiled at run time by
// the search command itself (no text is parsed).
//
// tstats' where clause takes subsearches the same way (tstatsSubStage).
type searchSubStage struct {
	loc   ast.Span
	expr  ast.SearchExpr
	first bool
	// rebuild makes the command with the expression filled in.
	rebuild func(ast.SearchExpr) ast.Command
	subs    map[*ast.SearchSubsearch]*Program
	opts    *Options
}

// tstatsSubStage is tstats with a [subsearch] in its where clause: a
// generating stage.
type tstatsSubStage struct{ searchSubStage }

func (*tstatsSubStage) generates()     {}
func (s *tstatsSubStage) name() string { return "tstats" }

func compileTstatsSub(c *ast.TstatsCommand, first bool, opts *Options, e *errs) stage {
	rebuild := func(x ast.SearchExpr) ast.Command {
		cp := *c
		cp.Where = x
		return &cp
	}
	st := compileSubExpr(c.Loc, c.Where, first, rebuild, opts, e)
	if st == nil {
		return nil
	}
	return &tstatsSubStage{*st}
}

// hasSubsearch reports whether x holds a [subsearch].
func hasSubsearch(x ast.SearchExpr) bool {
	found := false
	if x == nil {
		return false
	}
	ast.Inspect(x, func(n ast.Node) bool {
		if _, ok := n.(*ast.SearchSubsearch); ok {
			found = true
		}
		return !found
	})
	return found
}

func compileSearchSub(c *ast.SearchCommand, opts *Options, e *errs) stage {
	rebuild := func(x ast.SearchExpr) ast.Command { return &ast.SearchCommand{Loc: c.Loc, Expr: x} }
	if st := compileSubExpr(c.Loc, c.Expr, false, rebuild, opts, e); st != nil {
		return st
	}
	return nil
}

func compileSubExpr(loc ast.Span, x ast.SearchExpr, first bool, rebuild func(ast.SearchExpr) ast.Command, opts *Options, e *errs) *searchSubStage {
	st := &searchSubStage{loc: loc, expr: x, first: first, rebuild: rebuild, subs: map[*ast.SearchSubsearch]*Program{}, opts: opts}
	nerr := len(e.list)
	// Check the command itself with each subsearch standing for `*`.
	probe := rewriteSubsearches(x, func(s *ast.SearchSubsearch) ast.SearchExpr {
		if p := compileSub(s.Query, s.Loc, opts, e); p != nil {
			st.subs[s] = p
		}
		return &ast.SearchTerm{Loc: s.Loc, Value: ast.Literal{Raw: "*"}}
	})
	compileCommand(rebuild(probe), first, opts, e)
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *searchSubStage) name() string   { return "search" }
func (s *searchSubStage) span() ast.Span { return s.loc }

func (s *searchSubStage) readsEvents() bool {
	for _, p := range s.subs {
		if p.ReadsEvents() {
			return true
		}
	}
	return false
}

func (s *searchSubStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	var runErr error
	expr := rewriteSubsearches(s.expr, func(sub *ast.SearchSubsearch) ast.SearchExpr {
		if runErr != nil {
			return nil
		}
		rs, err := runSub(ctx, env, s.subs[sub], nil, subsearchMaxout)
		if err != nil {
			runErr = err
			return nil
		}
		return formatResults(rs, sub.Loc, s.opts)
	})
	if runErr != nil {
		return nil, 0, runErr
	}
	var e errs
	st := compileCommand(s.rebuild(expr), s.first, s.opts, &e)
	if err := e.err(); err != nil {
		return nil, 0, err
	}
	return st.run(ctx, env, in)
}

// rewriteSubsearches returns a copy of x with every subsearch replaced by
// what f returns; the rest of the tree is shared.
func rewriteSubsearches(x ast.SearchExpr, f func(*ast.SearchSubsearch) ast.SearchExpr) ast.SearchExpr {
	switch x := x.(type) {
	case *ast.SearchSubsearch:
		return f(x)
	case *ast.SearchAnd:
		return &ast.SearchAnd{Loc: x.Loc, Terms: rewriteAll(x.Terms, f)}
	case *ast.SearchOr:
		return &ast.SearchOr{Loc: x.Loc, Terms: rewriteAll(x.Terms, f)}
	case *ast.SearchNot:
		return &ast.SearchNot{Loc: x.Loc, Expr: rewriteSubsearches(x.Expr, f)}
	case *ast.SearchGroup:
		return &ast.SearchGroup{Loc: x.Loc, Expr: rewriteSubsearches(x.Expr, f)}
	}
	return x
}

func rewriteAll(xs []ast.SearchExpr, f func(*ast.SearchSubsearch) ast.SearchExpr) []ast.SearchExpr {
	out := make([]ast.SearchExpr, len(xs))
	for i, x := range xs {
		out[i] = rewriteSubsearches(x, f)
	}
	return out
}

// formatResults is the format command's search string for rs, as nodes
// (see searchSubStage).
func formatResults(rs *rowSet, loc ast.Span, opts *Options) ast.SearchExpr {
	var rows []ast.SearchExpr
	for _, r := range rs.rows {
		var terms []ast.SearchExpr
		for c, f := range rs.fields {
			v := get(r, c)
			if v.IsNull() || isInternal(f) {
				continue
			}
			if f == "search" || f == "query" {
				for _, s := range v.Strings() {
					terms = append(terms, rawSearch(s, loc, opts))
				}
				continue
			}
			vals := v.Strings()
			var alts []ast.SearchExpr
			for _, s := range vals {
				alts = append(alts, &ast.SearchCompare{Loc: loc, Field: f, Op: ast.OpEq,
					Value: ast.Literal{Raw: escapeQuoted(s), Quoted: true}})
			}
			terms = append(terms, searchGroup(alts, false, loc))
		}
		if len(terms) > 0 {
			rows = append(rows, searchGroup(terms, true, loc))
		}
	}
	if len(rows) == 0 {
		// NOT (): nothing matches.
		return &ast.SearchNot{Loc: loc, Expr: &ast.SearchTerm{Loc: loc, Value: ast.Literal{Raw: "*"}}}
	}
	return searchGroup(rows, false, loc)
}

// searchGroup joins xs with AND (and=true) or OR inside parentheses.
func searchGroup(xs []ast.SearchExpr, and bool, loc ast.Span) ast.SearchExpr {
	if len(xs) == 1 {
		return &ast.SearchGroup{Loc: loc, Expr: xs[0]}
	}
	if and {
		return &ast.SearchGroup{Loc: loc, Expr: &ast.SearchAnd{Loc: loc, Terms: xs}}
	}
	return &ast.SearchGroup{Loc: loc, Expr: &ast.SearchOr{Loc: loc, Terms: xs}}
}

// rawSearch is the value of a search or query field as search syntax.
func rawSearch(s string, loc ast.Span, opts *Options) ast.SearchExpr {
	if opts != nil && opts.ParseSearch != nil {
		if q, err := opts.ParseSearch("search " + s); err == nil && q != nil && len(q.Commands) == 1 {
			if sc, ok := q.Commands[0].(*ast.SearchCommand); ok && sc.Expr != nil && !hasSubsearch(sc.Expr) {
				return &ast.SearchGroup{Loc: loc, Expr: sc.Expr}
			}
		}
	}
	return &ast.SearchTerm{Loc: loc, Value: ast.Literal{Raw: escapeQuoted(s), Quoted: true}}
}

// escapeQuoted escapes s for a quoted literal (the inverse of
// Literal.Value).
func escapeQuoted(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}
