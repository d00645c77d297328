package sqlgen

import (
	"regexp"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// call compiles an eval function call.
func (g *gen) call(c *ast.CallExpr) (expr, error) {
	args := make([]expr, len(c.Args))
	for i, a := range c.Args {
		x, err := g.expr(a)
		if err != nil {
			return expr{}, err
		}
		args[i] = x
	}
	arity := func(lo, hi int) error {
		if len(args) < lo || len(args) > hi {
			return refuseCode(c, diag.CodeCompileError, "%s() takes %d to %d arguments", c.Name, lo, hi)
		}
		return nil
	}
	lit := func(i int) (string, error) {
		if args[i].lit == nil {
			return "", refuse(c.Args[i], "%s() needs a literal here to compile to SQL", c.Name)
		}
		return *args[i].lit, nil
	}
	switch c.Name {
	case "like":
		if err := arity(2, 2); err != nil {
			return expr{}, err
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		return g.likeCall(args[0], args[1], c)
	case "match":
		if err := arity(2, 2); err != nil {
			return expr{}, err
		}
		re, err := lit(1)
		if err != nil {
			return expr{}, err
		}
		if err := checkRE(re, c); err != nil {
			return expr{}, err
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		return expr{sql: g.d.partialMatch(g.text(args[0]), re), kind: kBool}, nil
	case "lower", "upper", "len":
		if err := arity(1, 1); err != nil {
			return expr{}, err
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		t := g.text(args[0])
		switch c.Name {
		case "lower":
			return expr{sql: g.d.lower(t), kind: kStr}, nil
		case "upper":
			return expr{sql: g.d.upper(t), kind: kStr}, nil
		}
		return expr{sql: g.d.length(t), kind: kNum}, nil
	case "if":
		if err := arity(3, 3); err != nil {
			return expr{}, err
		}
		return g.caseOf(c, []expr{args[0]}, []expr{args[1]}, &args[2])
	case "case":
		if len(args)%2 != 0 || len(args) == 0 {
			return expr{}, refuseCode(c, diag.CodeCompileError, "case() takes condition/value pairs")
		}
		var conds, vals []expr
		for i := 0; i < len(args); i += 2 {
			conds, vals = append(conds, args[i]), append(vals, args[i+1])
		}
		return g.caseOf(c, conds, vals, nil)
	case "coalesce":
		if len(args) == 0 {
			return expr{}, refuseCode(c, diag.CodeCompileError, "coalesce() needs arguments")
		}
		k, parts, err := g.unify(c, args)
		if err != nil {
			return expr{}, err
		}
		return expr{sql: "coalesce(" + strings.Join(parts, ", ") + ")", kind: k}, nil
	case "isnull", "isnotnull":
		if err := arity(1, 1); err != nil {
			return expr{}, err
		}
		var s string
		switch args[0].kind {
		case kMV:
			s = g.d.listIsNull(args[0].sql)
		case kBool:
			return expr{}, refuse(c, "%s() of a condition does not compile to SQL", c.Name)
		default:
			s = "(" + args[0].sql + " IS NULL)"
		}
		if c.Name == "isnotnull" {
			s = "(NOT " + s + ")"
		}
		return expr{sql: s, kind: kBool}, nil
	case "mvcount":
		if err := arity(1, 1); err != nil {
			return expr{}, err
		}
		switch args[0].kind {
		case kMV:
			return expr{sql: "(CASE WHEN " + g.d.listIsNull(args[0].sql) + " THEN NULL ELSE " + g.d.listLen(args[0].sql) + " END)", kind: kNum}, nil
		case kBool:
			return expr{}, refuse(c, "mvcount() of a condition does not compile to SQL")
		}
		return expr{sql: "(CASE WHEN " + args[0].sql + " IS NULL THEN NULL ELSE 1 END)", kind: kNum}, nil
	case "mvindex", "mvjoin":
		return g.mvCall(c, args)
	case "strftime":
		if err := arity(2, 2); err != nil {
			return expr{}, err
		}
		f, err := lit(1)
		if err != nil {
			return expr{}, err
		}
		if err := checkTimeFormat(f, c); err != nil {
			return expr{}, err
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		n := g.num(args[0])
		return expr{sql: "(CASE WHEN " + n + " IS NULL THEN NULL ELSE " + g.d.strftime(n, f) + " END)", kind: kStr}, nil
	case "replace":
		if err := arity(3, 3); err != nil {
			return expr{}, err
		}
		re, err := lit(1)
		if err != nil {
			return expr{}, err
		}
		repl, err := lit(2)
		if err != nil {
			return expr{}, err
		}
		if err := checkRE(re, c); err != nil {
			return expr{}, err
		}
		if strings.ContainsAny(repl, `\$`) {
			return expr{}, refuse(c, "replace() with back-references does not compile to SQL yet")
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		return expr{sql: g.d.replaceAll(g.text(args[0]), re, repl), kind: kStr}, nil
	case "substr":
		if err := arity(2, 3); err != nil {
			return expr{}, err
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		start, err := lit(1)
		if err != nil || !isPositiveInt(start) {
			return expr{}, refuse(c, "substr() compiles to SQL with a positive literal start only")
		}
		s := g.text(args[0])
		if len(args) == 3 {
			n, err := lit(2)
			if err != nil || !isPositiveInt(n) {
				return expr{}, refuse(c, "substr() compiles to SQL with a positive literal length only")
			}
			return expr{sql: g.d.substr(s, start, n), kind: kStr}, nil
		}
		return expr{sql: g.d.substr(s, start, ""), kind: kStr}, nil
	case "tostring":
		if err := arity(1, 1); err != nil {
			return expr{}, err
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		return expr{sql: g.text(args[0]), kind: kStr}, nil
	case "tonumber":
		if err := arity(1, 1); err != nil {
			return expr{}, err
		}
		if err := scalar(args[0], c); err != nil {
			return expr{}, err
		}
		return expr{sql: g.num(args[0]), kind: kNum}, nil
	case "null":
		return expr{sql: "NULL", kind: kNull}, nil
	case "true", "false":
		return expr{sql: strings.ToUpper(c.Name), kind: kBool}, nil
	}
	return expr{}, refuseCode(c, diag.CodeUnsupportedFunc, "eval function %s() does not compile to SQL yet", c.Name)
}

func isPositiveInt(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	return strings.Trim(s, "0123456789") == ""
}

// checkRE accepts the regular expressions whose meaning RE2 (DuckDB,
// ClickHouse) and PCRE agree on: those Go's regexp (RE2) compiles, without
// Perl's inline case or escapes RE2 reads differently.
func checkRE(re string, n ast.Node) error {
	if strings.Contains(re, "(?<") && !strings.Contains(re, "(?<=") && !strings.Contains(re, "(?<!") {
		return refuse(n, "regular expression %q: named groups (?<name>...) are not RE2 syntax everywhere", re)
	}
	if _, err := regexp.Compile(re); err != nil {
		return refuse(n, "regular expression %q is not RE2 syntax, which SQL engines use: %v", re, err)
	}
	return nil
}

// checkTimeFormat accepts formats whose conversions both dialects spell as
// Splunk does.
func checkTimeFormat(f string, n ast.Node) error {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		if i+1 >= len(f) || !strings.ContainsRune("YmdHMS%", rune(f[i+1])) {
			return refuse(n, "time format %q: only %%Y %%m %%d %%H %%M %%S compile to SQL yet", f)
		}
		i++
	}
	return nil
}

// likeCall is like(x, pattern) with a literal pattern: SQL LIKE,
// case-sensitive, '\' escaping; null for null.
func (g *gen) likeCall(x, p expr, n ast.Node) (expr, error) {
	if p.lit == nil {
		return expr{}, refuse(n, "LIKE with a pattern that is not a literal does not compile to SQL yet")
	}
	if x.kind == kNull {
		return expr{sql: g.d.nullBool(), kind: kBool}, nil
	}
	pat := *p.lit
	if strings.HasSuffix(pat, `\`) && !strings.HasSuffix(pat, `\\`) {
		return expr{}, refuse(n, "LIKE pattern ending in a lone backslash does not compile to SQL")
	}
	t := g.text(x)
	if g.d == ClickHouse {
		return expr{sql: "like(" + t + ", " + g.d.str(pat) + ")", kind: kBool}, nil
	}
	return expr{sql: "(" + t + " LIKE " + g.d.str(pat) + " ESCAPE '\\')", kind: kBool}, nil
}

// unify renders values of possibly different kinds as one kind: numbers
// when all are numbers, else their text.
func (g *gen) unify(n ast.Node, xs []expr) (kind, []string, error) {
	k := kNull
	for _, x := range xs {
		switch x.kind {
		case kBool:
			return 0, nil, refuse(n, "a condition as a value does not compile to SQL")
		case kMV:
			return 0, nil, refuse(n, "a multivalue here does not compile to SQL yet")
		case kNull:
		case kNum:
			if k == kNull {
				k = kNum
			}
		default:
			k = kStr
		}
	}
	parts := make([]string, len(xs))
	for i, x := range xs {
		switch {
		case x.kind == kNull:
			parts[i] = "NULL"
		case k == kStr:
			parts[i] = g.text(x)
		default:
			parts[i] = x.sql
		}
	}
	if k == kNull {
		k = kStr
	}
	return k, parts, nil
}

// caseOf is CASE over conditions (a non-boolean condition is false, as a
// null one) with the values unified; the else value is null when absent.
func (g *gen) caseOf(n ast.Node, conds, vals []expr, els *expr) (expr, error) {
	all := vals
	if els != nil {
		all = append(append([]expr(nil), vals...), *els)
	}
	k, parts, err := g.unify(n, all)
	if err != nil {
		return expr{}, err
	}
	var b strings.Builder
	b.WriteString("(CASE")
	for i, c := range conds {
		b.WriteString(" WHEN " + g.boolOf(c) + " THEN " + parts[i])
	}
	if els != nil {
		b.WriteString(" ELSE " + parts[len(parts)-1])
	}
	b.WriteString(" END)")
	return expr{sql: b.String(), kind: k}, nil
}
