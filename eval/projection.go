package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// Column projection of raw events (event_source.go). A search over raw
// events reads only some of their fields when its pipeline ends its use
// of the events' fields with a command that builds new rows from named
// fields (stats, table): the columns no command before it names can
// never reach the result nor change it. Exec then builds the first
// stage's rows from those columns only.
//
// Rules (conservative: when in doubt, every column):
//
//   - the commands walked, from the first, are search (field comparisons
//     and keywords, no wildcard field names, no subsearch), where and eval
//     (field references in their expressions; searchmatch reads the whole
//     row, so it stops the projection); then stats or table with plain
//     field names ends the walk. Any other command, or no closing
//     command, means every column;
//   - a keyword (search term) reads _raw; _time is always kept (time
//     bounds, and stats' earliest/latest read it);
//   - eval's {f}=expr assigns the field named by f's value: it reads f
//     (the field it writes need not come from the events: the eval
//     creates it).

// projectColumns returns the fields of raw events q can read, or nil when
// that is not known (read every column).
func projectColumns(q *ast.Query) []string {
	if q == nil {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	add := func(n string) bool {
		if n == "" || strings.ContainsAny(n, "*$") {
			return false
		}
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
		return true
	}
	add("_time")
	for _, c := range q.Commands {
		switch c := c.(type) {
		case *ast.SearchCommand:
			if c.Expr != nil && !searchRefs(c.Expr, add) {
				return nil
			}
		case *ast.WhereCommand:
			if !exprRefs(c.Expr, add) {
				return nil
			}
		case *ast.EvalCommand:
			for _, a := range c.Assignments {
				// {f}=...: the name is f's value; f is read
				target := a.Field
				if inner, ok := strings.CutPrefix(target, "{"); ok && strings.HasSuffix(inner, "}") {
					target = strings.TrimSuffix(inner, "}")
				}
				if !exprRefs(a.Expr, add) || !add(target) {
					return nil
				}
			}
		case *ast.StatsCommand:
			if c.Name != "stats" || c.ResetBefore != nil || c.ResetAfter != nil {
				return nil
			}
			for _, a := range c.Aggregates {
				if a.Field != "" && !add(a.Field) {
					return nil
				}
				if a.Eval != nil && !exprRefs(a.Eval, add) {
					return nil
				}
			}
			for _, b := range c.By {
				if !add(b) {
					return nil
				}
			}
			return names
		case *ast.TableCommand:
			for _, f := range c.Fields {
				if !add(f) {
					return nil
				}
			}
			return names
		default:
			return nil
		}
	}
	return nil
}

// searchRefs adds the fields a search expression reads; false when it
// cannot tell (a wildcard field name, a subsearch, an unknown node).
func searchRefs(x ast.SearchExpr, add func(string) bool) bool {
	switch x := x.(type) {
	case *ast.SearchAnd:
		for _, t := range x.Terms {
			if !searchRefs(t, add) {
				return false
			}
		}
		return true
	case *ast.SearchOr:
		for _, t := range x.Terms {
			if !searchRefs(t, add) {
				return false
			}
		}
		return true
	case *ast.SearchNot:
		return searchRefs(x.Expr, add)
	case *ast.SearchGroup:
		return searchRefs(x.Expr, add)
	case *ast.SearchCompare:
		return add(x.Field)
	case *ast.SearchIn:
		return add(x.Field)
	case *ast.SearchTerm:
		return add("_raw")
	}
	return false
}

// exprRefs adds the fields an eval expression reads; false when it reads
// fields it does not name (searchmatch) or holds an unknown node.
func exprRefs(x ast.Expr, add func(string) bool) bool {
	switch x := x.(type) {
	case nil:
		return true
	case *ast.FieldExpr:
		return add(x.Name)
	case *ast.StringExpr, *ast.NumberExpr:
		return true
	case *ast.CallExpr:
		if x.Name == "searchmatch" {
			return false
		}
		for _, a := range x.Args {
			if !exprRefs(a, add) {
				return false
			}
		}
		return true
	case *ast.UnaryExpr:
		return exprRefs(x.X, add)
	case *ast.BinaryExpr:
		return exprRefs(x.L, add) && exprRefs(x.R, add)
	case *ast.ParenExpr:
		return exprRefs(x.X, add)
	case *ast.InExpr:
		if !exprRefs(x.X, add) {
			return false
		}
		for _, a := range x.List {
			if !exprRefs(a, add) {
				return false
			}
		}
		return true
	}
	return false
}
