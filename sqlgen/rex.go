package sqlgen

import (
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// rex compiles `rex [field=f] "regex"` (max_match=1) as the interpreter
// runs it (eval/cmd_rex.go): when the regex matches f's value, each named
// group sets its field; a row whose f is null or does not match keeps its
// values. A group that does not take part in a match leaves its field as
// it was, which SQL's regexp_extract cannot tell from an empty match, so
// only regexes whose named groups take part in every match compile.
func (g *gen) rex(c *ast.RexCommand) error {
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "field":
		case "max_match":
			if o.Value.Value() != "1" {
				return refuse(o, "rex max_match=%s does not compile to SQL yet", o.Value.Value())
			}
		default:
			return refuse(o, "rex %s= does not compile to SQL yet", o.Key)
		}
	}
	re := strings.ReplaceAll(c.Regex.Value(), "(?<", "(?P<")
	re = strings.ReplaceAll(re, "(?P<=", "(?<=")
	re = strings.ReplaceAll(re, "(?P<!", "(?<!")
	rx, err := regexp.Compile(re)
	if err != nil {
		return refuse(c, "rex regular expression is not RE2 syntax, which SQL engines use: %v", err)
	}
	tree, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return refuse(c, "rex regular expression: %v", err)
	}
	mandatory := map[string]bool{}
	collectMandatory(tree, mandatory)
	x := g.field(c.Field())
	switch x.kind {
	case kMV:
		return refuse(c, "rex on the multivalue field %s does not compile to SQL yet", c.Field())
	case kNull:
		return nil // no row has the field: nothing changes
	}
	s := g.text(x)
	matches := "coalesce(" + g.d.partialMatch(s, re) + ", FALSE)"
	cols := append([]column(nil), g.cols...)
	exprs := map[string]string{}
	named := 0
	for i, name := range rx.SubexpNames() {
		if name == "" {
			continue
		}
		named++
		if strings.HasPrefix(name, "_KEY_") || strings.HasPrefix(name, "_VAL_") {
			return refuse(c, "rex _KEY_/_VAL_ groups do not compile to SQL")
		}
		if !mandatory[name] {
			return refuse(c, "rex group %s may not take part in a match (optional or in an alternative); SQL cannot tell that from an empty match", name)
		}
		if _, dup := exprs[name]; dup {
			return refuse(c, "rex group %s is named twice", name)
		}
		old := "NULL"
		if j := indexCol(cols, name); j >= 0 {
			if cols[j].kind == kMV {
				return refuse(c, "rex into the multivalue field %s does not compile to SQL yet", name)
			}
			old = g.text(g.ref(cols[j]))
			cols[j].kind = kStr
		} else {
			cols = append(cols, column{name: name, kind: kStr})
		}
		exprs[name] = "(CASE WHEN " + matches + " THEN " + g.d.extract(s, re, i) + " ELSE " + old + " END)"
	}
	if named == 0 {
		return refuse(c, "rex without named groups extracts nothing")
	}
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].name
	}
	if err := uniqueNames(names, c); err != nil {
		return err
	}
	g.project(cols, exprs)
	return nil
}

// collectMandatory records the named groups that take part in every match
// of re: reached from the root through concatenations, groups and
// repetitions of at least one.
func collectMandatory(re *syntax.Regexp, out map[string]bool) {
	switch re.Op {
	case syntax.OpCapture:
		if re.Name != "" {
			out[re.Name] = true
		}
		for _, s := range re.Sub {
			collectMandatory(s, out)
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			collectMandatory(s, out)
		}
	case syntax.OpPlus:
		collectMandatory(re.Sub[0], out)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			collectMandatory(re.Sub[0], out)
		}
	}
}
