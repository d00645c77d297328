package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// lookupJoin is lookup for ClickHouse, which has no correlated subqueries
// before 20.x and joins on equalities only: the rows (m) LEFT JOIN the
// lookup's rows (l) on the inputs' text (folded when the lookup ignores
// case), the lookup's rows cut to its first max_matches per key in file
// order (LIMIT BY), then one row again per row of m (GROUP BY its order
// column) with the matches collected as (_seq, output values...) tuples;
// each output is the list of the matches' non-null values in file order,
// padded with default_match up to min_matches. A lookup row lacking an
// input matches nothing, as a row lacking one (which keeps its values).
// Only exact matching compiles (planLookup refuses the others).
func (g *gen) lookupJoin(c *ast.LookupCommand, p *lookupPlan, cols []column) error {
	var missing []string
	never := false
	for _, in := range p.inputs {
		if in.x.kind == kNull {
			never = true
			continue
		}
		missing = append(missing, in.x.sql+" IS NULL")
	}
	if never || len(p.inputs) == 0 || len(p.outs) == 0 {
		// No row has an input (or there is nothing to write): every row
		// keeps its values, as lists.
		exprs := map[string]string{}
		for _, f := range p.outs {
			exprs[f.Name()] = g.oldList(f.Name())
		}
		g.lookupProject(cols, exprs)
		return nil
	}
	keys := make([]string, len(p.inputs))
	var mkeys, lkeys, lconds, on []string
	for i, in := range p.inputs {
		keys[i] = "__lk" + itoa(i)
		x := g.field(in.name) // unqualified inside the subquery
		mkeys = append(mkeys, g.fold(p, g.text(x))+" AS "+keys[i])
		lc := g.d.ident(in.field)
		lkeys = append(lkeys, g.fold(p, lc)+" AS "+keys[i])
		lconds = append(lconds, lc+" IS NOT NULL")
		on = append(on, "m."+keys[i]+" = l."+keys[i])
	}
	lsel := []string{g.d.ident(seqField) + " AS __ls"}
	tup := []string{"l.__ls"}
	for i, f := range p.outs {
		lsel = append(lsel, g.d.ident(f.Field)+" AS __lo"+itoa(i))
		tup = append(tup, "l.__lo"+itoa(i))
	}
	lsel = append(lsel, lkeys...)
	right := "SELECT " + strings.Join(lsel, ", ") + " FROM " + g.d.ident(LookupTable(c.Table)) +
		" WHERE " + strings.Join(lconds, " AND ") + " ORDER BY " + g.d.ident(seqField) +
		" LIMIT " + itoa(p.maxN) + " BY " + strings.Join(keys, ", ")
	left := "SELECT *, " + strings.Join(mkeys, ", ") + " FROM " + g.cur
	var inner, outer []string
	for i, col := range g.cols {
		a := "__a" + itoa(i)
		inner = append(inner, "any(m."+g.d.ident(col.name)+") AS "+a)
		outer = append(outer, a+" AS "+g.d.ident(col.name))
	}
	inner = append(inner, "groupArrayIf(tuple("+strings.Join(tup, ", ")+"), isNotNull(l.__ls)) AS __am", "m."+ordCol+" AS __ar")
	outer = append(outer, "__am AS __lm", "__ar AS "+ordCol)
	g.push("SELECT "+strings.Join(outer, ", ")+" FROM (SELECT "+strings.Join(inner, ", ")+
		" FROM ("+left+") m LEFT JOIN ("+right+") l ON "+strings.Join(on, " AND ")+" GROUP BY m."+ordCol+")", g.cols)

	def := p.def
	exprs := map[string]string{}
	for i, f := range p.outs {
		name := f.Name()
		oldList := g.oldList(name)
		elem := "tupleElement(__t, " + itoa(i+2) + ")"
		vals := "arrayMap(__t -> assumeNotNull(" + elem + "), arrayFilter(__t -> isNotNull(" + elem + "), arraySort(m.__lm)))"
		if def.MinMatches > 0 && def.DefaultMatch != "" {
			vals = "arrayConcat(" + vals + ", arrayResize(emptyArrayString(), toUInt64(greatest(" + itoa(def.MinMatches) +
				" - toInt64(length(m.__lm)), 0)), " + g.d.str(def.DefaultMatch) + "))"
		}
		e := "CASE WHEN " + strings.Join(missing, " OR ") + " THEN " + oldList
		if p.outNew {
			e += " WHEN notEmpty(" + oldList + ") THEN " + oldList
		}
		exprs[name] = e + " ELSE " + vals + " END"
	}
	g.lookupProject(cols, exprs)
	return nil
}

// lookupProject is the stage of the rows (m) with the outputs computed
// (exprs) and the columns cols.
func (g *gen) lookupProject(cols []column, exprs map[string]string) {
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
}
