package sqlgen

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// EventsTable is the table of raw events: _time DOUBLE, _seq BIGINT (the
// order a search reads events in: newest first), _raw VARCHAR, and
// eventFields, a MAP(VARCHAR, VARCHAR[]) from every other field of the
// event (host, source, sourcetype, index, eventtype, tag and the
// extracted fields, as the interpreter reads them) to its values.
const EventsTable = "events"

// eventFields is the events' field map column.
const eventFields = "_fields"

// events compiles a leading search over raw events: field=value over the
// field map (a field is a multivalue: any value matches), bare keywords
// over _raw as Splunk's segmentation matches them.
func (g *gen) events(c *ast.SearchCommand) error {
	if g.d != DuckDB {
		return refuseCode(c, diag.CodeUnsupportedCommand, "searches over raw events compile to SQL for DuckDB only yet")
	}
	g.tables = append(g.tables, EventsTable)
	g.open = true
	g.cols = []column{{name: timeField, kind: kNum}, {name: "_raw", kind: kStr}}
	g.push("SELECT "+g.d.ident(timeField)+", "+g.d.ident("_raw")+", "+g.d.ident(eventFields)+", "+g.d.ident(seqField)+" AS "+ordCol+
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
