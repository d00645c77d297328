package eval

import (
	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// cond is a compiled search-syntax boolean expression, shared by tstats'
// where clause (evaluated over table columns, cmd_tstats.go) and the search
// command (evaluated over result rows, cmd_search.go).
type cond struct {
	op   condOp
	kids []*cond      // and, or, not (one kid)
	leaf *leaf        // condLeaf
	term *termMatcher // condTerm: a bare keyword (cmd_search.go)
	span ast.Span
}

type condOp uint8

const (
	condAll  condOp = iota // matches every row (`*`, nodename=..., field=* ... see compile)
	condNone               // matches no row (field!=*)
	condAnd
	condOr
	condNot
	condLeaf
	condTerm
	// condHoisted stands where a time modifier (earliest=, latest=) was
	// written: the modifier applies to the whole search (search_time.go),
	// so it is neutral in AND, OR and NOT alike and disappears in simplify.
	condHoisted
)

// leaf is one field comparison. Null semantics [D S-not, S-search]: a row
// whose field is null never satisfies a leaf, not even a != one; NOT around
// a leaf therefore includes rows without the field.
type leaf struct {
	field string         // the field as rows or columns name it
	neg   bool           // !=: the field has a value and no value matches pats
	pats  []*glob.Search // =, != and IN: any of them
	cased []glob.Glob    // field=CASE(v): case-sensitive patterns, any of them
	rel   *relation      // <, <=, >, >=
}

// matchString reports whether one non-null value satisfies the leaf's
// positive test (before neg is applied).
func (l *leaf) matchString(s string) bool {
	if l.rel != nil {
		return l.rel.matchString(s)
	}
	for _, p := range l.pats {
		if p.Match(s) {
			return true
		}
	}
	for _, g := range l.cased {
		if g.Match(s) {
			return true
		}
	}
	return false
}

// testString is the leaf's answer for a single non-null value.
func (l *leaf) testString(s string) bool { return l.matchString(s) != l.neg }

// testValue is the leaf's answer for a row value: null never matches; a
// multivalue matches = when any value does and != when none does [U].
func (l *leaf) testValue(v Value) bool {
	switch v.k {
	case kindNull:
		return false
	case kindNum:
		if l.rel != nil {
			return l.rel.matchNum(v.f) != l.neg
		}
	}
	return v.any(l.matchString) != l.neg
}

// condEnv adapts compilation to where the condition runs.
type condEnv struct {
	// field maps a field name as written to the name rows or columns use;
	// ok=false after it reported an error.
	field func(name string, span ast.Span) (string, bool)
	// special handles field names with a command-specific meaning
	// (tstats' nodename); nil when none.
	special func(c *ast.SearchCompare) (*cond, bool)
	// term compiles a bare keyword; nil after reporting an error.
	term func(t *ast.SearchTerm) *cond
	// timeMod records a time modifier (earliest=, latest=, ...) that
	// applies to the whole search; nil where they are plain field names.
	timeMod func(c *ast.SearchCompare)
	// termFuncs: TERM(x) and CASE(x) compile without term (tstats' where,
	// where bare keywords are errors but these match field values,
	// search_termfunc.go).
	termFuncs bool
	errs      *errs
}

// appMacroPlaceholder is the field name the macros package writes in place
// of a Splunk app's macro used as a search term (macros.AppMacroPlaceholder).
const appMacroPlaceholder = "spelunk_app_macro"

// compileCond compiles e; it returns nil after reporting errors.
func compileCond(e ast.SearchExpr, env *condEnv) *cond {
	switch e := e.(type) {
	case *ast.SearchGroup:
		return compileCond(e.Expr, env)
	case *ast.SearchAnd, *ast.SearchOr:
		var terms []ast.SearchExpr
		op := condAnd
		if a, ok := e.(*ast.SearchAnd); ok {
			terms = a.Terms
		} else {
			terms, op = e.(*ast.SearchOr).Terms, condOr
		}
		c := &cond{op: op, span: e.Span()}
		okAll := true
		for i := 0; i < len(terms); i++ {
			var k *cond
			if op == condAnd && i+1 < len(terms) && isTermFunc(terms[i], terms[i+1]) {
				k = compileTermFunc(terms[i].(*ast.SearchTerm), terms[i+1].(*ast.SearchGroup), env)
				i++
			} else {
				k = compileCond(terms[i], env)
			}
			if k == nil {
				okAll = false
				continue
			}
			c.kids = append(c.kids, k)
		}
		if !okAll {
			return nil
		}
		return simplify(c)
	case *ast.SearchNot:
		k := compileCond(e.Expr, env)
		if k == nil {
			return nil
		}
		switch k.op {
		case condHoisted:
			return k
		case condAll:
			return &cond{op: condNone, span: e.Loc}
		case condNone:
			return &cond{op: condAll, span: e.Loc}
		case condNot:
			return k.kids[0]
		}
		return &cond{op: condNot, kids: []*cond{k}, span: e.Loc}
	case *ast.SearchCompare:
		if e.Field == appMacroPlaceholder {
			env.errs.add(&Error{Span: e.Loc, Code: diag.CodeRefused, Msg: "the search calls " + e.Value.Value() +
				", a macro of a Splunk app that security_content does not ship; define it with --macros FILE"})
			return nil
		}
		if env.special != nil {
			if c, ok := env.special(e); ok {
				return c
			}
		}
		if env.timeMod != nil && isTimeModifier(e) {
			env.timeMod(e)
			return &cond{op: condHoisted, span: e.Loc}
		}
		name, ok := env.field(e.Field, e.Loc)
		if !ok {
			return nil
		}
		v := e.Value.Value()
		switch e.Op {
		case ast.OpEq, ast.OpNe:
			if fn, inner, ok := valueTermFunc(e.Value); ok {
				if fn == "CASE" {
					return &cond{op: condLeaf, leaf: &leaf{field: name, neg: e.Op == ast.OpNe, cased: []glob.Glob{glob.New(inner)}}, span: e.Loc}
				}
				v = inner // TERM: a field value is one whole term already
			}
			p := glob.CompileSearch(v)
			if p.MatchesAll() {
				if e.Op == ast.OpNe {
					return &cond{op: condNone, span: e.Loc} // field!=* never matches [D]
				}
				return &cond{op: condLeaf, leaf: &leaf{field: name, pats: []*glob.Search{p}}, span: e.Loc}
			}
			return &cond{op: condLeaf, leaf: &leaf{field: name, neg: e.Op == ast.OpNe, pats: []*glob.Search{p}}, span: e.Loc}
		case ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe:
			return &cond{op: condLeaf, leaf: &leaf{field: name, rel: newRelation(e.Op, v)}, span: e.Loc}
		}
		env.errs.addf(e.Loc, "unknown comparison operator %q", string(e.Op))
		return nil
	case *ast.SearchIn:
		name, ok := env.field(e.Field, e.Loc)
		if !ok {
			return nil
		}
		l := &leaf{field: name}
		for _, v := range e.Values {
			l.pats = append(l.pats, glob.CompileSearch(v.Value()))
		}
		if len(l.pats) == 0 {
			return &cond{op: condNone, span: e.Loc}
		}
		return &cond{op: condLeaf, leaf: l, span: e.Loc}
	case *ast.SearchTerm:
		if e.Value.Value() == "*" {
			return &cond{op: condAll, span: e.Loc}
		}
		return env.term(e)
	case *ast.SearchSubsearch:
		env.errs.unsupported(e.Loc, "subsearches are not supported yet")
		return nil
	case nil:
		return &cond{op: condAll}
	}
	env.errs.addf(e.Span(), "unsupported search expression %T", e)
	return nil
}

// simplify folds constant kids of an and/or and flattens nested ones.
func simplify(c *cond) *cond {
	var kids []*cond
	hoisted := 0
	for _, k := range c.kids {
		switch {
		case k.op == condHoisted:
			hoisted++
		case k.op == c.op:
			kids = append(kids, k.kids...)
		case c.op == condAnd && k.op == condAll, c.op == condOr && k.op == condNone:
			// neutral: drop
		case c.op == condAnd && k.op == condNone, c.op == condOr && k.op == condAll:
			return &cond{op: k.op, span: c.span}
		default:
			kids = append(kids, k)
		}
	}
	switch len(kids) {
	case 0:
		if hoisted > 0 && hoisted == len(c.kids) {
			return &cond{op: condHoisted, span: c.span}
		}
		if c.op == condAnd {
			return &cond{op: condAll, span: c.span}
		}
		return &cond{op: condNone, span: c.span}
	case 1:
		return kids[0]
	}
	c.kids = kids
	return c
}
