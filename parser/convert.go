package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// converter turns grammar structs into ast nodes. It carries the query so
// that subsearches can be parsed recursively with offsets of the whole
// query, and the subsearch depth.
type converter struct {
	query string
	depth int      // subsearch nesting of the text being converted
	lead  leadKind // what the first command of the pipeline may be
}

func span(pos, end lexer.Position) ast.Span {
	return ast.Span{Start: ast.Pos(pos.Offset), End: ast.Pos(end.Offset)}
}

// literal returns the ast.Literal of a word or quoted string; Raw keeps the
// text between the quotes as written.
func (l *gLit) literal() ast.Literal {
	if l.String != nil {
		s := *l.String
		return ast.Literal{Raw: s[1 : len(s)-1], Quoted: true}
	}
	return ast.Literal{Raw: *l.Word}
}

// name returns the value of a field or other name: a bare word as written,
// or a quoted string with its escapes applied.
func (l *gLit) name() string { return l.literal().Value() }

// end returns the offset just past the literal.
func (l *gLit) end() int {
	if l.String != nil {
		return l.Pos.Offset + len(*l.String)
	}
	return l.Pos.Offset + len(*l.Word)
}

// fill parses the subsearches of a search expression (parseSearchTokens
// leaves their Query nil) and returns e.
func (c *converter) fill(e ast.SearchExpr) (ast.SearchExpr, error) {
	var err error
	var walk func(e ast.SearchExpr)
	walk = func(e ast.SearchExpr) {
		if err != nil {
			return
		}
		switch e := e.(type) {
		case *ast.SearchAnd:
			for _, t := range e.Terms {
				walk(t)
			}
		case *ast.SearchOr:
			for _, t := range e.Terms {
				walk(t)
			}
		case *ast.SearchNot:
			walk(e.Expr)
		case *ast.SearchGroup:
			walk(e.Expr)
		case *ast.SearchSubsearch:
			e.Query, err = c.subsearch(int(e.Loc.Start), int(e.Loc.End))
		}
	}
	walk(e)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// subsearch parses the text between the brackets at query[start:end] as a
// query of its own.
func (c *converter) subsearch(start, end int) (*ast.Query, error) {
	if c.depth >= maxSubsearchDepth {
		return nil, errorf(c.query, start, "subsearches nested deeper than %d", maxSubsearchDepth)
	}
	if isBlank(c.query[start+1 : end-1]) {
		return nil, errorf(c.query, start, "empty subsearch")
	}
	return parsePipeline(c.query, start+1, end-1, c.depth+1, leadGenerating)
}

func (c *converter) search(g *gSearch, loc ast.Span) (ast.Command, error) {
	cmd := &ast.SearchCommand{Loc: loc}
	if g.Expr != nil {
		e, err := c.fill(g.Expr)
		if err != nil {
			return nil, err
		}
		cmd.Expr = e
	}
	return cmd, nil
}

func (c *converter) tstats(g *gTstats, loc ast.Span) (ast.Command, error) {
	cmd := &ast.TstatsCommand{Loc: loc}
	for _, o := range g.Options {
		cmd.Options = append(cmd.Options, ast.Option{Loc: span(o.Pos, o.EndPos), Key: o.Key, Value: o.Value.literal()})
	}
	for _, a := range g.Aggs {
		agg := ast.Aggregate{Loc: span(a.Pos, a.EndPos)}
		if a.Bare != "" {
			agg.Func = strings.ToLower(a.Bare)
		} else {
			agg.Func = strings.ToLower(a.Func)
			agg.Field = a.Field.name()
		}
		if a.As != nil {
			agg.As = a.As.name()
		}
		cmd.Aggregates = append(cmd.Aggregates, agg)
	}
	if g.From != nil {
		cmd.Datamodel = g.From.name()
	}
	if g.Where != nil {
		e, err := c.fill(g.Where)
		if err != nil {
			return nil, err
		}
		cmd.Where = e
	}
	by, span, err := c.byClause(g.By, "")
	if err != nil {
		return nil, err
	}
	cmd.By, cmd.BySpan = by, span
	return cmd, nil
}

func (c *converter) rename(g *gRename, loc ast.Span) (ast.Command, error) {
	cmd := &ast.RenameCommand{Loc: loc}
	for _, p := range g.Pairs {
		cmd.Pairs = append(cmd.Pairs, ast.RenamePair{Loc: span(p.Pos, p.EndPos), From: p.From.name(), To: p.To.name()})
	}
	return cmd, nil
}

func (c *converter) convert(g *gConvert, loc ast.Span) (ast.Command, error) {
	cmd := &ast.ConvertCommand{Loc: loc}
	if g.TimeFormat != nil {
		l := g.TimeFormat.literal()
		cmd.TimeFormat = &l
	}
	for _, v := range g.Convs {
		conv := ast.Conversion{Loc: span(v.Pos, v.EndPos), Func: strings.ToLower(v.Func), Field: v.Field.name()}
		if v.As != nil {
			conv.As = v.As.name()
		}
		cmd.Conversions = append(cmd.Conversions, conv)
	}
	return cmd, nil
}

// byClause splits the by items of tstats and mstats into fields and the
// one span= they may hold; prefix names the command in errors.
func (c *converter) byClause(items []*gByItem, prefix string) (fields []string, span string, err error) {
	for _, b := range items {
		if b.Span != nil {
			if span != "" {
				return nil, "", errorf(c.query, b.Pos.Offset, "%sspan given twice in the by clause", prefix)
			}
			span = b.Span.name()
			continue
		}
		fields = append(fields, b.Field.name())
	}
	return fields, span, nil
}
