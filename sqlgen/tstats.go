package sqlgen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
)

// Builtin fields every dataset table has besides its declared fields.
var builtinFields = []string{"host", "source", "sourcetype", "index"}

// timeField is the numeric _time column; seqField the table order.
const (
	timeField = "_time"
	seqField  = "_seq"
)

// tstats compiles `| tstats aggs from datamodel=M.D [where ...] [by ...
// [span=S]]` as the interpreter runs it (eval/cmd_tstats.go): prefixed
// fields read the dataset's columns, rows lacking a by-field are dropped
// (or take fillnull_value), one row per group sorted by the by-fields, and
// without by exactly one row.
func (g *gen) tstats(c *ast.TstatsCommand) error {
	fill, hasFill := "", false
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "summariesonly", "allow_old_summaries", "include_reduced_buckets", "local", "chunk_size":
		case "fillnull_value":
			fill, hasFill = o.Value.Value(), true
		case "prestats", "append":
			if b := strings.ToLower(o.Value.Value()); b == "true" || b == "t" || b == "1" {
				return refuse(o, "tstats %s=true does not compile to SQL", o.Key)
			}
		default:
			return refuseCode(o, diag.CodeCompileError, "unknown tstats option %q", o.Key)
		}
	}
	if c.Datamodel == "" {
		return refuse(c, "tstats without from datamodel= does not compile to SQL")
	}
	ds, ok := cim.LookupDataset(c.Datamodel)
	if !ok {
		return refuse(c, "data model dataset %q is not known", c.Datamodel)
	}
	table := ds.FullName()
	g.tables = append(g.tables, table)
	prefix := ds.Name + "."
	resolve := func(name string, n ast.Node) (expr, error) {
		if name == timeField {
			return expr{sql: g.d.ident(timeField), kind: kNum}, nil
		}
		if slices.Contains(builtinFields, name) {
			return expr{sql: g.d.ident(name), kind: kStr}, nil
		}
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || rest == "" {
			return expr{sql: "NULL", kind: kNull}, nil // not a field of this dataset
		}
		if rest == timeField {
			return expr{sql: g.d.ident(timeField), kind: kNum}, nil
		}
		if slices.Contains(builtinFields, rest) {
			return expr{sql: g.d.ident(rest), kind: kStr}, nil
		}
		f, ok := ds.Field(rest)
		if !ok {
			return expr{}, refuse(n, "field %s is not declared by data model dataset %s; its SQL table has only the declared fields", name, table)
		}
		if f.Multivalue {
			return expr{sql: g.d.ident(rest), kind: kMV}, nil // a list column
		}
		return expr{sql: g.d.ident(rest), kind: kStr}, nil
	}

	where := "TRUE"
	if c.Where != nil {
		var err error
		where, err = g.cond(c.Where, condEnv{
			field:   resolve,
			special: func(cmp *ast.SearchCompare) (string, bool, error) { return g.nodename(ds, cmp) },
		})
		if err != nil {
			return err
		}
	}

	var span float64
	if c.BySpan != "" {
		s, err := eval.ParseSpan(c.BySpan)
		if err != nil {
			return refuseCode(c, diag.CodeCompileError, "tstats span=%s: %v", c.BySpan, err)
		}
		span = s
	}
	var sel, aliases, group, conds, names []string
	var cols []column
	var keys []string
	src := g.d.ident(table)
	unnested := false
	for i, f := range c.By {
		x, err := resolve(f, c)
		if err != nil {
			return err
		}
		if x.kind == kMV {
			// A multivalue by-field puts the row in the group of each of
			// its values; the where clause sees the whole list first.
			if !unnested {
				src = "(SELECT * FROM " + src + " WHERE " + where + ")"
				where, unnested = "TRUE", true
			}
			k := "__b" + itoa(i)
			src = g.d.unnestKeepAs(src, x.sql, k)
			x = expr{sql: k, kind: kStr}
		}
		if x.kind == kNum && span > 0 {
			x.sql = fmt.Sprintf("(floor(%s / %s) * %s)", x.sql, fmtFloat(span), fmtFloat(span))
		}
		switch {
		case hasFill && x.kind == kNum:
			// _time always has a value: nothing to fill.
		case hasFill:
			x = expr{sql: "coalesce(" + x.sql + ", " + g.d.str(fill) + ")", kind: kStr}
		case x.kind == kNull:
			conds = append(conds, "FALSE")
		default:
			conds = append(conds, x.sql+" IS NOT NULL")
		}
		if x.kind == kNull {
			x.kind = kStr
		}
		sel = append(sel, x.sql)
		aliases = append(aliases, g.d.ident(f))
		group = append(group, x.sql)
		names = append(names, f)
		cols = append(cols, column{name: f, kind: x.kind})
	}
	for _, a := range c.Aggregates {
		var x expr
		if a.Field != "" {
			var err error
			if x, err = resolve(a.Field, a); err != nil {
				return err
			}
		}
		s, k, err := g.aggregate(a, x, true)
		if err != nil {
			return err
		}
		sel = append(sel, s)
		aliases = append(aliases, g.d.ident(a.Name()))
		names = append(names, a.Name())
		cols = append(cols, column{name: a.Name(), kind: k})
	}
	if err := uniqueNames(names, c); err != nil {
		return err
	}
	if len(conds) > 0 {
		where = "(" + where + ") AND " + strings.Join(conds, " AND ")
	}
	rest := " FROM " + src + " WHERE " + where
	if len(group) > 0 {
		rest += " GROUP BY " + strings.Join(group, ", ")
	}
	g.push(g.d.aggregateBody(sel, aliases, kinds(cols), rest), cols)
	for _, col := range cols[:len(c.By)] {
		keys = append(keys, g.orderKeys(g.ref(col), false)...)
	}
	g.numberRows(keys)
	return nil
}

// numberRows adds the order column: rows numbered by keys (any order when
// there are none).
func (g *gen) numberRows(keys []string) {
	g.pushRaw(g.d.numbered(g.columnList(), keys, g.cur), g.cols)
}

// pushRaw is push for a body that writes its own column list.
func (g *gen) pushRaw(body string, cols []column) { g.push(body, cols) }

// columnList is the current columns (and the events' field map while the
// rows are raw events), comma-terminated.
func (g *gen) columnList() string {
	var b strings.Builder
	for _, c := range g.cols {
		b.WriteString(g.d.ident(c.name) + ", ")
	}
	if g.open {
		b.WriteString(g.d.eventFieldList())
	}
	return b.String()
}

// nodename compiles `nodename=Root.Child`: the child's constraints, which
// the CIM writes as field=value terms.
func (g *gen) nodename(ds *cim.Dataset, cmp *ast.SearchCompare) (string, bool, error) {
	if cmp.Field != "nodename" {
		return "", false, nil
	}
	if cmp.Op != ast.OpEq {
		return "", true, refuseCode(cmp, diag.CodeCompileError, "nodename must be compared with =")
	}
	chain, ok := ds.Node(cmp.Value.Value())
	if !ok {
		return "", true, refuseCode(cmp, diag.CodeCompileError, "unknown node %q of data model dataset %s", cmp.Value.Value(), ds.FullName())
	}
	parts := []string{"TRUE"}
	for _, child := range chain {
		terms, ok := eval.ConstraintTerms(child.Constraint)
		if !ok {
			return "", true, refuse(cmp, "node %s: its constraint %q does not compile to SQL", child.Name, child.Constraint)
		}
		for _, t := range terms {
			f, ok := ds.Field(t[0])
			if !ok && !slices.Contains(builtinFields, t[0]) {
				return "", true, refuse(cmp, "node %s: constraint field %s is not declared", child.Name, t[0])
			}
			x := expr{sql: g.d.ident(t[0]), kind: kStr}
			if ok && f.Multivalue {
				x.kind = kMV
			}
			m, err := g.leafMatch(x, t[1], cmp)
			if err != nil {
				return "", true, err
			}
			parts = append(parts, m)
		}
	}
	return "(" + strings.Join(parts, " AND ") + ")", true, nil
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// uniqueNames refuses output columns whose names collide (also without
// regard to case: DuckDB's identifiers are case-insensitive).
func uniqueNames(names []string, n ast.Node) error {
	seen := map[string]string{}
	for _, name := range names {
		k := strings.ToLower(name)
		if prev, ok := seen[k]; ok {
			return refuse(n, "columns %q and %q collide in SQL (names compare without case)", prev, name)
		}
		if name == ordCol {
			return refuse(n, "field name %s is reserved by the SQL generator", ordCol)
		}
		seen[k] = name
	}
	return nil
}
