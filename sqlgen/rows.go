package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// eval assigns left to right; each assignment sees the earlier ones.
func (g *gen) eval(c *ast.EvalCommand) error {
	for _, a := range c.Assignments {
		if strings.ContainsAny(a.Field, "{}") {
			return refuse(a, "eval into a field named by a value ({f}) does not compile to SQL")
		}
		x, err := g.expr(a.Expr)
		if err != nil {
			return err
		}
		if x.kind == kBool {
			return refuseCode(a, diag.CodeCompileError, "eval cannot assign a condition to %s", a.Field)
		}
		k := x.kind
		if k == kNull {
			k, x.sql = kStr, "CAST(NULL AS "+g.d.textType()+")"
		}
		cols := append([]column(nil), g.cols...)
		if i := indexCol(cols, a.Field); i >= 0 {
			cols[i].kind = k
		} else {
			cols = append(cols, column{name: a.Field, kind: k})
		}
		names := make([]string, len(cols))
		for i := range cols {
			names[i] = cols[i].name
		}
		if err := uniqueNames(names, a); err != nil {
			return err
		}
		g.project(cols, map[string]string{a.Field: x.sql})
	}
	return nil
}

// where keeps the rows for which the expression is true.
func (g *gen) where(c *ast.WhereCommand) error {
	x, err := g.expr(c.Expr)
	if err != nil {
		return err
	}
	if x.kind != kBool {
		return refuse(c, "where over a value that is not a condition does not compile to SQL")
	}
	g.filter("coalesce(" + x.sql + ", FALSE)")
	return nil
}

func (g *gen) filter(cond string) {
	g.push("SELECT "+g.selectList(g.cols, nil)+" FROM "+g.cur+" WHERE "+cond, g.cols)
}

// search filters result rows with search syntax.
func (g *gen) search(c *ast.SearchCommand) error {
	if c.Expr == nil {
		return nil
	}
	env := condEnv{field: func(name string, _ ast.Node) (expr, error) { return g.field(name), nil }}
	if g.open {
		env.term = func(t *ast.SearchTerm) (string, error) { return g.termMatch(t.Value.Value(), t) }
	}
	s, err := g.cond(c.Expr, env)
	if err != nil {
		return err
	}
	g.filter(s)
	return nil
}

// convert supports ctime(): epoch seconds to text in the time format
// (default %m/%d/%Y %H:%M:%S, UTC), fractions truncated; a value that is
// not a number is left as it is.
func (g *gen) convert(c *ast.ConvertCommand) error {
	format := "%m/%d/%Y %H:%M:%S"
	if c.TimeFormat != nil {
		format = c.TimeFormat.Value()
	}
	cols := append([]column(nil), g.cols...)
	exprs := map[string]string{}
	for _, v := range c.Conversions {
		if v.Func != "ctime" {
			return refuseCode(v, diag.CodeUnsupportedFunc, "convert %s() does not compile to SQL yet", v.Func)
		}
		if err := checkTimeFormat(format, v); err != nil {
			return err
		}
		from := glob.New(v.Field)
		for i := 0; i < len(cols); i++ {
			caps, ok := from.Capture(cols[i].name)
			if !ok {
				continue
			}
			src := cols[i]
			if _, done := exprs[src.name]; done {
				return refuse(v, "converting %s twice in one convert does not compile to SQL", src.name)
			}
			x := g.ref(src)
			if x.kind == kMV {
				return refuse(v, "convert on the multivalue field %s does not compile to SQL yet", src.name)
			}
			n := g.num(x)
			e := "(CASE WHEN " + n + " IS NULL THEN " + g.text(x) + " ELSE " + g.d.strftime(n, format) + " END)"
			out := src.name
			if v.As != "" {
				out = glob.New(v.As).Expand(caps)
			}
			if j := indexCol(cols, out); j >= 0 {
				cols[j].kind = kStr
			} else {
				cols = append(cols, column{name: out, kind: kStr})
			}
			exprs[out] = e
		}
	}
	g.project(cols, exprs)
	return nil
}

// statsParts compiles the by-fields and aggregates of stats/eventstats.
func (g *gen) statsParts(c *ast.StatsCommand) (by []expr, aggs []string, cols []column, err error) {
	for _, o := range c.Options {
		return nil, nil, nil, refuse(o, "%s option %s= does not compile to SQL yet", c.Name, o.Key)
	}
	var names []string
	for _, f := range c.By {
		if strings.Contains(f, "*") {
			return nil, nil, nil, refuse(c, "%s by a wildcard does not compile to SQL", c.Name)
		}
		x := g.field(f)
		if x.kind == kMV && c.Name != "stats" {
			return nil, nil, nil, refuse(c, "%s by the multivalue field %s does not compile to SQL yet", c.Name, f)
		}
		if x.kind == kNull {
			x.kind = kStr
		}
		by = append(by, x)
		cols = append(cols, column{name: f, kind: x.kind})
		names = append(names, f)
	}
	for _, a := range c.Aggregates {
		var x expr
		if a.Field != "" {
			x = g.field(a.Field)
		}
		s, k, err := g.aggregate(a, x, false)
		if err != nil {
			return nil, nil, nil, err
		}
		aggs = append(aggs, s)
		cols = append(cols, column{name: a.Name(), kind: k})
		names = append(names, a.Name())
	}
	if err := uniqueNames(names, c); err != nil {
		return nil, nil, nil, err
	}
	return by, aggs, cols, nil
}

// stats: one row per group of the by-fields (rows lacking one dropped),
// sorted by them; without by exactly one row.
func (g *gen) stats(c *ast.StatsCommand) error {
	by, aggs, cols, err := g.statsParts(c)
	if err != nil {
		return err
	}
	var sel, aliases, group, conds []string
	src := g.cur
	for i, x := range by {
		if x.kind == kMV {
			// A multivalue by-field puts the row in the group of each of
			// its values (repeated values repeatedly).
			k := "__b" + itoa(i)
			src = g.d.unnestAs(src, x.sql, k)
			x = expr{sql: k, kind: kStr}
			cols[i].kind = kStr
		}
		sel = append(sel, x.sql)
		aliases = append(aliases, g.d.ident(cols[i].name))
		group = append(group, x.sql)
		conds = append(conds, x.sql+" IS NOT NULL")
	}
	for i, a := range aggs {
		sel = append(sel, a)
		aliases = append(aliases, g.d.ident(cols[len(by)+i].name))
	}
	rest := " FROM " + src
	if len(conds) > 0 {
		rest += " WHERE " + strings.Join(conds, " AND ") + " GROUP BY " + strings.Join(group, ", ")
	}
	g.open = false
	g.push(g.d.aggregateBody(sel, aliases, kinds(cols), rest), cols)
	var keys []string
	for _, col := range cols[:len(by)] {
		keys = append(keys, g.orderKeys(g.ref(col), false)...)
	}
	g.numberRows(keys)
	return nil
}

// eventstats writes each group's aggregates into every row of the group;
// rows lacking a by-field get null; existing fields are overwritten.
func (g *gen) eventstats(c *ast.StatsCommand) error {
	by, aggs, acols, err := g.statsParts(c)
	if err != nil {
		return err
	}
	var sel, aliases, group, conds, on []string
	for i, x := range by {
		k := "__k" + itoa(i)
		sel = append(sel, x.sql)
		aliases = append(aliases, k)
		group = append(group, x.sql)
		conds = append(conds, x.sql+" IS NOT NULL")
		if x.sql == "NULL" {
			on = append(on, "FALSE")
		} else {
			on = append(on, "t."+x.sql+" = a."+k)
		}
	}
	for i, a := range aggs {
		sel = append(sel, a)
		aliases = append(aliases, g.d.ident(acols[len(by)+i].name))
	}
	rest := " FROM " + g.cur
	if len(conds) > 0 {
		rest += " WHERE " + strings.Join(conds, " AND ") + " GROUP BY " + strings.Join(group, ", ")
	}
	ks := make([]kind, 0, len(sel))
	for _, x := range by {
		ks = append(ks, x.kind)
	}
	sub := g.d.aggregateBody(sel, aliases, append(ks, kinds(acols[len(by):])...), rest)
	join := " CROSS JOIN (" + sub + ") a"
	if len(on) > 0 {
		join = " LEFT JOIN (" + sub + ") a ON " + strings.Join(on, " AND ")
	}
	cols := append([]column(nil), g.cols...)
	fromAgg := map[string]bool{}
	for _, ac := range acols[len(by):] {
		fromAgg[ac.name] = true
		if j := indexCol(cols, ac.name); j >= 0 {
			cols[j].kind = ac.kind
		} else {
			cols = append(cols, ac)
		}
	}
	var parts []string
	for _, col := range cols {
		if fromAgg[col.name] {
			parts = append(parts, "a."+g.d.ident(col.name)+" AS "+g.d.ident(col.name))
		} else {
			parts = append(parts, "t."+g.d.ident(col.name))
		}
	}
	parts = append(parts, "t."+ordCol)
	g.push("SELECT "+strings.Join(parts, ", ")+" FROM "+g.cur+" t"+join, cols)
	return nil
}
