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
// Each command's part is the columns function of its registry entry
// (commands_table.go); a command without one stops the projection.
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
//     bounds, and stats' earliest/latest read it).

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
		if c == nil {
			return nil
		}
		s, ok := commandTable[c.CommandName()]
		if !ok || s.columns == nil {
			return nil
		}
		switch s.columns(c, add) {
		case projectAll:
			return nil
		case projectEnd:
			return names
		}
	}
	return nil
}

// columnsFunc is a command's part of the projection (its registry entry's
// columns): it adds the fields c reads with add, which reports false for a
// name it cannot project (a wildcard, a $token$), and says how the walk
// goes on.
type columnsFunc func(c ast.Command, add func(string) bool) projectStep

// projectStep is what a command does to the column projection.
type projectStep int

const (
	// projectAll: c may read fields it does not name (or is not the node
	// its entry expects): every column.
	projectAll projectStep = iota
	// projectNext: c reads only the fields it added; go on with the next
	// command.
	projectNext
	// projectEnd: c reads only the fields it added and builds new rows
	// from them; later commands cannot see the events' other fields.
	projectEnd
)

// searchColumns: field comparisons and keywords (_raw); a wildcard field
// name or a subsearch stops the projection.
func searchColumns(c ast.Command, add func(string) bool) projectStep {
	s, ok := c.(*ast.SearchCommand)
	if !ok || s.Expr != nil && !searchRefs(s.Expr, add) {
		return projectAll
	}
	return projectNext
}

// whereColumns: the fields of the condition.
func whereColumns(c ast.Command, add func(string) bool) projectStep {
	w, ok := c.(*ast.WhereCommand)
	if !ok || !exprRefs(w.Expr, add) {
		return projectAll
	}
	return projectNext
}

// evalColumns: the fields the expressions read and those assigned.
func evalColumns(c ast.Command, add func(string) bool) projectStep {
	ev, ok := c.(*ast.EvalCommand)
	if !ok {
		return projectAll
	}
	for _, a := range ev.Assignments {
		// {f}=...: the name is f's value; f is read
		target := a.Field
		if inner, ok := strings.CutPrefix(target, "{"); ok && strings.HasSuffix(inner, "}") {
			target = strings.TrimSuffix(inner, "}")
		}
		if !exprRefs(a.Expr, add) || !add(target) {
			return projectAll
		}
	}
	return projectNext
}

// statsColumns: stats (not eventstats or streamstats, which keep the
// rows) ends the walk with its aggregated fields and by-fields.
func statsColumns(c ast.Command, add func(string) bool) projectStep {
	st, ok := c.(*ast.StatsCommand)
	if !ok || st.Name != "stats" || st.ResetBefore != nil || st.ResetAfter != nil {
		return projectAll
	}
	for _, a := range st.Aggregates {
		if a.Field != "" && !add(a.Field) {
			return projectAll
		}
		if a.Eval != nil && !exprRefs(a.Eval, add) {
			return projectAll
		}
	}
	for _, b := range st.By {
		if !add(b) {
			return projectAll
		}
	}
	return projectEnd
}

// tableColumns: table ends the walk with the fields it names.
func tableColumns(c ast.Command, add func(string) bool) projectStep {
	t, ok := c.(*ast.TableCommand)
	if !ok {
		return projectAll
	}
	for _, f := range t.Fields {
		if !add(f) {
			return projectAll
		}
	}
	return projectEnd
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
