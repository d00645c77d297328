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
// outputs are all set. Outputs are multivalue columns (lists). DuckDB
// computes each output with a correlated subquery (lookupCorrelated),
// ClickHouse with a join (lookupJoin).
func (g *gen) lookup(c *ast.LookupCommand) error {
	p, err := g.planLookup(c)
	if err != nil {
		return err
	}
	cols := append([]column(nil), g.cols...)
	for _, f := range p.outs {
		name := f.Name()
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
	if g.d == ClickHouse {
		return g.lookupJoin(c, p, cols)
	}
	return g.lookupCorrelated(c, p, cols)
}

// lookupPlan is a lookup command resolved against its definition.
type lookupPlan struct {
	def eval.LookupDef
	// inputs are the lookup fields matched and the row values (m.) they
	// match; a null value (kNull) means no row has the field.
	inputs []lookupInput
	outs   []ast.LookupField // the outputs, every non-input field when none are named
	maxN   int
	outNew bool
}

type lookupInput struct {
	field string // the lookup's field
	name  string // the rows' field
	x     expr
}

// planLookup resolves the lookup's table, inputs and outputs, refusing
// what does not compile for the dialect.
func (g *gen) planLookup(c *ast.LookupCommand) (*lookupPlan, error) {
	if g.lookups == nil {
		return nil, refuse(c, "lookup %s: no lookup definitions were given to the SQL generator", c.Table)
	}
	t, err := g.lookups.Lookup(c.Table)
	if err != nil {
		code := diag.CodeRuntimeError
		if errors.Is(err, eval.ErrLookupUnavailable) || errors.Is(err, eval.ErrLookupNotFound) {
			code = diag.CodeRefused
		}
		return nil, refuseCode(c, code, "lookup %s: %v", c.Table, err)
	}
	p := &lookupPlan{def: t.Def(), outNew: strings.EqualFold(c.Mode, "OUTPUTNEW")}
	tcols := t.Columns()
	has := func(name string) bool { return indexStr(tcols, name) >= 0 }
	isInput := map[string]bool{}
	for _, f := range c.Fields {
		if !has(f.Field) {
			return nil, refuseCode(f, diag.CodeRuntimeError, "lookup %s has no field %q", c.Table, f.Field)
		}
		isInput[f.Field] = true
		x := g.outer(f.Name())
		if x.kind == kMV {
			return nil, refuse(f, "lookup with the multivalue input %s does not compile to SQL yet", f.Name())
		}
		p.inputs = append(p.inputs, lookupInput{field: f.Field, name: f.Name(), x: x})
		if x.kind == kNull {
			continue // matches nothing, whatever the match type
		}
		switch mt := p.def.MatchTypes[f.Field]; {
		case mt == eval.MatchExact:
		case mt == eval.MatchWildcard:
		default:
			return nil, refuse(f, "lookup %s: CIDR matching does not compile to SQL yet", c.Table)
		}
	}
	p.outs = c.Outputs
	if c.Mode == "" {
		p.outs = nil
		for _, col := range tcols {
			if !isInput[col] {
				p.outs = append(p.outs, ast.LookupField{Field: col})
			}
		}
	}
	for _, f := range p.outs {
		if !has(f.Field) {
			return nil, refuseCode(f, diag.CodeRuntimeError, "lookup %s has no field %q", c.Table, f.Field)
		}
	}
	p.maxN = p.def.MaxMatches
	if p.maxN <= 0 {
		p.maxN = eval.DefaultMaxMatches
	}
	return p, nil
}

// fold is s case-folded when the lookup matches without case.
func (g *gen) fold(p *lookupPlan, s string) string {
	if p.def.CaseInsensitive {
		return g.d.lower(s)
	}
	return s
}

// oldList is the current value of output name as a list (m.).
func (g *gen) oldList(name string) string {
	old := g.outer(name)
	switch old.kind {
	case kMV:
		return old.sql
	case kNull:
		return g.d.nullList()
	}
	return g.d.scalarList(g.text(old))
}

// lookupCorrelated is DuckDB's lookup: each output a correlated subquery
// over the lookup's table.
func (g *gen) lookupCorrelated(c *ast.LookupCommand, p *lookupPlan, cols []column) error {
	def := p.def
	var conds, missing []string
	for _, in := range p.inputs {
		x := in.x
		if x.kind == kNull {
			missing = append(missing, "TRUE")
			continue
		}
		missing = append(missing, x.sql+" IS NULL")
		lc := "l." + g.d.ident(in.field)
		switch def.MatchTypes[in.field] {
		case eval.MatchExact:
			conds = append(conds, g.fold(p, lc)+" = "+g.fold(p, g.text(x)))
		case eval.MatchWildcard:
			pat := "replace(replace(replace(replace(" + g.fold(p, lc) + `, '\', '\\'), '%', '\%'), '_', '\_'), '*', '%')`
			conds = append(conds, "("+g.fold(p, g.text(x))+" LIKE "+pat+" ESCAPE '\\')")
		}
	}
	exprs := map[string]string{}
	var allSet []string
	for _, f := range p.outs {
		if i := g.find(f.Name()); i >= 0 {
			allSet = append(allSet, "m."+g.d.ident(f.Name())+" IS NOT NULL")
		} else {
			allSet = append(allSet, "FALSE")
		}
	}
	for _, f := range p.outs {
		name := f.Name()
		oldList := g.oldList(name)
		v := "l." + g.d.ident(f.Field)
		where := strings.Join(append([]string{"TRUE"}, conds...), " AND ")
		matched := "(SELECT " + v + " AS v, l._seq FROM " + g.d.ident(LookupTable(c.Table)) + " l WHERE " + where + " ORDER BY l._seq LIMIT " + itoa(p.maxN) + ")"
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
		if p.outNew {
			e += " WHEN " + strings.Join(allSet, " AND ") + " THEN " + oldList +
				" WHEN " + oldList + " IS NOT NULL THEN " + oldList
		}
		e += " ELSE " + lookedUp + " END"
		exprs[name] = e
	}
	g.lookupProject(cols, exprs)
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
