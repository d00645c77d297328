package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/eval"
)

// lookupJoin is lookup for ClickHouse, which has no correlated subqueries
// before 20.x and joins on equalities only. A first stage (lookupEqui or
// lookupCross) gives each row its first max_matches matching lookup rows
// in file order as (_seq, output values...) tuples (column __lm); each
// output is then the list of the matches' non-null values, padded with
// default_match up to min_matches. A lookup row lacking an input matches
// nothing; a row lacking one keeps its values.
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
	if p.wildcard() {
		g.lookupCross(c, p)
	} else {
		g.lookupEqui(c, p)
	}

	def := p.def
	exprs := map[string]string{}
	for i, f := range p.outs {
		name := f.Name()
		oldList := g.oldList(name)
		elem := "tupleElement(__t, " + itoa(i+2) + ")"
		vals := "arrayMap(__t -> assumeNotNull(" + elem + "), arrayFilter(__t -> isNotNull(" + elem + "), m.__lm))"
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

// wildcard reports whether an input the rows have matches WILDCARD.
func (p *lookupPlan) wildcard() bool {
	for _, in := range p.inputs {
		if in.x.kind != kNull && p.def.MatchTypes[in.field] == eval.MatchWildcard {
			return true
		}
	}
	return false
}

// lookupKey is input i's text in the rows, folded when the lookup ignores
// case (unqualified, for a subquery over the current stage).
func (g *gen) lookupKey(p *lookupPlan, in lookupInput) string {
	return g.fold(p, g.text(g.field(in.name)))
}

// lookupEqui is the first stage of lookupJoin for exact matching: the rows
// (m) LEFT JOIN the lookup's rows (l) on the inputs' text, the lookup's
// rows cut to the first max_matches per key (LIMIT BY), then one row
// again per row of m (GROUP BY its order column) with the matches
// collected. (The right side of the join holds no arrays: 18.16 cannot
// make them Nullable for join_use_nulls.)
func (g *gen) lookupEqui(c *ast.LookupCommand, p *lookupPlan) {
	keys := make([]string, len(p.inputs))
	var mkeys, lkeys, lconds, on []string
	for i, in := range p.inputs {
		keys[i] = "__lk" + itoa(i)
		mkeys = append(mkeys, g.lookupKey(p, in)+" AS "+keys[i])
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
	g.lookupCollect(p, "m.", "("+left+") m LEFT JOIN ("+right+") l ON "+strings.Join(on, " AND "),
		"tuple("+strings.Join(tup, ", ")+")", "isNotNull(l.__ls)")
}

// lookupCollect pushes the stage of one row per row of the current stage
// read from from (its columns qualified by q): the columns and __lm, the
// first max_matches of the tuples tup where cond holds, in file order.
func (g *gen) lookupCollect(p *lookupPlan, q, from, tup, cond string) {
	var inner, outer []string
	for i, col := range g.cols {
		a := "__a" + itoa(i)
		inner = append(inner, "any("+q+g.d.ident(col.name)+") AS "+a)
		outer = append(outer, a+" AS "+g.d.ident(col.name))
	}
	inner = append(inner, "groupArrayIf("+tup+", "+cond+") AS __am", q+ordCol+" AS __ar")
	outer = append(outer, "arraySlice(arraySort(__am), 1, "+itoa(p.maxN)+") AS __lm", "__ar AS "+ordCol)
	g.push("SELECT "+strings.Join(outer, ", ")+" FROM (SELECT "+strings.Join(inner, ", ")+
		" FROM "+from+" GROUP BY "+q+ordCol+")", g.cols)
}

// maxWildcardPieces bounds the '*' of a WILDCARD lookup value ClickHouse
// matches: the pieces between the first and last '*' are looked for one
// after the other, one subquery each (18.16 has no loops over arrays).
// A value with more makes the query fail (throwIf) rather than match
// wrongly.
const maxWildcardPieces = 8

// lookupCross is the first stage of lookupJoin when an input matches
// WILDCARD (18.16 matches like and match against constant patterns only):
// every row (m) with every lookup row (l), plus one row of nulls so that
// rows without a match stay, the lookup's values split at '*' and
// matched as internal/glob does (the first piece a prefix, the last a
// suffix, the others found in order, leftmost first, between them), then
// one row again per row of m with the matching lookup rows collected.
func (g *gen) lookupCross(c *ast.LookupCommand, p *lookupPlan) {
	var mkeys, lsel, nulls, lconds, conds, head []string
	lsel = append(lsel, "toNullable("+g.d.ident(seqField)+") AS __ls")
	nulls = append(nulls, "CAST(NULL AS Nullable(Int64)) AS __ls")
	tup := []string{"__ls"}
	for i, f := range p.outs {
		lsel = append(lsel, g.d.ident(f.Field)+" AS __lo"+itoa(i))
		nulls = append(nulls, "CAST(NULL AS Nullable(String)) AS __lo"+itoa(i))
		tup = append(tup, "__lo"+itoa(i))
	}
	var wild []string // the suffix of each wildcard input's columns
	for i, in := range p.inputs {
		n := itoa(i)
		lc := g.d.ident(in.field)
		lconds = append(lconds, lc+" IS NOT NULL")
		if p.def.MatchTypes[in.field] != eval.MatchWildcard {
			mkeys = append(mkeys, g.lookupKey(p, in)+" AS __lk"+n)
			lsel = append(lsel, g.fold(p, lc)+" AS __lp"+n)
			nulls = append(nulls, "CAST(NULL AS Nullable(String)) AS __lp"+n)
			conds = append(conds, "__lk"+n+" = __lp"+n)
			continue
		}
		wild = append(wild, n)
		mkeys = append(mkeys, "ifNull("+g.lookupKey(p, in)+", '') AS __lk"+n)
		lsel = append(lsel, "splitByChar('*', "+g.fold(p, "assumeNotNull("+lc+")")+") AS __lg"+n)
		nulls = append(nulls, "emptyArrayString() AS __lg"+n)
		lconds = append(lconds, "throwIf(length(splitByChar('*', assumeNotNull("+lc+"))) > "+itoa(maxWildcardPieces+2)+") = 0")
		x, parts := "__lk"+n, "__lg"+n
		first, last := parts+"[1]", parts+"[length("+parts+")]"
		head = append(head,
			"(length("+x+") >= length("+first+") + length("+last+") AND startsWith("+x+", "+first+") AND endsWith("+x+", "+last+")) AS __wk"+n,
			"substring("+x+", length("+first+") + 1, toUInt64(greatest(toInt64(length("+x+")) - toInt64(length("+first+")) - toInt64(length("+last+")), 0))) AS __wy"+n,
			"toInt64(1) AS __wo"+n+"_0")
		conds = append(conds, "if(length("+parts+") = 1, "+x+" = "+first+", __wk"+n+" AND __wo"+n+"_"+itoa(maxWildcardPieces)+" != 0)")
	}
	lookup := g.d.ident(LookupTable(c.Table))
	right := "SELECT " + strings.Join(lsel, ", ") + " FROM " + lookup + " WHERE " + strings.Join(lconds, " AND ") +
		" UNION ALL SELECT " + strings.Join(nulls, ", ")
	left := "SELECT *, " + strings.Join(mkeys, ", ") + " FROM " + g.cur
	from := "SELECT *, " + strings.Join(head, ", ") + " FROM (" + left + ") m CROSS JOIN (" + right + ") l"
	for j := 1; j <= maxWildcardPieces; j++ {
		var step []string
		for _, n := range wild {
			prev, parts := "__wo"+n+"_"+itoa(j-1), "__lg"+n
			piece := "if(length(" + parts + ") - 2 >= " + itoa(j) + ", " + parts + "[" + itoa(j+1) + "], '')"
			at := "toInt64(position(substring(__wy" + n + ", " + prev + "), " + piece + "))"
			step = append(step, "if("+piece+" = '', "+prev+", if("+prev+" = 0 OR "+at+" = 0, 0, "+prev+" + "+at+" - 1 + toInt64(length("+piece+")))) AS __wo"+n+"_"+itoa(j))
		}
		from = "SELECT *, " + strings.Join(step, ", ") + " FROM (" + from + ")"
	}
	cond := "isNotNull(__ls)"
	for _, k := range conds {
		cond += " AND ifNull(" + k + ", 0)"
	}
	g.lookupCollect(p, "", "("+from+")", "tuple("+strings.Join(tup, ", ")+")", cond)
}
