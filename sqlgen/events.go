package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// EventsTable is the table of raw events: _time DOUBLE, _seq BIGINT (the
// order a search reads events in: newest first), _raw VARCHAR, and
// eventFields, a MAP(VARCHAR, VARCHAR[]) from every other field of the
// event (host, source, sourcetype, index, eventtype, tag and the
// extracted fields, as the interpreter reads them) to its values. For
// ClickHouse the map is two columns, eventFieldKeys and eventFieldValues
// (dialect_lists.go).
const EventsTable = "events"

// eventFields is the events' field map column.
const eventFields = "_fields"

// events compiles a leading search over raw events: field=value over the
// field map (a field is a multivalue: any value matches), bare keywords
// over _raw as Splunk's segmentation matches them.
func (g *gen) events(c *ast.SearchCommand) error {
	g.tables = append(g.tables, EventsTable)
	g.open = true
	g.cols = []column{{name: timeField, kind: kNum}, {name: "_raw", kind: kStr}}
	g.push("SELECT "+g.d.ident(timeField)+", "+g.d.ident("_raw")+", "+g.d.eventFieldList()+g.d.ident(seqField)+" AS "+ordCol+
		" FROM "+g.d.ident(EventsTable), g.cols)
	return g.search(c)
}

// Breakers of Splunk's default segmentation (eval/search_term.go).
const (
	majorBreakers = ` \t\r\n\[\]<>(){}|!;,'"*&?+`
	allBreakers   = majorBreakers + `/:=@.\-$#%\\_`
)

// termMatch is the condition that a bare keyword v matches _raw: it occurs
// ignoring case, starting and ending at term boundaries; '*' matches any
// run within one major segment and lifts the boundary on its side.
func (g *gen) termMatch(v string, n ast.Node) (string, error) {
	if strings.Trim(v, "*") == "" {
		return "TRUE", nil
	}
	for _, r := range v {
		if r >= 0x80 {
			return "", refuse(n, "keyword %q with non-ASCII characters does not compile to SQL yet", v)
		}
	}
	isBreaker := func(b byte) bool { return strings.IndexByte(" \t\r\n[]<>(){}|!;,'\"*&?+/:=@.-$#%\\_", b) >= 0 }
	var re strings.Builder
	re.WriteString("(?i)")
	if v[0] != '*' && !isBreaker(v[0]) {
		re.WriteString("(?:^|[" + allBreakers + "])")
	}
	for i, seg := range strings.Split(v, "*") {
		if i > 0 {
			re.WriteString("[^" + majorBreakers + "]*")
		}
		re.WriteString(regexpQuote(seg))
	}
	if last := v[len(v)-1]; last != '*' && !isBreaker(last) {
		re.WriteString("(?:$|[" + allBreakers + "])")
	}
	return "coalesce(" + g.d.partialMatch(g.d.ident("_raw"), re.String()) + ", FALSE)", nil
}

func regexpQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// renameEvents is rename over raw events: a pair without wildcards moves
// the field's values to the new name (null when the event lacks it, which
// removes a target field, as rename does) and leaves the old name without
// a value. Pairs apply in order.
func (g *gen) renameEvents(c *ast.RenameCommand) error {
	for _, p := range c.Pairs {
		if strings.Contains(p.From, "*") || strings.Contains(p.To, "*") {
			return refuse(p, "rename with wildcards over raw events does not compile to SQL yet")
		}
		if p.From == p.To {
			continue
		}
		if g.find(p.From) >= 0 {
			if err := g.rename(&ast.RenameCommand{Loc: p.Loc, Pairs: []ast.RenamePair{p}}); err != nil {
				return err
			}
			continue
		}
		x := g.field(p.From)
		cols := append([]column(nil), g.cols...)
		exprs := map[string]string{p.To: x.sql, p.From: g.d.nullList()}
		if j := indexCol(cols, p.To); j >= 0 {
			cols[j].kind = kMV
		} else {
			cols = append(cols, column{name: p.To, kind: kMV})
		}
		cols = append(cols, column{name: p.From, kind: kMV})
		names := make([]string, len(cols))
		for i := range cols {
			names[i] = cols[i].name
		}
		if err := uniqueNames(names, p); err != nil {
			return err
		}
		g.project(cols, exprs)
	}
	return nil
}

// fillnullEvents is fillnull with named fields over raw events: a field
// the event lacks takes the value.
func (g *gen) fillnullEvents(c *ast.FillnullCommand) error {
	if len(c.Fields) == 0 {
		return refuse(c, "fillnull without fields over raw events does not compile to SQL (the events' fields are open-ended)")
	}
	v := "0"
	if c.Value != nil {
		v = c.Value.Value()
	}
	for _, f := range c.Fields {
		if strings.Contains(f, "*") {
			return refuse(c, "fillnull with wildcard fields does not compile to SQL yet")
		}
		i := g.find(f)
		if i >= 0 && g.cols[i].kind != kMV {
			continue // a column that is not a list: the general fillnull below
		}
		x := g.field(f)
		cols := append([]column(nil), g.cols...)
		if i < 0 {
			cols = append(cols, column{name: f, kind: kMV})
		}
		g.project(cols, map[string]string{f: g.d.listOr(x.sql, g.d.str(v))})
	}
	var known []string
	for _, f := range c.Fields {
		if i := g.find(f); i >= 0 && g.cols[i].kind != kMV {
			known = append(known, f)
		}
	}
	if len(known) > 0 {
		return g.fillnull(&ast.FillnullCommand{Loc: c.Loc, Value: c.Value, Fields: known})
	}
	return nil
}
