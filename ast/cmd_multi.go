package ast

// Commands that hold a nested pipeline: join, append, appendcols,
// appendpipe (and foreach, in foreach.go). A subsearch (join, append,
// appendcols) is a search of its own whose first command generates
// results; a subpipeline (appendpipe, foreach) runs on the current
// results, so its first command needs no generating command and no '|'.

// JoinCommand is `join [type=inner|left|outer] [max=N] [usetime=bool]
// [earlier=bool] [overwrite=bool] [fields] [subsearch]`. With no fields it
// joins on every field the two sides share. Splunk's defaults: type=inner,
// max=1, overwrite=true.
type JoinCommand struct {
	Loc       Span
	Options   []Option
	Fields    []string // join fields, in order; may be empty
	Subsearch *Query   // the bracketed search, parsed
}

// AppendCommand is `append [extendtimerange=] [maxtime=] [maxout=]
// [timeout=] [subsearch]` and `appendcols [override=] [maxtime=] [maxout=]
// [timeout=] [subsearch]`: append adds the subsearch's results after the
// current ones; appendcols adds its fields to the current results row by
// row.
type AppendCommand struct {
	Loc       Span
	Name      string // "append" or "appendcols"
	Options   []Option
	Subsearch *Query
}

// AppendpipeCommand is `appendpipe [run_in_preview=bool] [subpipeline]`:
// runs the subpipeline on the current results and appends its output.
// Pipeline's first command is a command (`stats ...`, `| map ...`), not an
// implicit search.
type AppendpipeCommand struct {
	Loc      Span
	Options  []Option
	Pipeline *Query
}

// MapCommand is `map search="..." [maxsearches=N]` or `map savedsearch
// [maxsearches=N]`: runs the search once per result, with $field$ replaced
// by the result's values. The search stays a string (Option("search")):
// its $tokens$ and macros are filled in per result at run time.
type MapCommand struct {
	Loc     Span
	Options []Option // search=, maxsearches=
	Saved   *Literal // the saved search's name; nil with search=
}

// Option returns the value of the named option and whether it was given.
func (c *JoinCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *AppendCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *AppendpipeCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *MapCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

func bracketed(q *Query) string { return "[" + q.String() + "]" }

// String implements Node.
func (c *JoinCommand) String() string {
	if c == nil {
		return ""
	}
	s := "join" + joinOptions(c.Options)
	if len(c.Fields) > 0 {
		s += " " + joinFields(c.Fields)
	}
	return s + " " + bracketed(c.Subsearch)
}

// String implements Node.
func (c *AppendCommand) String() string {
	if c == nil {
		return ""
	}
	return c.Name + joinOptions(c.Options) + " " + bracketed(c.Subsearch)
}

// String implements Node.
func (c *AppendpipeCommand) String() string {
	if c == nil {
		return ""
	}
	return "appendpipe" + joinOptions(c.Options) + " " + bracketed(c.Pipeline)
}

// String implements Node.
func (c *MapCommand) String() string {
	if c == nil {
		return ""
	}
	s := "map"
	if c.Saved != nil {
		s += " " + c.Saved.String()
	}
	return s + joinOptions(c.Options)
}

// Span implements Node.
func (c *JoinCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *AppendCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *AppendpipeCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *MapCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*JoinCommand) CommandName() string { return "join" }

// CommandName implements Command: "append" or "appendcols".
func (c *AppendCommand) CommandName() string {
	if c == nil {
		return ""
	}
	return c.Name
}

// CommandName implements Command.
func (*AppendpipeCommand) CommandName() string { return "appendpipe" }

// CommandName implements Command.
func (*MapCommand) CommandName() string { return "map" }

func (*JoinCommand) commandNode()       {}
func (*AppendCommand) commandNode()     {}
func (*AppendpipeCommand) commandNode() {}
func (*MapCommand) commandNode()        {}
