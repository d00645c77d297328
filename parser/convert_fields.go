package parser

import "github.com/spelunk-dev/spelunk/ast"

func names(ls []*gLit) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.name()
	}
	return out
}

func (c *converter) table(g *gTable, loc ast.Span) (ast.Command, error) {
	return &ast.TableCommand{Loc: loc, Fields: names(g.Fields)}, nil
}

// fields: the sign may be a word of its own (`fields - a`) or glued to the
// first field (`fields -a`).
func (c *converter) fields(g *gFields, loc ast.Span) (ast.Command, error) {
	cmd := &ast.FieldsCommand{Loc: loc, Remove: g.Sign == "-", Fields: names(g.Fields)}
	if first := g.Fields[0]; g.Sign == "" && first.Word != nil && len(*first.Word) > 1 && ((*first.Word)[0] == '-' || (*first.Word)[0] == '+') {
		cmd.Remove = (*first.Word)[0] == '-'
		cmd.Fields[0] = (*first.Word)[1:]
	}
	return cmd, nil
}

func (c *converter) fillnull(g *gFillnull, loc ast.Span) (ast.Command, error) {
	cmd := &ast.FillnullCommand{Loc: loc, Fields: names(g.Fields)}
	if g.Value != nil {
		v := g.Value.literal()
		cmd.Value = &v
	}
	return cmd, nil
}

func (c *converter) replace(g *gReplace, loc ast.Span) (ast.Command, error) {
	cmd := &ast.ReplaceCommand{Loc: loc, Fields: names(g.Fields)}
	for _, p := range g.Pairs {
		cmd.Pairs = append(cmd.Pairs, ast.ReplacePair{Loc: span(p.Pos, p.EndPos), From: p.From.literal(), To: p.To.literal()})
	}
	return cmd, nil
}

// split separates options and fields.
func split(items []*gItem) (opts []ast.Option, fields []*gLit) {
	for _, it := range items {
		if it.Opt != nil {
			opts = append(opts, it.Opt.option())
		} else {
			fields = append(fields, it.Field)
		}
	}
	return opts, fields
}

func (o *gOption) option() ast.Option {
	return ast.Option{Loc: span(o.Pos, o.EndPos), Key: o.Key, Value: o.Value.literal()}
}

// itemsCommand adapts the converter of a command of the shape
// `name (option | field)*` (grammar gItems): conv gets the options,
// checked against commandOptions[name], and the other items.
func itemsCommand(name string, conv func(c *converter, opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error)) func(*converter, *gItems, ast.Span) (ast.Command, error) {
	return func(c *converter, g *gItems, loc ast.Span) (ast.Command, error) {
		opts, fields := split(g.Items)
		if err := c.checkOptions(name, opts); err != nil {
			return nil, err
		}
		return conv(c, opts, fields, loc)
	}
}

func (c *converter) addtotals(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	return &ast.AddtotalsCommand{Loc: loc, Options: opts, Fields: names(fields)}, nil
}

func (c *converter) makeresults(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	if len(fields) > 0 {
		return nil, errorf(c.query, fields[0].Pos.Offset, "makeresults: unexpected %q: expected an option such as count=N", fields[0].name())
	}
	return &ast.MakeresultsCommand{Loc: loc, Options: opts}, nil
}

func (c *converter) mvexpand(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	f, err := c.oneField("mvexpand", fields, loc)
	if err != nil {
		return nil, err
	}
	return &ast.MvexpandCommand{Loc: loc, Field: f, Options: opts}, nil
}

func (c *converter) makemv(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	f, err := c.oneField("makemv", fields, loc)
	if err != nil {
		return nil, err
	}
	return &ast.MakemvCommand{Loc: loc, Options: opts, Field: f}, nil
}

// oneField checks that exactly one field was given and returns it.
func (c *converter) oneField(cmd string, fields []*gLit, loc ast.Span) (string, error) {
	switch len(fields) {
	case 0:
		return "", errorf(c.query, int(loc.End), "%s: missing the field name", cmd)
	case 1:
		return fields[0].name(), nil
	}
	return "", errorf(c.query, fields[1].Pos.Offset, "%s: unexpected %q: expected one field", cmd, fields[1].name())
}
