package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// CASE(term) and TERM(term) in search syntax [D S-case: "Search for
// case-sensitive matches for terms and field values"; "host=CASE(LOCALHOST)
// only matches events that contain localhost in uppercase in the host
// field"]. The parser reads `TERM(x)` as the keyword TERM followed by the
// group (x); written without a space between them, with the upper-case
// name, and holding one keyword (bare or quoted), the pair is the function.
// Other shapes (CASE(f=v), a space before the parenthesis) stay a keyword
// and a group [I: Splunk documents only the keyword forms].
//
// As a field value (field=CASE(v), field=TERM(v), unquoted) CASE compares
// the whole value case-sensitively, '*' a wildcard; TERM compares as a
// plain field=v does, a field value being one term already [I].
//
// In tstats' where clause, where bare keywords are errors (a data-model
// table has no _raw), TERM(x) and CASE(x) match a row when one of its
// field values holds x as the keyword rules say for _raw [U: tstats
// matches them against the index's lexicon, which a data-model table does
// not keep; its field values are what is left of the event's terms].

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
// contexts without keywords report their error, unless env.termFuncs),
// then sets the mode.
func compileTermFunc(name *ast.SearchTerm, g *ast.SearchGroup, env *condEnv) *cond {
	inner := g.Expr.(*ast.SearchTerm)
	span := ast.Span{Start: name.Loc.Start, End: g.Loc.End}
	caseSens, majorOnly := name.Value.Raw == "CASE", name.Value.Raw == "TERM"
	if env.termFuncs {
		if inner.Value.Value() == "*" {
			return &cond{op: condAll, span: span}
		}
		return &cond{op: condTerm, term: compileTermMode(inner.Value.Value(), caseSens, majorOnly), span: span}
	}
	c := compileCond(inner, env)
	if c == nil || c.op != condTerm {
		return c // "*" or an error
	}
	return &cond{op: condTerm, term: compileTermMode(inner.Value.Value(), caseSens, majorOnly), span: span}
}

// valueTermFunc reports whether a field value is written CASE(v) or
// TERM(v) (unquoted), returning the function's name and v.
func valueTermFunc(l ast.Literal) (fn, inner string, ok bool) {
	if l.Quoted || !strings.HasSuffix(l.Raw, ")") {
		return "", "", false
	}
	for _, f := range []string{"CASE", "TERM"} {
		if rest, found := strings.CutPrefix(l.Raw, f+"("); found {
			v := ast.Literal{Raw: rest[:len(rest)-1]}.Value()
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = ast.Literal{Raw: v[1 : len(v)-1]}.Value()
			}
			return f, v, true
		}
	}
	return "", "", false
}
