package parser

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

func (f *gLookupField) field() ast.LookupField {
	lf := ast.LookupField{Loc: span(f.Pos, f.EndPos), Field: f.Field.name()}
	if f.As != nil {
		lf.As = f.As.name()
	}
	return lf
}

func lookupFields(fs []*gLookupField) []ast.LookupField {
	out := make([]ast.LookupField, len(fs))
	for i, f := range fs {
		out[i] = f.field()
	}
	return out
}

func (c *converter) lookup(g *gLookup, loc ast.Span) (ast.Command, error) {
	cmd := &ast.LookupCommand{Loc: loc, Table: g.Table.name(), Fields: lookupFields(g.Fields), Outputs: lookupFields(g.Outputs)}
	for _, o := range g.Options {
		cmd.Options = append(cmd.Options, o.option())
	}
	if err := c.checkOptions("lookup", cmd.Options); err != nil {
		return nil, err
	}
	if len(cmd.Fields) == 0 {
		return nil, errorf(c.query, g.Table.end(), "lookup: missing the fields to match after the table name")
	}
	if g.Mode != "" {
		cmd.Mode = strings.ToUpper(g.Mode)
		if len(cmd.Outputs) == 0 {
			return nil, errorf(c.query, int(loc.End), "lookup: missing the fields after %s", cmd.Mode)
		}
	}
	return cmd, nil
}

func (c *converter) inputlookup(g *gInputlookup, loc ast.Span) (ast.Command, error) {
	opts, fields := split(g.Items)
	if err := c.checkOptions("inputlookup", opts); err != nil {
		return nil, err
	}
	t, err := c.oneNamed("inputlookup", "the lookup table", fields, loc)
	if err != nil {
		return nil, err
	}
	cmd := &ast.InputlookupCommand{Loc: loc, Options: opts, Table: t}
	if g.Where != nil {
		if cmd.Where, err = c.fill(g.Where); err != nil {
			return nil, err
		}
	}
	return cmd, nil
}

// oneNamed checks that exactly one positional argument (what) was given
// and returns it.
func (c *converter) oneNamed(cmd, what string, fields []*gLit, loc ast.Span) (string, error) {
	switch len(fields) {
	case 0:
		return "", errorf(c.query, int(loc.End), "%s: missing %s", cmd, what)
	case 1:
		return fields[0].name(), nil
	}
	return "", errorf(c.query, fields[1].Pos.Offset, "%s: unexpected %q: expected one name", cmd, fields[1].name())
}

// noPositional rejects positional arguments of a command that takes only
// options (and a subsearch).
func (c *converter) noPositional(cmd string, fields []*gLit) error {
	if len(fields) > 0 {
		return errorf(c.query, fields[0].Pos.Offset, "%s: unexpected %q: expected an option such as key=value", cmd, fields[0].name())
	}
	return nil
}

// optional returns the only positional argument or "", rejecting more.
func (c *converter) optional(cmd string, fields []*gLit) (string, error) {
	switch len(fields) {
	case 0:
		return "", nil
	case 1:
		return fields[0].name(), nil
	}
	return "", errorf(c.query, fields[1].Pos.Offset, "%s: unexpected %q: expected at most one field", cmd, fields[1].name())
}

// The commands of the shape `name (option | name)*` parsed with gItems
// (itemsCommand, which checks their options): outputlookup, rex, spath,
// xmlkv, fromjson, extract and kv, iplocation, map, from, datamodel.

func (c *converter) outputlookup(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	t, err := c.oneNamed("outputlookup", "the lookup table", fields, loc)
	return &ast.OutputlookupCommand{Loc: loc, Options: opts, Table: t}, err
}

func (c *converter) rex(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	if len(fields) == 0 {
		return nil, errorf(c.query, int(loc.End), "rex: missing the regular expression")
	}
	if len(fields) > 1 {
		return nil, errorf(c.query, fields[1].Pos.Offset, "rex: unexpected %q: expected one regular expression", fields[1].name())
	}
	return &ast.RexCommand{Loc: loc, Options: opts, Regex: fields[0].literal()}, nil
}

func (c *converter) spath(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	cmd := &ast.SpathCommand{Loc: loc, Options: opts}
	switch {
	case len(fields) > 1:
		return nil, errorf(c.query, fields[1].Pos.Offset, "spath: unexpected %q: expected one path", fields[1].name())
	case len(fields) == 1:
		if _, ok := findOpt(opts, "path"); ok {
			return nil, errorf(c.query, fields[0].Pos.Offset, "spath: path given twice")
		}
		l := fields[0].literal()
		cmd.Path = &l
	}
	return cmd, nil
}

func (c *converter) xmlkv(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	f, err := c.optional("xmlkv", fields)
	return &ast.XmlkvCommand{Loc: loc, Options: opts, Field: f}, err
}

func (c *converter) fromjson(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	f, err := c.oneField("fromjson", fields, loc)
	return &ast.FromjsonCommand{Loc: loc, Options: opts, Field: f}, err
}

// extract, also for kv, its other name.
func (c *converter) extract(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	return &ast.ExtractCommand{Loc: loc, Options: opts, Extractors: names(fields)}, nil
}

func (c *converter) iplocation(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	f, err := c.oneField("iplocation", fields, loc)
	return &ast.IplocationCommand{Loc: loc, Options: opts, Field: f}, err
}

func (c *converter) mapCmd(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	cmd := &ast.MapCommand{Loc: loc, Options: opts}
	if len(fields) > 1 {
		return nil, errorf(c.query, fields[1].Pos.Offset, "map: unexpected %q: expected one saved search", fields[1].name())
	}
	if len(fields) == 1 {
		l := fields[0].literal()
		cmd.Saved = &l
	}
	_, hasSearch := findOpt(opts, "search")
	if hasSearch == (cmd.Saved != nil) {
		return nil, errorf(c.query, int(loc.Start), "map: expected either search=\"...\" or the name of a saved search")
	}
	return cmd, nil
}

func findOpt(opts []ast.Option, key string) (ast.Option, bool) {
	for _, o := range opts {
		if equalFold(o.Key, key) {
			return o, true
		}
	}
	return ast.Option{}, false
}

// from: `from kind:name`, `from kind:"name"` or `from kind name`.
func (c *converter) from(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	if len(opts) > 0 {
		return nil, errorf(c.query, int(opts[0].Loc.Start), "from: unexpected option %q: expected kind:name", opts[0].Key)
	}
	cmd := &ast.FromCommand{Loc: loc}
	switch {
	case len(fields) == 1 && fields[0].Word != nil && strings.IndexByte(*fields[0].Word, ':') > 0:
		w := *fields[0].Word
		i := strings.IndexByte(w, ':')
		cmd.Kind, cmd.Name = w[:i], w[i+1:]
	case len(fields) == 2 && fields[0].Word != nil:
		cmd.Kind, cmd.Name = strings.TrimSuffix(*fields[0].Word, ":"), fields[1].name()
	default:
		return nil, errorf(c.query, int(loc.Start), "from: expected a dataset such as datamodel:\"Endpoint.Processes\"")
	}
	if cmd.Kind == "" || cmd.Name == "" || strings.ContainsRune(cmd.Kind, ':') {
		return nil, errorf(c.query, int(loc.Start), "from: expected a dataset such as datamodel:\"Endpoint.Processes\"")
	}
	cmd.Kind = strings.ToLower(cmd.Kind)
	return cmd, nil
}

// datamodel: positional model, dataset, then a search mode (a word of
// ast.DatamodelModes, any case) in any position.
func (c *converter) datamodel(opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	cmd := &ast.DatamodelCommand{Loc: loc, Options: opts}
	modes := ast.DatamodelModes()
	for _, f := range fields {
		n := f.name()
		isMode := false
		if f.Word != nil {
			for _, m := range modes {
				isMode = isMode || equalFold(n, m)
			}
		}
		switch {
		case isMode && cmd.Mode == "":
			cmd.Mode = strings.ToLower(n)
		case cmd.Mode == "" && cmd.Model == "":
			cmd.Model = n
		case cmd.Mode == "" && cmd.Dataset == "":
			cmd.Dataset = n
		default:
			return nil, errorf(c.query, f.Pos.Offset, "datamodel: unexpected %q: expected [model [dataset]] [mode]", n)
		}
	}
	return cmd, nil
}

func (c *converter) regex(g *gRegex, loc ast.Span) (ast.Command, error) {
	cmd := &ast.RegexCommand{Loc: loc, Regex: g.Regex.literal()}
	if g.Field != nil {
		cmd.Field = g.Field.name()
		cmd.Negate = g.Op == "!="
		if cmd.Field == "" {
			return nil, errorf(c.query, g.Field.Pos.Offset, "regex: empty field name")
		}
	}
	return cmd, nil
}

func (c *converter) multikv(g *gMultikv, loc ast.Span) (ast.Command, error) {
	cmd := &ast.MultikvCommand{Loc: loc}
	var into *[]string
	for _, it := range g.Items {
		switch {
		case it.Kw != "" && equalFold(it.Kw, "fields"):
			into = &cmd.Fields
		case it.Kw != "":
			into = &cmd.Filter
		case it.Opt != nil:
			cmd.Options = append(cmd.Options, it.Opt.option())
		case it.Lit != nil && into == nil:
			return nil, errorf(c.query, it.Lit.Pos.Offset, "multikv: unexpected %q: expected an option, fields or filter", it.Lit.name())
		case it.Lit != nil:
			*into = append(*into, it.Lit.name())
		}
	}
	return cmd, c.checkOptions("multikv", cmd.Options)
}
