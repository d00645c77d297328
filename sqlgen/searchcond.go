package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// appMacroPlaceholder is the field the macros package writes for a Splunk
// app's macro used as a search term.
const appMacroPlaceholder = "spelunk_app_macro"

// condEnv adapts search-syntax compilation to where it runs.
type condEnv struct {
	// field resolves a field name as written.
	field func(name string, n ast.Node) (expr, error)
	// term compiles a bare keyword or phrase; nil: refused.
	term func(t *ast.SearchTerm) (string, error)
	// special handles names with a command-specific meaning (tstats'
	// nodename); ok=false for ordinary fields.
	special func(c *ast.SearchCompare) (sql string, ok bool, err error)
}

// cond compiles a search-syntax expression to a SQL condition that is
// never null: a leaf over a null field is false, as in Splunk.
func (g *gen) cond(e ast.SearchExpr, env condEnv) (string, error) {
	switch e := e.(type) {
	case nil:
		return "TRUE", nil
	case *ast.SearchGroup:
		return g.cond(e.Expr, env)
	case *ast.SearchAnd:
		return g.condList(e.Terms, " AND ", env)
	case *ast.SearchOr:
		return g.condList(e.Terms, " OR ", env)
	case *ast.SearchNot:
		k, err := g.cond(e.Expr, env)
		if err != nil {
			return "", err
		}
		return "(NOT " + k + ")", nil
	case *ast.SearchCompare:
		if e.Field == appMacroPlaceholder {
			return "", refuseCode(e, diag.CodeRefused, "the search calls %s, a macro of a Splunk app; define it with --macros FILE", e.Value.Value())
		}
		if strings.Contains(e.Field, "*") {
			return "", refuse(e, "a wildcard in the field name %s does not compile to SQL", e.Field)
		}
		if isTimeModifier(e.Field) {
			return "", refuse(e, "%s= needs the search's clock, which the SQL does not have; filter _time in the query instead", e.Field)
		}
		if env.special != nil {
			if s, ok, err := env.special(e); ok || err != nil {
				return s, err
			}
		}
		x, err := env.field(e.Field, e)
		if err != nil {
			return "", err
		}
		return g.compare(x, e)
	case *ast.SearchIn:
		if strings.Contains(e.Field, "*") {
			return "", refuse(e, "a wildcard in the field name %s does not compile to SQL", e.Field)
		}
		x, err := env.field(e.Field, e)
		if err != nil {
			return "", err
		}
		if len(e.Values) == 0 {
			return "FALSE", nil
		}
		var alts []string
		for _, v := range e.Values {
			m, err := g.leafMatch(x, v.Value(), e)
			if err != nil {
				return "", err
			}
			alts = append(alts, m)
		}
		return "(" + strings.Join(alts, " OR ") + ")", nil
	case *ast.SearchTerm:
		if e.Value.Value() == "*" {
			return "TRUE", nil
		}
		if env.term != nil {
			return env.term(e)
		}
		return "", refuse(e, "bare search term %s: result rows have no _raw to search in SQL", e.Value.String())
	}
	return "", refuse(e, "this search expression does not compile to SQL yet")
}

func (g *gen) condList(terms []ast.SearchExpr, op string, env condEnv) (string, error) {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		if s, ok := t.(*ast.SearchTerm); ok && isTermFunc(s) {
			return "", refuse(t, "TERM()/CASE() in search syntax does not compile to SQL yet")
		}
		k, err := g.cond(t, env)
		if err != nil {
			return "", err
		}
		parts = append(parts, k)
	}
	return "(" + strings.Join(parts, op) + ")", nil
}

func isTermFunc(t *ast.SearchTerm) bool {
	v := strings.ToUpper(t.Value.Raw)
	return !t.Value.Quoted && (v == "TERM" || v == "CASE")
}

// isTimeModifier reports whether name is a search-time modifier.
func isTimeModifier(name string) bool {
	switch strings.ToLower(name) {
	case "earliest", "latest", "starttime", "endtime", "_index_earliest", "_index_latest", "starttimeu", "endtimeu":
		return true
	}
	return false
}

// compare compiles field OP value.
func (g *gen) compare(x expr, c *ast.SearchCompare) (string, error) {
	v := c.Value.Value()
	switch c.Op {
	case ast.OpEq:
		return g.leafMatch(x, v, c)
	case ast.OpNe:
		if strings.Trim(v, "*") == "" && v != "" {
			return "FALSE", nil // field!=* never matches
		}
		m, err := g.leafMatchOne(x, v, c)
		if err != nil {
			return "", err
		}
		if x.kind == kMV {
			return "(NOT " + g.d.listIsNull(x.sql) + " AND NOT " + g.d.anyOf(x.sql, m) + ")", nil
		}
		if x.kind == kNull {
			return "FALSE", nil
		}
		return g.d.valueAnd(x.sql, "NOT "+m), nil
	case ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe:
		return g.relation(x, string(c.Op), v, c)
	}
	return "", refuseCode(c, diag.CodeCompileError, "unknown comparison operator %q", string(c.Op))
}

// leafMatch is true when x has a value matching v (any value of a
// multivalue); false for null.
func (g *gen) leafMatch(x expr, v string, n ast.Node) (string, error) {
	m, err := g.leafMatchOne(x, v, n)
	if err != nil {
		return "", err
	}
	switch x.kind {
	case kMV:
		return "(NOT " + g.d.listIsNull(x.sql) + " AND " + g.d.anyOf(x.sql, m) + ")", nil
	case kNull:
		return "FALSE", nil
	}
	return g.d.valueAnd(x.sql, m), nil
}

// leafMatchOne is the match of one non-null value: of x itself, or of the
// lambda variable v for a multivalue.
func (g *gen) leafMatchOne(x expr, v string, n ast.Node) (string, error) {
	switch x.kind {
	case kMV:
		return g.matchValue("__v", v, n)
	case kNull:
		return "FALSE", nil
	}
	return g.matchValue(g.text(x), v, n)
}

// relation compiles field <,<=,>,>= value: numerically when both are
// numbers, else bytewise.
func (g *gen) relation(x expr, op, v string, n ast.Node) (string, error) {
	if x.kind == kMV {
		// Any value in the relation, as = matches any value.
		m, err := g.relation(expr{sql: "__v", kind: kStr}, op, v, n)
		if err != nil {
			return "", err
		}
		return "(NOT " + g.d.listIsNull(x.sql) + " AND " + g.d.anyOf(x.sql, m) + ")", nil
	}
	if x.kind == kNull {
		return "FALSE", nil
	}
	var test string
	if isDecimal(v) {
		lit := expr{sql: g.d.str(v), kind: kStr, lit: &v}
		test = "(CASE WHEN " + g.isNum(x) + " THEN " + g.num(x) + " " + op + " " + g.num(lit) +
			" ELSE " + g.text(x) + " " + op + " " + g.d.str(v) + " END)"
	} else {
		test = "(" + g.text(x) + " " + op + " " + g.d.str(v) + ")"
	}
	return "coalesce(" + test + ", FALSE)", nil
}
