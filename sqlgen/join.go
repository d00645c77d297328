package sqlgen

import (
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
)

// joinMaxout is how many subsearch rows join reads (Splunk's
// subsearch_maxout for join).
const joinMaxout = 50000

// join compiles `join [type=] [max=] [overwrite=] [fields] [subsearch]`
// as the interpreter runs it (eval/cmd_join.go): the subsearch's first
// 50,000 rows; keys compared exactly as text, a row lacking a key matches
// nothing; each main row joined with its first max matching subsearch rows
// (max=0: all) in subsearch order; a non-null subsearch value overwrites
// (overwrite=false: only fills a null); columns are the main ones then the
// subsearch's new ones.
func (g *gen) join(c *ast.JoinCommand) error {
	outer, maxN, overwrite := false, 1, true
	for _, o := range c.Options {
		v := strings.ToLower(o.Value.Value())
		switch strings.ToLower(o.Key) {
		case "type":
			switch v {
			case "inner":
			case "left", "outer":
				outer = true
			default:
				return refuseCode(o, diag.CodeCompileError, "join type=%s: the type must be inner, left or outer", v)
			}
		case "max":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return refuseCode(o, diag.CodeCompileError, "join max=%s: not a count", v)
			}
			maxN = n
		case "overwrite":
			b, ok := eval.ParseBool(v)
			if !ok {
				return refuseCode(o, diag.CodeCompileError, "join overwrite=%s: not a boolean", v)
			}
			overwrite = b
		case "usetime", "earlier":
			if b, ok := eval.ParseBool(v); !ok || (b && o.Key == "usetime") {
				return refuse(o, "join %s=%s does not compile to SQL", o.Key, v)
			}
		default:
			return refuse(o, "join %s= does not compile to SQL", o.Key)
		}
	}
	if c.Subsearch == nil || len(c.Subsearch.Commands) == 0 {
		return refuse(c, "join without a subsearch does not compile to SQL")
	}
	sub := &gen{d: g.d, ctes: g.ctes, tables: g.tables, lookups: g.lookups, lookupsUsed: g.lookupsUsed}
	for i, sc := range c.Subsearch.Commands {
		if err := sub.command(i, sc); err != nil {
			return err
		}
	}
	sub.push("SELECT "+sub.selectList(sub.cols, nil)+" FROM "+sub.cur+" ORDER BY "+ordCol+" LIMIT "+itoa(joinMaxout), sub.cols)
	g.ctes, g.tables, g.lookupsUsed = sub.ctes, sub.tables, sub.lookupsUsed

	keys := c.Fields
	if len(keys) == 0 {
		for _, col := range g.cols {
			if indexCol(sub.cols, col.name) >= 0 {
				keys = append(keys, col.name)
			}
		}
	}
	isKey := map[string]bool{}
	var part, notNull, on []string
	for _, k := range keys {
		if strings.Contains(k, "*") {
			return refuseCode(c, diag.CodeCompileError, "join field %q: wildcards are not allowed", k)
		}
		isKey[k] = true
		mi, si := g.find(k), indexCol(sub.cols, k)
		if mi < 0 || si < 0 {
			on = append(on, "FALSE")
			continue
		}
		mc, sc := g.cols[mi], sub.cols[si]
		if mc.kind == kMV || sc.kind == kMV {
			return refuse(c, "join on the multivalue field %s does not compile to SQL yet", k)
		}
		st := g.text(expr{sql: g.d.ident(k), kind: sc.kind})
		part = append(part, st)
		notNull = append(notNull, g.d.ident(k)+" IS NOT NULL")
		on = append(on, g.text(expr{sql: "m." + g.d.ident(k), kind: mc.kind})+" = s.__j"+itoa(len(part)-1))
	}
	// The subsearch ranked within each key.
	var rsel []string
	for _, col := range sub.cols {
		rsel = append(rsel, g.d.ident(col.name))
	}
	for i, p := range part {
		rsel = append(rsel, p+" AS __j"+itoa(i))
	}
	rsel = append(rsel, ordCol)
	ch := g.d == ClickHouse // window functions and JOIN ON conditions on one side: 21.x
	if len(part) > 0 && !ch {
		rsel = append(rsel, "row_number() OVER (PARTITION BY "+strings.Join(part, ", ")+" ORDER BY "+ordCol+") AS __k")
	} else {
		rsel = append(rsel, "1 AS __k")
	}
	ranked := "SELECT " + strings.Join(rsel, ", ") + " FROM " + sub.cur
	if len(notNull) > 0 {
		ranked += " WHERE " + strings.Join(notNull, " AND ")
	}
	if ch {
		ranked += " ORDER BY " + ordCol
		if maxN > 0 && len(part) > 0 {
			ranked += " LIMIT " + itoa(maxN) + " BY " + strings.Join(part, ", ")
		}
	}
	if len(on) == 0 {
		on = []string{"FALSE"}
	}
	if ch {
		// ClickHouse before 21.x joins ON equalities of the two sides only.
		for i, c := range on {
			if c == "FALSE" {
				on[i] = "toInt64(m." + ordCol + ") = -toInt64(s." + ordCol + ")" // order numbers are positive
			}
		}
	}
	if maxN > 0 && !ch {
		on = append(on, "s.__k <= "+itoa(maxN))
	}

	cols := append([]column(nil), g.cols...)
	exprs := map[string]string{}
	for _, col := range cols {
		exprs[col.name] = "m." + g.d.ident(col.name)
	}
	for _, sc := range sub.cols {
		if isKey[sc.name] {
			continue
		}
		s := "s." + g.d.ident(sc.name)
		j := indexCol(cols, sc.name)
		if j < 0 {
			cols = append(cols, sc)
			exprs[sc.name] = s
			continue
		}
		mc := cols[j]
		if mc.kind == kMV || sc.kind == kMV {
			return refuse(c, "join overwriting the multivalue field %s does not compile to SQL yet", sc.name)
		}
		m := "m." + g.d.ident(sc.name)
		if mc.kind != sc.kind {
			m, s = g.text(expr{sql: m, kind: mc.kind}), g.text(expr{sql: s, kind: sc.kind})
			cols[j].kind = kStr
		}
		if overwrite {
			exprs[sc.name] = "coalesce(" + s + ", " + m + ")"
		} else {
			exprs[sc.name] = "coalesce(" + m + ", " + s + ")"
		}
	}
	var sel []string
	for _, col := range cols {
		sel = append(sel, exprs[col.name]+" AS "+g.d.ident(col.name))
	}
	kind := " JOIN "
	if outer {
		kind = " LEFT JOIN "
	}
	from := g.cur + " m" + kind + "(" + ranked + ") s ON " + strings.Join(on, " AND ")
	if ch {
		names := make([]string, len(cols))
		for i, col := range cols {
			names[i] = g.d.ident(col.name)
		}
		sel = append(sel, "m."+ordCol+" AS __m", "s."+ordCol+" AS __s")
		g.push(g.d.numbered(strings.Join(names, ", ")+", ", []string{"__m", "__s"}, "(SELECT "+strings.Join(sel, ", ")+" FROM "+from+")"), cols)
		return nil
	}
	sel = append(sel, "row_number() OVER (ORDER BY m."+ordCol+", s."+ordCol+") AS "+ordCol)
	g.push("SELECT "+strings.Join(sel, ", ")+" FROM "+from, cols)
	return nil
}

// regex keeps the rows whose field matches the regular expression
// (unanchored), or with != those that do not (rows lacking the field
// included).
func (g *gen) regex(c *ast.RegexCommand) error {
	re := c.Regex.Value()
	if err := checkRE(re, c); err != nil {
		return err
	}
	x := g.field(c.Target())
	var m string
	switch x.kind {
	case kMV:
		m = "(NOT " + g.d.listIsNull(x.sql) + " AND " + g.d.anyOf(x.sql, g.d.partialMatch("__v", re)) + ")"
	case kNull:
		m = "FALSE"
	default:
		m = "coalesce(" + g.d.partialMatch(g.text(x), re) + ", FALSE)"
	}
	if c.Negate {
		m = "(NOT " + m + ")"
	}
	g.filter(m)
	return nil
}
