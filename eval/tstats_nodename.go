package eval

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// nodenameCond compiles tstats' `where nodename=Root.Child...`: it selects
// a child dataset, which adds the constraints of each dataset on the path
// (cim.Dataset.Node) to the where clause [D S-tstats]. Constraints are
// search text over the dataset's unprefixed fields; the ones the CIM uses
// for children are conjunctions of field=value terms (action="failure"),
// which are compiled here. Constraints on tags (tag=privileged) need a tag
// column tables do not have yet: "unsupported".
func nodenameCond(ds *cim.Dataset, cmp *ast.SearchCompare, e *errs) *cond {
	node := cmp.Value.Value()
	if cmp.Op != ast.OpEq {
		e.addf(cmp.Loc, "nodename must be compared with =")
		return nil
	}
	chain, ok := ds.Node(node)
	if !ok {
		e.addf(cmp.Loc, "unknown node %q of data model dataset %s", node, ds.FullName())
		return nil
	}
	c := &cond{op: condAnd, span: cmp.Loc}
	for _, child := range chain {
		terms, ok := ConstraintTerms(child.Constraint)
		if !ok {
			e.unsupported(cmp.Loc, "node %s: its constraint %q is not supported yet", child.Name, child.Constraint)
			return nil
		}
		for _, t := range terms {
			c.kids = append(c.kids, &cond{op: condLeaf, span: cmp.Loc,
				leaf: &leaf{field: t[0], pats: []*glob.Search{glob.CompileSearch(t[1])}}})
		}
	}
	return simplify(c)
}

// ConstraintTerms splits a data-model constraint made only of field=value terms
// (values optionally double-quoted) into [field, value] pairs; ok is false
// for anything else (OR, NOT, parentheses, tags, bare terms).
func ConstraintTerms(s string) (terms [][2]string, ok bool) {
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return nil, false
		}
		field := s[:eq]
		if strings.ContainsAny(field, " ()\"!") || field == "tag" || field == "eventtype" {
			return nil, false
		}
		rest := s[eq+1:]
		var value string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, false
			}
			value, s = rest[1:1+end], rest[2+end:]
		} else {
			end := strings.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			value, s = rest[:end], rest[end:]
		}
		if strings.ContainsAny(value, "()") {
			return nil, false
		}
		terms = append(terms, [2]string{field, value})
	}
	return terms, len(terms) > 0
}
