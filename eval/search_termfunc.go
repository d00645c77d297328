package eval

import "github.com/spelunk-dev/spelunk/ast"

// CASE(term) and TERM(term) in search syntax [D S-case]. The parser reads
// `TERM(x)` as the keyword TERM followed by the group (x); written without
// a space between them, with the upper-case name, and holding one keyword
// (bare or quoted), the pair is the function. Other shapes (CASE(f=v), a
// space before the parenthesis) stay a keyword and a group [I: Splunk
// documents only the keyword forms].

// isTermFunc reports whether name followed by g is TERM(...) or CASE(...).
func isTermFunc(name, g ast.SearchExpr) bool {
	t, ok := name.(*ast.SearchTerm)
	if !ok || t.Value.Quoted || (t.Value.Raw != "TERM" && t.Value.Raw != "CASE") {
		return false
	}
	grp, ok := g.(*ast.SearchGroup)
	if !ok || grp.Loc.Start != t.Loc.End {
		return false
	}
	_, ok = grp.Expr.(*ast.SearchTerm)
	return ok
}

// compileTermFunc compiles TERM(x) or CASE(x) through env.term (so that
// contexts without keywords report their error), then sets the mode.
func compileTermFunc(name *ast.SearchTerm, g *ast.SearchGroup, env *condEnv) *cond {
	inner := g.Expr.(*ast.SearchTerm)
	c := compileCond(inner, env)
	if c == nil || c.op != condTerm {
		return c // "*" or an error
	}
	caseSens, majorOnly := name.Value.Raw == "CASE", name.Value.Raw == "TERM"
	return &cond{op: condTerm, term: compileTermMode(inner.Value.Value(), caseSens, majorOnly),
		span: ast.Span{Start: name.Loc.Start, End: g.Loc.End}}
}
