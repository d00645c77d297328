package sqlgen

import (
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
)

// ordCol is the hidden column carrying the pipeline's row order.
const ordCol = "__r"

// Options configure the generator.
type Options struct {
	Dialect Dialect // DuckDB when empty
	// Lookups resolves the lookup command's tables (their definitions and
	// columns; the rows stay in SQL tables named by LookupTable); nil:
	// lookup is refused.
	Lookups eval.LookupResolver
}

// SQL is a compiled search.
type SQL struct {
	Text    string   // one SELECT statement (WITH ... SELECT ...)
	Columns []string // the result's columns, in Splunk's order
	Tables  []string // the dataset tables it reads ("Endpoint.Processes")
	Lookups []string // the lookups it reads, by name (tables LookupTable(name))
}

// gen holds the state of one compilation: the stages so far and the
// columns of the last one.
type gen struct {
	d      Dialect
	ctes   []string
	cur    string   // name of the last stage
	cols   []column // its columns, in order
	tables []string
	// open: the rows are raw events; fields other than cols are read from
	// the events' field map (column eventFields), carried along.
	open bool

	lookups     eval.LookupResolver
	lookupsUsed []string
}

// Generate compiles q. Errors are *Error with the span of what cannot be
// compiled.
func Generate(q *ast.Query, opts Options) (*SQL, error) {
	if q == nil || len(q.Commands) == 0 {
		return nil, &Error{Span: ast.Span{Start: ast.NoPos, End: ast.NoPos}, Code: diag.CodeCompileError, Msg: "empty search"}
	}
	d := opts.Dialect
	if d == "" {
		d = DuckDB
	}
	g := &gen{d: d, lookups: opts.Lookups}
	for i, c := range q.Commands {
		if err := g.command(i, c); err != nil {
			return nil, err
		}
	}
	if g.open {
		last := q.Commands[len(q.Commands)-1]
		return nil, refuse(last, "a search over raw events compiles to SQL when it ends in stats or table (events themselves have open-ended fields)")
	}
	out := g.finish()
	if out == nil {
		return nil, refuse(q.Commands[len(q.Commands)-1], "the statement would exceed %d MiB written without common table expressions (%s)", maxStatement>>20, g.d)
	}
	return out, nil
}

// command compiles the i-th command of the pipeline.
func (g *gen) command(i int, c ast.Command) error {
	if i == 0 {
		switch c := c.(type) {
		case *ast.TstatsCommand:
			return g.tstats(c)
		case *ast.SearchCommand:
			return g.events(c)
		}
		return refuseCode(c, diag.CodeUnsupportedCommand, "only searches that start with tstats or search compile to SQL; %q makes its own rows", c.CommandName())
	}
	if g.open {
		switch c := c.(type) {
		case *ast.SearchCommand, *ast.WhereCommand, *ast.EvalCommand, *ast.TableCommand, *ast.HeadCommand, *ast.BinCommand:
		case *ast.RenameCommand:
			return g.renameEvents(c)
		case *ast.FillnullCommand:
			return g.fillnullEvents(c)
		case *ast.StatsCommand:
			if c.Name != "stats" {
				return refuseCode(c, diag.CodeUnsupportedCommand, "%s over raw events (before stats or table) does not compile to SQL yet", c.Name)
			}
		default:
			return refuseCode(c, diag.CodeUnsupportedCommand, "%s over raw events (before stats or table) does not compile to SQL yet", c.CommandName())
		}
	}
	switch c := c.(type) {
	case *ast.TstatsCommand:
		return refuseCode(c, diag.CodeUnsupportedCommand, "tstats after the first command (append=) does not compile to SQL")
	case *ast.RenameCommand:
		return g.rename(c)
	case *ast.ConvertCommand:
		return g.convert(c)
	case *ast.EvalCommand:
		return g.eval(c)
	case *ast.WhereCommand:
		return g.where(c)
	case *ast.SearchCommand:
		return g.search(c)
	case *ast.TableCommand:
		return g.table(c)
	case *ast.FieldsCommand:
		return g.fields(c)
	case *ast.SortCommand:
		return g.sort(c)
	case *ast.HeadCommand:
		return g.head(c)
	case *ast.DedupCommand:
		return g.dedup(c)
	case *ast.FillnullCommand:
		return g.fillnull(c)
	case *ast.StatsCommand:
		switch c.Name {
		case "stats":
			return g.stats(c)
		case "eventstats":
			return g.eventstats(c)
		}
	case *ast.BinCommand:
		return g.bin(c)
	case *ast.JoinCommand:
		return g.join(c)
	case *ast.RegexCommand:
		return g.regex(c)
	case *ast.LookupCommand:
		return g.lookup(c)
	case *ast.RexCommand:
		return g.rex(c)
	}
	return refuseCode(c, diag.CodeUnsupportedCommand, "command %q does not compile to SQL yet", c.CommandName())
}

// push adds a stage: body is a SELECT reading g.cur; cols its columns.
func (g *gen) push(body string, cols []column) {
	name := fmt.Sprintf("s%d", len(g.ctes)+1)
	g.ctes = append(g.ctes, name+" AS (\n  "+body+"\n)")
	g.cur, g.cols = name, cols
}

// find returns the index of the column called name, -1 when absent.
func (g *gen) find(name string) int {
	for i, c := range g.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

// ref is the expression reading column c of the current stage.
func (g *gen) ref(c column) expr { return expr{sql: g.d.ident(c.name), kind: c.kind} }

// field reads a field by name; a field the rows do not have is null.
func (g *gen) field(name string) expr {
	if i := g.find(name); i >= 0 {
		return g.ref(g.cols[i])
	}
	if g.open {
		return expr{sql: g.d.eventField(name), kind: kMV}
	}
	return expr{sql: "NULL", kind: kNull}
}

// selectList renders cols (each with its SQL, or the column itself when
// the map has none) and the order column.
func (g *gen) selectList(cols []column, exprs map[string]string) string {
	parts := make([]string, 0, len(cols)+1)
	for _, c := range cols {
		if e, ok := exprs[c.name]; ok {
			parts = append(parts, e+" AS "+g.d.ident(c.name))
		} else {
			parts = append(parts, g.d.ident(c.name))
		}
	}
	if g.open {
		for _, c := range g.d.eventFieldCols() {
			parts = append(parts, g.d.ident(c))
		}
	}
	parts = append(parts, ordCol)
	return strings.Join(parts, ", ")
}

// passthrough is a stage keeping every row and column, with some columns
// recomputed (exprs) and the column list cols.
func (g *gen) project(cols []column, exprs map[string]string) {
	g.push("SELECT "+g.selectList(cols, exprs)+" FROM "+g.cur, cols)
}

// finish renders the statement; nil when it is too long (ClickHouse).
func (g *gen) finish() *SQL {
	names := make([]string, len(g.cols))
	quoted := make([]string, len(g.cols))
	for i, c := range g.cols {
		names[i] = c.name
		quoted[i] = g.d.ident(c.name)
	}
	sel := strings.Join(quoted, ", ")
	if sel == "" {
		sel = "NULL AS " + g.d.ident("_empty")
	}
	text, ok := g.d.statement(g.ctes, "SELECT "+sel+" FROM "+g.cur+" ORDER BY "+ordCol+g.d.settings())
	if !ok {
		return nil
	}
	return &SQL{Text: text, Columns: names, Tables: g.tables, Lookups: g.lookupsUsed}
}
