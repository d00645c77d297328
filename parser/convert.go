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
	depth int // subsearch nesting of the text being converted
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

func (c *converter) and(g *gAnd) (ast.SearchExpr, error) {
	terms := make([]ast.SearchExpr, 0, len(g.Terms))
	for _, t := range g.Terms {
		e, err := c.or(t)
		if err != nil {
			return nil, err
		}
		terms = append(terms, e)
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return &ast.SearchAnd{Loc: span(g.Pos, g.EndPos), Terms: terms}, nil
}

func (c *converter) or(g *gOr) (ast.SearchExpr, error) {
	terms := make([]ast.SearchExpr, 0, len(g.Terms))
	for _, t := range g.Terms {
		e, err := c.not(t)
		if err != nil {
			return nil, err
		}
		terms = append(terms, e)
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return &ast.SearchOr{Loc: span(g.Pos, g.EndPos), Terms: terms}, nil
}

func (c *converter) not(g *gNot) (ast.SearchExpr, error) {
	if g.Not != nil {
		e, err := c.not(g.Not)
		if err != nil {
			return nil, err
		}
		return &ast.SearchNot{Loc: span(g.Pos, g.EndPos), Expr: e}, nil
	}
	return c.atom(g.Atom)
}

func (c *converter) atom(g *gAtom) (ast.SearchExpr, error) {
	loc := span(g.Pos, g.EndPos)
	switch {
	case g.Group != nil:
		e, err := c.and(g.Group)
		if err != nil {
			return nil, err
		}
		return &ast.SearchGroup{Loc: loc, Expr: e}, nil
	case g.Subsearch != nil:
		return c.subsearch(g.Subsearch)
	case g.Op != "":
		return &ast.SearchCompare{Loc: loc, Field: g.Left.name(), Op: ast.CompareOp(g.Op), Value: g.Value.literal()}, nil
	case g.IsIn:
		if len(g.In) == 0 {
			return nil, errorf(c.query, g.EndPos.Offset-1, "empty IN list")
		}
		vals := make([]ast.Literal, len(g.In))
		for i, v := range g.In {
			vals[i] = v.literal()
		}
		return &ast.SearchIn{Loc: loc, Field: g.Left.name(), Values: vals}, nil
	default:
		return &ast.SearchTerm{Loc: loc, Value: g.Left.literal()}, nil
	}
}

// subsearch parses the text between the brackets as a query of its own.
func (c *converter) subsearch(g *gSubsearch) (ast.SearchExpr, error) {
	start := g.Pos.Offset
	end := start + len(g.Raw)
	if c.depth >= maxSubsearchDepth {
		return nil, errorf(c.query, start, "subsearches nested deeper than %d", maxSubsearchDepth)
	}
	if isBlank(c.query[start+1 : end-1]) {
		return nil, errorf(c.query, start, "empty subsearch")
	}
	q, err := parseRange(c.query, start+1, end-1, c.depth+1)
	if err != nil {
		return nil, err
	}
	return &ast.SearchSubsearch{Loc: ast.Span{Start: ast.Pos(start), End: ast.Pos(end)}, Query: q}, nil
}

func (c *converter) search(g *gSearch, loc ast.Span) (*ast.SearchCommand, error) {
	cmd := &ast.SearchCommand{Loc: loc}
	if g.Expr != nil {
		e, err := c.and(g.Expr)
		if err != nil {
			return nil, err
		}
		cmd.Expr = e
	}
	return cmd, nil
}

func (c *converter) tstats(g *gTstats, loc ast.Span) (*ast.TstatsCommand, error) {
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
		e, err := c.and(g.Where)
		if err != nil {
			return nil, err
		}
		cmd.Where = e
	}
	for _, b := range g.By {
		if b.Span != nil {
			if cmd.BySpan != "" {
				return nil, errorf(c.query, b.Pos.Offset, "span given twice in the by clause")
			}
			cmd.BySpan = b.Span.name()
			continue
		}
		cmd.By = append(cmd.By, b.Field.name())
	}
	return cmd, nil
}

func (c *converter) rename(g *gRename, loc ast.Span) *ast.RenameCommand {
	cmd := &ast.RenameCommand{Loc: loc}
	for _, p := range g.Pairs {
		cmd.Pairs = append(cmd.Pairs, ast.RenamePair{Loc: span(p.Pos, p.EndPos), From: p.From.name(), To: p.To.name()})
	}
	return cmd
}

func (c *converter) convert(g *gConvert, loc ast.Span) *ast.ConvertCommand {
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
	return cmd
}
