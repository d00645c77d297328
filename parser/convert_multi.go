package parser

import (
	"errors"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// nested parses the bracketed text at sub as a pipeline of its own: a
// subsearch (leadGenerating) or a subpipeline (leadCommand).
func (c *converter) nested(sub *gSub, lead leadKind) (*ast.Query, error) {
	start := sub.Pos.Offset
	end := start + len(sub.Text)
	if c.depth >= maxSubsearchDepth {
		return nil, errorf(c.query, start, "subsearches nested deeper than %d", maxSubsearchDepth)
	}
	if isBlank(c.query[start+1 : end-1]) {
		return nil, errorf(c.query, start, "empty subsearch")
	}
	return parsePipeline(c.query, start+1, end-1, c.depth+1, lead)
}

// subCmd converts join, append, appendcols and appendpipe.
func (c *converter) subCmd(g *gSubCmd, loc ast.Span) (ast.Command, error) {
	name := strings.ToLower(g.Name)
	opts, fields := split(g.Items)
	for _, o := range g.After {
		opts = append(opts, o.option())
	}
	if err := c.checkOptions(name, opts); err != nil {
		return nil, err
	}
	if name != "join" {
		if err := c.noPositional(name, fields); err != nil {
			return nil, err
		}
	}
	lead := leadGenerating
	if name == "appendpipe" {
		lead = leadCommand
	}
	q, err := c.nested(g.Sub, lead)
	if err != nil {
		return nil, err
	}
	switch name {
	case "join":
		return &ast.JoinCommand{Loc: loc, Options: opts, Fields: names(fields), Subsearch: q}, nil
	case "appendpipe":
		return &ast.AppendpipeCommand{Loc: loc, Options: opts, Pipeline: q}, nil
	}
	return &ast.AppendCommand{Loc: loc, Name: name, Options: opts, Subsearch: q}, nil
}

// foreachTokens are the template tokens of foreach with their
// placeholders (ast.ForeachPlaceholders), as a replacer; each placeholder
// is as long as its token, so offsets do not move.
var foreachTokens = func() *strings.Replacer {
	var pairs []string
	for tok, ph := range ast.ForeachPlaceholders() {
		if len(tok) != len(ph) {
			panic("foreach placeholder " + ph + " is not as long as " + tok)
		}
		pairs = append(pairs, tok, ph)
	}
	return strings.NewReplacer(pairs...)
}()

// foreach parses the template as a subpipeline after replacing its tokens
// with placeholders in a copy of the query of the same length, so every
// span of Body is an offset of the query.
func (c *converter) foreach(g *gSubCmd, loc ast.Span) (ast.Command, error) {
	opts, fields := split(g.Items)
	for _, o := range g.After {
		opts = append(opts, o.option())
	}
	if err := c.checkOptions("foreach", opts); err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		return nil, errorf(c.query, g.Sub.Pos.Offset, "foreach: missing the fields before the template")
	}
	start := g.Sub.Pos.Offset
	end := start + len(g.Sub.Text)
	ts, te := trimBounds(c.query, start+1, end-1)
	cmd := &ast.ForeachCommand{Loc: loc, Options: opts, Fields: names(fields), Template: c.query[ts:te]}
	sub := &converter{query: c.query[:start] + foreachTokens.Replace(c.query[start:end]) + c.query[end:], depth: c.depth}
	body, err := sub.nested(g.Sub, leadCommand)
	if err != nil {
		var pe *Error
		if errors.As(err, &pe) {
			pe.Query = c.query
		}
		return nil, err
	}
	cmd.Body = body
	return cmd, nil
}

func (c *converter) transaction(g *gTransaction, loc ast.Span) (ast.Command, error) {
	cmd := &ast.TransactionCommand{Loc: loc}
	for _, it := range g.Items {
		switch {
		case it.Opt != nil:
			cmd.Options = append(cmd.Options, it.Opt.option())
		case it.Field != nil:
			cmd.Fields = append(cmd.Fields, it.Field.name())
		default:
			f, err := c.transFilter(it.Filter)
			if err != nil {
				return nil, err
			}
			dst := &cmd.StartsWith
			if equalFold(it.Filter.Key, "endswith") {
				dst = &cmd.EndsWith
			}
			if *dst != nil {
				return nil, errorf(c.query, it.Filter.Pos.Offset, "transaction: %s given twice", strings.ToLower(it.Filter.Key))
			}
			*dst = f
		}
	}
	return cmd, c.checkOptions("transaction", cmd.Options)
}

// transFilter converts startswith=/endswith=; a bare word is read as the
// search term it is, in the parenthesised form.
func (c *converter) transFilter(g *gTransFilter) (*ast.TransactionFilter, error) {
	f := &ast.TransactionFilter{Loc: span(g.Pos, g.EndPos), Form: ast.FilterParen}
	switch {
	case g.Eval != nil:
		f.Form, f.Eval = ast.FilterEval, g.Eval
	case g.Search != nil:
		e, err := c.fill(g.Search)
		if err != nil {
			return nil, err
		}
		f.Form, f.Search = ast.FilterParen, e
	default:
		e, err := c.searchInLiteral(g.Lit)
		if err != nil {
			return nil, err
		}
		f.Search = e
		if g.Lit.String != nil {
			f.Form = ast.FilterQuoted
		}
	}
	return f, nil
}

// searchInLiteral parses the search expression written inside a literal,
// as in startswith="EventCode=1". Positions are offsets of the query when
// the literal has no escapes, else the literal's own span.
func (c *converter) searchInLiteral(l *gLit) (ast.SearchExpr, error) {
	lit := l.literal()
	start := l.Pos.Offset
	if lit.Quoted {
		start++
	}
	if !strings.ContainsRune(lit.Raw, '\\') {
		s, e := trimBounds(c.query, start, start+len(lit.Raw))
		if s == e {
			return nil, errorf(c.query, l.Pos.Offset, "empty search expression")
		}
		g, err := runParser(exprParser, c.query, s, e, lexSearch, "search")
		if err != nil {
			return nil, err
		}
		return c.fill(g.X)
	}
	e, err := ParseSearch(lit.Value())
	if err != nil {
		return nil, errorf(c.query, l.Pos.Offset, "%s", err.(*Error).Msg)
	}
	whole := ast.Span{Start: ast.Pos(l.Pos.Offset), End: ast.Pos(l.end())}
	ast.Inspect(e, func(n ast.Node) bool {
		setSearchSpan(n, whole)
		return true
	})
	return e, nil
}

// setSearchSpan sets the span of a search-expression node.
func setSearchSpan(n ast.Node, s ast.Span) {
	switch n := n.(type) {
	case *ast.SearchAnd:
		n.Loc = s
	case *ast.SearchOr:
		n.Loc = s
	case *ast.SearchNot:
		n.Loc = s
	case *ast.SearchGroup:
		n.Loc = s
	case *ast.SearchCompare:
		n.Loc = s
	case *ast.SearchIn:
		n.Loc = s
	case *ast.SearchTerm:
		n.Loc = s
	case *ast.SearchSubsearch:
		n.Loc = s
	}
}

// aggs converts the aggregates of tstats and mstats.
func aggs(g []*gAgg) []ast.Aggregate {
	out := make([]ast.Aggregate, 0, len(g))
	for _, a := range g {
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
		out = append(out, agg)
	}
	return out
}

func (c *converter) mstats(g *gMstats, loc ast.Span) (ast.Command, error) {
	cmd := &ast.MstatsCommand{Loc: loc, Aggregates: aggs(g.Aggs)}
	for _, o := range g.Options {
		cmd.Options = append(cmd.Options, o.option())
	}
	if g.Where != nil {
		e, err := c.fill(g.Where)
		if err != nil {
			return nil, err
		}
		cmd.Where = e
	}
	by, span, err := c.byClause(g.By, "mstats: ")
	if err != nil {
		return nil, err
	}
	cmd.By, cmd.BySpan = by, span
	for _, o := range g.After {
		if !equalFold(o.Key, "span") || cmd.BySpan != "" {
			return nil, errorf(c.query, o.Pos.Offset, "mstats: unexpected %q after the aggregates: expected span=, where or by", o.Key)
		}
		cmd.BySpan = o.Value.name()
	}
	return cmd, nil
}

func statsAgg(a *gStatsAgg) ast.Aggregate {
	agg := ast.Aggregate{Loc: span(a.Pos, a.EndPos), Func: strings.ToLower(a.Func), Eval: a.Eval}
	if a.Field != nil {
		agg.Field = a.Field.name()
	}
	if a.As != nil {
		agg.As = a.As.name()
	}
	return agg
}

func (c *converter) timechart(g *gTimechart, loc ast.Span) (ast.Command, error) {
	cmd := &ast.TimechartCommand{Loc: loc}
	for _, it := range g.Items {
		if it.Opt != nil {
			cmd.Options = append(cmd.Options, it.Opt.option())
			continue
		}
		cmd.Aggregates = append(cmd.Aggregates, statsAgg(it.Agg))
	}
	if len(cmd.Aggregates) == 0 {
		return nil, errorf(c.query, int(loc.End), "timechart: missing an aggregate such as count")
	}
	if g.By != nil {
		cmd.By = g.By.name()
	}
	for _, o := range g.After {
		cmd.Options = append(cmd.Options, o.option())
	}
	if n := len(g.Where); n > 0 {
		cmd.Where = c.query[g.Where[0].Pos.Offset:g.Where[n-1].EndPos.Offset]
	}
	return cmd, c.checkOptions("timechart", cmd.Options)
}

// chart: over takes one field, by one or two (two only without over).
func (c *converter) chart(g *gChart, loc ast.Span) (ast.Command, error) {
	cmd := &ast.ChartCommand{Loc: loc}
	for _, it := range g.Items {
		if it.Opt != nil {
			cmd.Options = append(cmd.Options, it.Opt.option())
			continue
		}
		cmd.Aggregates = append(cmd.Aggregates, statsAgg(it.Agg))
	}
	if len(cmd.Aggregates) == 0 {
		return nil, errorf(c.query, int(loc.End), "chart: missing an aggregate such as count")
	}
	var over []*gLit
	cmd.OverOptions, over = split(g.Over)
	var by []*gLit
	cmd.ByOptions, by = split(g.By)
	switch {
	case g.Over != nil && len(over) != 1:
		return nil, errorf(c.query, int(loc.End), "chart: over takes exactly one field")
	case len(over) == 1:
		cmd.Over = over[0].name()
	}
	cmd.By = names(by)
	switch {
	case g.By != nil && len(by) == 0:
		return nil, errorf(c.query, int(loc.End), "chart: by needs a field")
	case len(by) > 2, cmd.Over != "" && len(by) > 1:
		return nil, errorf(c.query, by[len(by)-1].Pos.Offset, "chart: too many split fields (over X by Y, or by X Y)")
	}
	for _, opts := range [][]ast.Option{cmd.Options, cmd.OverOptions, cmd.ByOptions} {
		if err := c.checkOptions("chart", opts); err != nil {
			return nil, err
		}
	}
	return cmd, nil
}

// top: a first bare integer is the limit.
func (c *converter) top(g *gTop, loc ast.Span) (ast.Command, error) {
	name := strings.ToLower(g.Name)
	cmd := &ast.TopCommand{Loc: loc, Name: name, By: names(g.By)}
	for i, it := range g.Items {
		switch {
		case it.Opt != nil:
			cmd.Options = append(cmd.Options, it.Opt.option())
		case i == 0 && it.Field.Word != nil && isInteger(*it.Field.Word):
			n, err := c.count(*it.Field.Word, it.Field.Pos.Offset)
			if err != nil {
				return nil, err
			}
			cmd.Limit, cmd.LimitSet = n, true
		default:
			cmd.Fields = append(cmd.Fields, it.Field.name())
		}
	}
	if len(cmd.Fields) == 0 {
		return nil, errorf(c.query, int(loc.End), "%s: missing the fields", name)
	}
	return cmd, c.checkOptions(name, cmd.Options)
}
