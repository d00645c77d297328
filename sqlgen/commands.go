package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// rename: pairs in order, wildcards over existing names, a renamed field
// keeps its position, a target that exists is replaced, renaming a missing
// field removes an existing target (eval/cmd_rename.go).
func (g *gen) rename(c *ast.RenameCommand) error {
	cols := append([]column(nil), g.cols...)
	src := make([]string, len(cols)) // the stage-input column each output reads; "" for none
	for i, col := range cols {
		src[i] = col.name
	}
	for _, p := range c.Pairs {
		from, to := glob.New(p.From), glob.New(p.To)
		if from.Stars() != to.Stars() && to.Stars() != 0 {
			return refuseCode(p, diag.CodeCompileError, "rename %s AS %s: both sides need the same number of wildcards", p.From, p.To)
		}
		if from.Stars() == 0 {
			i := indexCol(cols, p.From)
			j := indexCol(cols, p.To)
			switch {
			case i < 0 && j >= 0:
				cols, src = removeAt(cols, j), removeStr(src, j)
			case i >= 0 && i != j:
				cols[i].name = p.To
				if j >= 0 {
					cols, src = removeAt(cols, j), removeStr(src, j)
				}
			}
			continue
		}
		for i := 0; i < len(cols); i++ {
			caps, ok := from.Capture(cols[i].name)
			if !ok {
				continue
			}
			newName := to.Expand(caps)
			if newName == cols[i].name {
				continue
			}
			if j := indexCol(cols, newName); j >= 0 {
				cols, src = removeAt(cols, j), removeStr(src, j)
				if j < i {
					i--
				}
			}
			cols[i].name = newName
		}
	}
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].name
	}
	if err := uniqueNames(names, c); err != nil {
		return err
	}
	exprs := map[string]string{}
	for i, col := range cols {
		if src[i] != col.name {
			exprs[col.name] = g.d.ident(src[i])
		}
	}
	g.project(cols, exprs)
	return nil
}

func indexCol(cols []column, name string) int {
	for i, c := range cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

func removeAt(cols []column, i int) []column { return append(cols[:i:i], cols[i+1:]...) }
func removeStr(s []string, i int) []string   { return append(s[:i:i], s[i+1:]...) }

// matching returns the columns whose names match the field-name pattern.
func (g *gen) matching(pattern string) []int {
	p := glob.New(pattern)
	var out []int
	for i, c := range g.cols {
		if p.Match(c.name) {
			out = append(out, i)
		}
	}
	return out
}

// table keeps the named fields in the order given; a wildcard expands to
// the matching fields in their current order; a named field no row has is
// kept as an empty column; duplicates appear once.
func (g *gen) table(c *ast.TableCommand) error {
	var cols []column
	exprs := map[string]string{}
	seen := map[string]bool{}
	for _, f := range c.Fields {
		if strings.Contains(f, "*") && g.open {
			return refuse(c, "table with wildcards over raw events does not compile to SQL yet")
		}
		if strings.Contains(f, "*") {
			for _, i := range g.matching(f) {
				if !seen[g.cols[i].name] {
					seen[g.cols[i].name] = true
					cols = append(cols, g.cols[i])
				}
			}
			continue
		}
		if seen[f] {
			continue
		}
		seen[f] = true
		if i := g.find(f); i >= 0 {
			cols = append(cols, g.cols[i])
		} else if g.open {
			x := g.field(f)
			cols = append(cols, column{name: f, kind: x.kind})
			exprs[f] = x.sql
		} else {
			cols = append(cols, column{name: f, kind: kStr})
			exprs[f] = "CAST(NULL AS " + g.d.textType() + ")"
		}
	}
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].name
	}
	if err := uniqueNames(names, c); err != nil {
		return err
	}
	g.open = false
	g.project(cols, exprs)
	return nil
}

// fields keeps (in the order given, plus _time unless removed) or removes
// fields; a named field no row has does not become a column.
func (g *gen) fields(c *ast.FieldsCommand) error {
	keep := make([]bool, len(g.cols))
	var order []int
	for _, f := range c.Fields {
		for _, i := range g.matching(f) {
			if !keep[i] {
				keep[i] = true
				order = append(order, i)
			}
		}
	}
	var cols []column
	if c.Remove {
		for i, col := range g.cols {
			if !keep[i] {
				cols = append(cols, col)
			}
		}
	} else {
		for _, i := range order {
			cols = append(cols, g.cols[i])
		}
		if i := g.find(timeField); i >= 0 && !keep[i] {
			cols = append(cols, g.cols[i])
		}
	}
	g.project(cols, nil)
	return nil
}

// fillnull sets null values to a string (default "0"): the listed fields
// (created when missing) or every field.
func (g *gen) fillnull(c *ast.FillnullCommand) error {
	v := "0"
	if c.Value != nil {
		v = c.Value.Value()
	}
	cols := append([]column(nil), g.cols...)
	exprs := map[string]string{}
	fill := func(i int) error {
		col := cols[i]
		switch col.kind {
		case kMV:
			return refuse(c, "fillnull on the multivalue field %s does not compile to SQL yet", col.name)
		case kNum:
			if !isDecimal(v) {
				return refuse(c, "fillnull value %q on the numeric field %s does not compile to SQL (a column has one type)", v, col.name)
			}
			exprs[col.name] = "coalesce(" + g.d.ident(col.name) + ", " + v + ")"
		default:
			exprs[col.name] = "coalesce(" + g.d.ident(col.name) + ", " + g.d.str(v) + ")"
		}
		return nil
	}
	if len(c.Fields) == 0 {
		for i := range cols {
			if err := fill(i); err != nil {
				return err
			}
		}
	}
	for _, f := range c.Fields {
		if strings.Contains(f, "*") {
			return refuse(c, "fillnull with wildcard fields does not compile to SQL yet")
		}
		i := indexCol(cols, f)
		if i < 0 {
			cols = append(cols, column{name: f, kind: kStr})
			exprs[f] = g.d.str(v)
			continue
		}
		if err := fill(i); err != nil {
			return err
		}
	}
	g.project(cols, exprs)
	return nil
}

// sort is a stable sort by the keys; a limit keeps the first N rows
// (10000 by default, none for sort 0).
func (g *gen) sort(c *ast.SortCommand) error {
	var keys []string
	for _, k := range c.Keys {
		if k.Func != "" && k.Func != "auto" {
			return refuse(c, "sort %s() does not compile to SQL yet", k.Func)
		}
		if strings.Contains(k.Field, "*") {
			return refuse(c, "sort by a wildcard does not compile to SQL")
		}
		x := g.field(k.Field)
		if x.kind == kMV {
			return refuse(c, "sort by the multivalue field %s does not compile to SQL yet", k.Field)
		}
		keys = append(keys, g.orderKeys(x, k.Desc != c.Reverse)...)
	}
	keys = append(keys, ordCol)
	limit := 10000
	if c.LimitSet {
		limit = c.Limit
	}
	g.push(g.d.numbered(g.columnList(), keys, g.cur), g.cols)
	if limit > 0 {
		g.push("SELECT "+g.selectList(g.cols, nil)+" FROM "+g.cur+" WHERE "+ordCol+" <= "+itoa(limit), g.cols)
	}
	return nil
}

// head keeps the first N rows (default 10).
func (g *gen) head(c *ast.HeadCommand) error {
	if c.Expr != nil || len(c.Options) > 0 {
		return refuse(c, "head with an expression or options does not compile to SQL yet")
	}
	n := 10
	if c.LimitSet {
		n = c.Limit
	}
	g.push("SELECT "+g.selectList(g.cols, nil)+" FROM "+g.cur+" ORDER BY "+ordCol+" LIMIT "+itoa(n), g.cols)
	return nil
}

// dedup keeps the first N rows of each combination of the fields' values
// (exact, case-sensitive), dropping rows lacking any of them.
func (g *gen) dedup(c *ast.DedupCommand) error {
	if len(c.Options) > 0 || len(c.SortBy) > 0 {
		return refuse(c, "dedup options and sortby do not compile to SQL yet")
	}
	var part, conds []string
	for _, f := range c.Fields {
		if strings.Contains(f, "*") {
			return refuse(c, "dedup with wildcard fields does not compile to SQL")
		}
		x := g.field(f)
		switch x.kind {
		case kMV:
			return refuse(c, "dedup on the multivalue field %s does not compile to SQL yet", f)
		case kNull:
			conds = append(conds, "FALSE")
			continue
		}
		part = append(part, x.sql)
		conds = append(conds, x.sql+" IS NOT NULL")
	}
	n := max(c.Limit, 1)
	inner := "SELECT " + g.columnList() + ordCol + ", row_number() OVER (PARTITION BY " + strings.Join(part, ", ") +
		" ORDER BY " + ordCol + ") AS __d FROM " + g.cur + " WHERE " + strings.Join(conds, " AND ")
	if g.d == ClickHouse { // window functions: 21.9 and later
		inner = "SELECT *, 1 AS __d FROM " + g.cur + " WHERE " + strings.Join(conds, " AND ") +
			" ORDER BY " + ordCol + " LIMIT " + itoa(n) + " BY " + strings.Join(part, ", ")
	}
	if len(part) == 0 {
		inner = "SELECT " + g.columnList() + ordCol + ", 1 AS __d FROM " + g.cur + " WHERE FALSE"
	}
	g.push("SELECT "+g.selectList(g.cols, nil)+" FROM ("+inner+") WHERE __d <= "+itoa(n), g.cols)
	return nil
}

// bin: _time (or any numeric field) with a time span: the start of the
// span-wide bin, aligned to UTC midnight.
func (g *gen) bin(c *ast.BinCommand) error {
	var span string
	for _, o := range c.Options {
		if strings.ToLower(o.Key) != "span" {
			return refuse(o, "bin %s= does not compile to SQL yet", o.Key)
		}
		span = o.Value.Value()
	}
	if span == "" {
		return refuse(c, "bin without span= does not compile to SQL yet")
	}
	s, err := eval.ParseSpan(span)
	if err != nil {
		return refuse(c, "bin span=%s does not compile to SQL yet: %v", span, err)
	}
	i := g.find(c.Field)
	if i < 0 || g.cols[i].kind != kNum {
		return refuse(c, "bin over %s (not a numeric column) does not compile to SQL yet", c.Field)
	}
	out := c.Field
	if c.As != "" {
		out = c.As
	}
	cols := append([]column(nil), g.cols...)
	e := "(floor(" + g.d.ident(c.Field) + " / " + fmtFloat(s) + ") * " + fmtFloat(s) + ")"
	if j := indexCol(cols, out); j >= 0 {
		cols[j].kind = kNum
	} else {
		cols = append(cols, column{name: out, kind: kNum})
	}
	g.project(cols, map[string]string{out: e})
	return nil
}

func itoa(n int) string { return fmtFloat(float64(n)) }
