package parser_test

import (
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/parser"
)

// TestSpans checks that nodes cover exactly the text they were parsed from.
func TestSpans(t *testing.T) {
	q := `| TSTATS count min(_time) as t from datamodel=Endpoint.Processes where (a=1 OR b="x") NOT c IN (1, 2) by d span=1h |  rename a AS b , c as d | convert ctime(t) | search [search x] y | eval z=1 `
	tree, err := parser.Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	text := func(n ast.Node) string { s := n.Span(); return q[s.Start:s.End] }
	ts := tree.Commands[0].(*ast.TstatsCommand)
	rn := tree.Commands[1].(*ast.RenameCommand)
	cv := tree.Commands[2].(*ast.ConvertCommand)
	se := tree.Commands[3].(*ast.SearchCommand)
	where := ts.Where.(*ast.SearchAnd)
	or := where.Terms[0].(*ast.SearchGroup).Expr.(*ast.SearchOr)
	for _, tt := range []struct {
		n    ast.Node
		want string
	}{
		{tree, q[:len(q)-1]},
		{ts, `TSTATS count min(_time) as t from datamodel=Endpoint.Processes where (a=1 OR b="x") NOT c IN (1, 2) by d span=1h`},
		{ts.Aggregates[0], `count`},
		{ts.Aggregates[1], `min(_time) as t`},
		{where, `(a=1 OR b="x") NOT c IN (1, 2)`},
		{where.Terms[0], `(a=1 OR b="x")`},
		{or, `a=1 OR b="x"`},
		{or.Terms[1], `b="x"`},
		{where.Terms[1], `NOT c IN (1, 2)`},
		{where.Terms[1].(*ast.SearchNot).Expr, `c IN (1, 2)`},
		{rn, `rename a AS b , c as d`},
		{rn.Pairs[1], `c as d`},
		{cv.Conversions[0], `ctime(t)`},
		{se.Expr.(*ast.SearchAnd).Terms[0], `[search x]`},
		{se.Expr.(*ast.SearchAnd).Terms[0].(*ast.SearchSubsearch).Query.Commands[0], `search x`},
		{tree.Commands[4], `eval z=1`},
	} {
		if got := text(tt.n); got != tt.want {
			t.Errorf("%T covers %q, want %q", tt.n, got, tt.want)
		}
	}
	if ts.CommandName() != "tstats" || ts.BySpan != "1h" || len(ts.By) != 1 {
		t.Errorf("tstats = %+v", ts)
	}
}
