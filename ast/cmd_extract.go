package ast

// RexCommand is `rex [field=f] [max_match=N] [offset_field=f] [mode=sed]
// "regex"`: extracts named groups into fields, or with mode=sed rewrites
// the field with a sed expression (s/a/b/g, y/abc/xyz/). Options may also
// follow the regex; they print before it.
type RexCommand struct {
	Loc     Span
	Options []Option
	// Regex is the regular expression (or sed expression) as written: Raw
	// keeps the text between the quotes verbatim; Value applies SPL's \"
	// and \\ escapes and is what the regex engine gets, so the idiom
	// "\\\(" reaches it as \\( (a backslash, then a group).
	Regex Literal
}

// Field is the field rex reads: field=, default _raw.
func (c *RexCommand) Field() string {
	if c == nil {
		return ""
	}
	if f, ok := c.Option("field"); ok {
		return f
	}
	return "_raw"
}

// RegexCommand is `regex [field=|field!=]"regex"`: keeps the results whose
// field matches (or, with !=, does not match) the regular expression. The
// field defaults to _raw.
type RegexCommand struct {
	Loc    Span
	Field  string // "" when not written (then _raw)
	Negate bool   // written field!="..."
	Regex  Literal
}

// Target is the field the regex is matched against: Field, or _raw.
func (c *RegexCommand) Target() string {
	if c == nil {
		return ""
	}
	if c.Field == "" {
		return "_raw"
	}
	return c.Field
}

// SpathCommand is `spath [input=f] [output=f] [path=p | p]`: extracts
// JSON or XML values from a field (default _raw). Without a path every
// value is extracted, each into a field named by its path.
type SpathCommand struct {
	Loc     Span
	Options []Option // input=, output=, path=
	Path    *Literal // the positional path (`spath a.b{}`); nil when not written
}

// PathValue returns the path: path= or the positional one, and whether
// either was given.
func (c *SpathCommand) PathValue() (string, bool) {
	if c == nil {
		return "", false
	}
	if c.Path != nil {
		return c.Path.Value(), true
	}
	return c.Option("path")
}

// XmlkvCommand is `xmlkv [field] [maxinputs=N]`: extracts <tag>value</tag>
// pairs from the field (default _raw) into fields.
type XmlkvCommand struct {
	Loc     Span
	Options []Option
	Field   string // "" when not written (then _raw)
}

// FromjsonCommand is `fromjson field [prefix=p]`: the top-level keys of the
// JSON object in field become fields.
type FromjsonCommand struct {
	Loc     Span
	Options []Option
	Field   string
}

// ExtractCommand is `extract [options] [extractor ...]`, also called kv:
// key/value extraction from _raw with pairdelim=, kvdelim=, limit=,
// maxchars=, mv_add=, clean_keys=, auto=, reload=, segment=, or with
// the named transforms.conf extractors.
type ExtractCommand struct {
	Loc        Span
	Options    []Option
	Extractors []string
}

// MultikvCommand is `multikv [options] [fields f ...] [filter term ...]`:
// splits table-formatted events into one result per row.
type MultikvCommand struct {
	Loc     Span
	Options []Option // conf=, copyattrs=, forceheader=, multitable=, noheader=, rmorig=
	Fields  []string // after the fields keyword
	Filter  []string // after the filter keyword
}

// IplocationCommand is `iplocation [prefix=p] [allfields=bool] [lang=l]
// field`: adds City, Country, Region, lat, lon (with allfields also
// Continent, MetroCode, Timezone) for the IP address in field, each name
// prefixed with prefix.
type IplocationCommand struct {
	Loc     Span
	Options []Option
	Field   string
}

// Option returns the value of the named option and whether it was given.
func (c *RexCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *SpathCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *XmlkvCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *FromjsonCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *ExtractCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *MultikvCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *IplocationCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node.
func (c *RexCommand) String() string {
	if c == nil {
		return ""
	}
	return "rex" + joinOptions(c.Options) + " " + c.Regex.String()
}

// String implements Node.
func (c *RegexCommand) String() string {
	if c == nil {
		return ""
	}
	switch {
	case c.Negate:
		return "regex " + QuoteField(c.Field) + "!=" + c.Regex.String()
	case c.Field != "":
		return "regex " + QuoteField(c.Field) + "=" + c.Regex.String()
	}
	return "regex " + c.Regex.String()
}

// String implements Node.
func (c *SpathCommand) String() string {
	if c == nil {
		return ""
	}
	s := "spath" + joinOptions(c.Options)
	if c.Path != nil {
		s += " " + c.Path.String()
	}
	return s
}

// String implements Node.
func (c *XmlkvCommand) String() string {
	if c == nil {
		return ""
	}
	return optionalField("xmlkv", c.Field) + joinOptions(c.Options)
}

// String implements Node.
func (c *FromjsonCommand) String() string {
	if c == nil {
		return ""
	}
	return "fromjson " + QuoteField(c.Field) + joinOptions(c.Options)
}

// String implements Node.
func (c *ExtractCommand) String() string {
	if c == nil {
		return ""
	}
	s := "extract" + joinOptions(c.Options)
	if len(c.Extractors) > 0 {
		s += " " + joinFields(c.Extractors)
	}
	return s
}

// multikvKeywords are multikv's clause keywords.
var multikvKeywords = []string{"fields", "filter"}

// String implements Node.
func (c *MultikvCommand) String() string {
	if c == nil {
		return ""
	}
	s := "multikv" + joinOptions(c.Options)
	for _, clause := range []struct {
		kw    string
		items []string
	}{{"fields", c.Fields}, {"filter", c.Filter}} {
		if len(clause.items) == 0 {
			continue
		}
		s += " " + clause.kw
		for _, f := range clause.items {
			s += " " + quoteName(f, multikvKeywords)
		}
	}
	return s
}

// String implements Node.
func (c *IplocationCommand) String() string {
	if c == nil {
		return ""
	}
	return "iplocation" + joinOptions(c.Options) + " " + QuoteField(c.Field)
}

func optionalField(name, field string) string {
	if field == "" {
		return name
	}
	return name + " " + QuoteField(field)
}

// Span implements Node.
func (c *RexCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *RegexCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *SpathCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *XmlkvCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *FromjsonCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *ExtractCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *MultikvCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *IplocationCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*RexCommand) CommandName() string { return "rex" }

// CommandName implements Command.
func (*RegexCommand) CommandName() string { return "regex" }

// CommandName implements Command.
func (*SpathCommand) CommandName() string { return "spath" }

// CommandName implements Command.
func (*XmlkvCommand) CommandName() string { return "xmlkv" }

// CommandName implements Command.
func (*FromjsonCommand) CommandName() string { return "fromjson" }

// CommandName implements Command.
func (*ExtractCommand) CommandName() string { return "extract" }

// CommandName implements Command.
func (*MultikvCommand) CommandName() string { return "multikv" }

// CommandName implements Command.
func (*IplocationCommand) CommandName() string { return "iplocation" }

func (*RexCommand) commandNode()        {}
func (*RegexCommand) commandNode()      {}
func (*SpathCommand) commandNode()      {}
func (*XmlkvCommand) commandNode()      {}
func (*FromjsonCommand) commandNode()   {}
func (*ExtractCommand) commandNode()    {}
func (*MultikvCommand) commandNode()    {}
func (*IplocationCommand) commandNode() {}
