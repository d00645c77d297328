package sqlgen

import (
	"errors"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
)

// LookupTable is the SQL table holding lookup name: "lookup:" and the name
// as the search writes it. Columns: _seq BIGINT (file order), then every
// CSV column as VARCHAR, empty cells null.
func LookupTable(name string) string { return "lookup:" + name }

// lookup compiles `lookup table in [AS f]... [OUTPUT|OUTPUTNEW out [AS
// f]...]` as the interpreter runs it (eval/cmd_lookup.go): a row lacking
// an input keeps its values; the matching lookup rows (every input
// matching: exact, or WILDCARD per the definition, case-insensitively when
// case_sensitive_match=false), at most max_matches in file order, give
// each output the list of their non-empty values, padded with
// default_match up to min_matches; OUTPUT overwrites (with null when
// nothing matched), OUTPUTNEW writes only null fields and skips rows whose
// outputs are all set. Outputs are multivalue columns (lists).
func (g *gen) lookup(c *ast.LookupCommand) error {
	if g.d != DuckDB {
		return refuse(c, "lookup compiles to SQL for DuckDB only (it needs correlated subqueries)")
	}
	if g.lookups == nil {
		return refuse(c, "lookup %s: no lookup definitions were given to the SQL generator", c.Table)
	}
	t, err := g.lookups.Lookup(c.Table)
	if err != nil {
		code := diag.CodeRuntimeError
		if errors.Is(err, eval.ErrLookupUnavailable) || errors.Is(err, eval.ErrLookupNotFound) {
			code = diag.CodeRefused
		}
		return refuseCode(c, code, "lookup %s: %v", c.Table, err)
	}
	def := t.Def()
	tcols := t.Columns()
	has := func(name string) bool { return indexStr(tcols, name) >= 0 }
	fold := func(s string) string {
		if def.CaseInsensitive {
			return g.d.lower(s)
		}
		return s
	}
	var conds, missing []string
	isInput := map[string]bool{}
	for _, f := range c.Fields {
		if !has(f.Field) {
			return refuseCode(f, diag.CodeRuntimeError, "lookup %s has no field %q", c.Table, f.Field)
		}
		isInput[f.Field] = true
		x := g.outer(f.Name())
		switch x.kind {
		case kMV:
			return refuse(f, "lookup with the multivalue input %s does not compile to SQL yet", f.Name())
		case kNull:
			missing = append(missing, "TRUE")
			continue
		}
		missing = append(missing, x.sql+" IS NULL")
		lc := "l." + g.d.ident(f.Field)
		switch def.MatchTypes[f.Field] {
		case eval.MatchExact:
			conds = append(conds, fold(lc)+" = "+fold(g.text(x)))
		case eval.MatchWildcard:
			pat := "replace(replace(replace(replace(" + fold(lc) + `, '\', '\\'), '%', '\%'), '_', '\_'), '*', '%')`
			conds = append(conds, "("+fold(g.text(x))+" LIKE "+pat+" ESCAPE '\\')")
		default:
			return refuse(f, "lookup %s: CIDR matching does not compile to SQL yet", c.Table)
		}
	}
	outs := c.Outputs
	if c.Mode == "" {
		outs = nil
		for _, col := range tcols {
			if !isInput[col] {
				outs = append(outs, ast.LookupField{Field: col})
			}
		}
	}
	maxN := def.MaxMatches
	if maxN <= 0 {
		maxN = eval.DefaultMaxMatches
	}
	outNew := strings.EqualFold(c.Mode, "OUTPUTNEW")
	cols := append([]column(nil), g.cols...)
	exprs := map[string]string{}
	var allSet []string
	for _, f := range outs {
		if i := g.find(f.Name()); i >= 0 {
			allSet = append(allSet, "m."+g.d.ident(f.Name())+" IS NOT NULL")
		} else {
			allSet = append(allSet, "FALSE")
		}
	}
	for _, f := range outs {
		if !has(f.Field) {
			return refuseCode(f, diag.CodeRuntimeError, "lookup %s has no field %q", c.Table, f.Field)
		}
		name := f.Name()
		old := g.outer(name)
		oldList := "CAST(NULL AS VARCHAR[])"
		switch old.kind {
		case kMV:
			oldList = old.sql
		case kNull:
		default:
			oldList = "CASE WHEN " + old.sql + " IS NULL THEN NULL ELSE [" + g.text(old) + "] END"
		}
		v := "l." + g.d.ident(f.Field)
		where := strings.Join(append([]string{"TRUE"}, conds...), " AND ")
		matched := "(SELECT " + v + " AS v, l._seq FROM " + g.d.ident(LookupTable(c.Table)) + " l WHERE " + where + " ORDER BY l._seq LIMIT " + itoa(maxN) + ")"
		vals := "list(v ORDER BY _seq) FILTER (WHERE v IS NOT NULL)"
		if def.MinMatches > 0 && def.DefaultMatch != "" {
			defaults := make([]string, def.MinMatches)
			for i := range defaults {
				defaults[i] = g.d.str(def.DefaultMatch)
			}
			vals = "list_concat(coalesce(" + vals + ", []), CASE WHEN count(*) < " + itoa(def.MinMatches) +
				" THEN list_slice([" + strings.Join(defaults, ", ") + "], 1, " + itoa(def.MinMatches) + " - count(*)) ELSE [] END)"
		}
		lookedUp := "(SELECT CASE WHEN len(x) = 0 THEN NULL ELSE x END FROM (SELECT " + vals + " AS x FROM " + matched + "))"
		e := "CASE WHEN " + strings.Join(missing, " OR ") + " THEN " + oldList
		if outNew {
			e += " WHEN " + strings.Join(allSet, " AND ") + " THEN " + oldList +
				" WHEN " + oldList + " IS NOT NULL THEN " + oldList
		}
		e += " ELSE " + lookedUp + " END"
		exprs[name] = e
		if j := indexCol(cols, name); j >= 0 {
			cols[j].kind = kMV
		} else {
			cols = append(cols, column{name: name, kind: kMV})
		}
	}
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].name
	}
	if err := uniqueNames(names, c); err != nil {
		return err
	}
	g.lookupsUsed = append(g.lookupsUsed, c.Table)
	sel := make([]string, 0, len(cols)+1)
	for _, col := range cols {
		if e, ok := exprs[col.name]; ok {
			sel = append(sel, e+" AS "+g.d.ident(col.name))
		} else {
			sel = append(sel, "m."+g.d.ident(col.name))
		}
	}
	sel = append(sel, "m."+ordCol)
	g.push("SELECT "+strings.Join(sel, ", ")+" FROM "+g.cur+" m", cols)
	return nil
}

// outer reads a field of the current stage qualified by the alias m, for
// use inside correlated subqueries.
func (g *gen) outer(name string) expr {
	x := g.field(name)
	if x.kind != kNull {
		x.sql = "m." + x.sql
	}
	return x
}

func indexStr(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}
