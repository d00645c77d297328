package ast

import (
	"strconv"
	"strings"
)

// SortKey is one key of sort or dedup's sortby: [+|-]field or
// [+|-]func(field) with func one of auto, str, num, ip.
type SortKey struct {
	Loc   Span
	Field string
	Desc  bool   // written with a leading '-'
	Func  string // "", "auto", "str", "num" or "ip"
}

// SortCommand is `sort [N | limit=N] keys [d|desc]`. Splunk's default
// limit is 10000; `sort 0` means no limit.
type SortCommand struct {
	Loc      Span
	Limit    int
	LimitSet bool // a limit was written
	Keys     []SortKey
	Reverse  bool // a trailing d or desc reverses the whole order
}

// HeadCommand is `head [N | limit=N | (expr)] [keeplast=] [null=]`; the
// default limit is 10.
type HeadCommand struct {
	Loc      Span
	Limit    int
	LimitSet bool
	Expr     Expr // head (expr): rows while expr is true; nil otherwise
	Options  []Option
}

// TailCommand is `tail [N]`; the default is 10.
type TailCommand struct {
	Loc      Span
	Limit    int
	LimitSet bool
}

// DedupCommand is `dedup [N] fields [keepempty=] [consecutive=]
// [keepevents=] [sortby keys]`.
type DedupCommand struct {
	Loc     Span
	Limit   int // keep the first N of each combination; 0 = 1
	Fields  []string
	Options []Option
	SortBy  []SortKey
}

// BinCommand is `bin|bucket [span=] [bins=] [minspan=] [start=] [end=]
// [aligntime=] field [AS name]`.
type BinCommand struct {
	Loc     Span
	Name    string // "bin" or "bucket", as written
	Options []Option
	Field   string
	As      string
}

// MvexpandCommand is `mvexpand field [limit=N]`.
type MvexpandCommand struct {
	Loc     Span
	Field   string
	Options []Option
}

// MakemvCommand is `makemv [delim=] [tokenizer=] [allowempty=] [setsv=]
// field`.
type MakemvCommand struct {
	Loc     Span
	Options []Option
	Field   string
}

// MakeresultsCommand is `makeresults [count=N] [annotate=] ...`.
type MakeresultsCommand struct {
	Loc     Span
	Options []Option
}

// Option returns the value of the named option and whether it was given.
func (c *HeadCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *DedupCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *BinCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *MvexpandCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *MakemvCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// Option returns the value of the named option and whether it was given.
func (c *MakeresultsCommand) Option(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	return findOption(c.Options, key)
}

// String implements Node.
func (k SortKey) String() string {
	s := ""
	if k.Desc {
		s = "-"
	}
	if k.Func != "" {
		return s + k.Func + "(" + QuoteField(k.Field) + ")"
	}
	if s == "" && (isDigits(k.Field) || equalFold(k.Field, "d") || equalFold(k.Field, "desc")) {
		// Bare, sort would read these as its limit or as desc.
		return `"` + k.Field + `"`
	}
	return s + QuoteField(k.Field)
}

// Span implements Node.
func (k SortKey) Span() Span { return k.Loc }

func joinKeys(keys []SortKey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k.String()
	}
	return strings.Join(parts, " ")
}

func joinOptions(opts []Option) string {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(" " + o.String())
	}
	return b.String()
}

// String implements Node.
func (c *SortCommand) String() string {
	if c == nil {
		return ""
	}
	s := "sort"
	if c.LimitSet {
		s += " " + strconv.Itoa(c.Limit)
	}
	s += " " + joinKeys(c.Keys)
	if c.Reverse {
		s += " desc"
	}
	return s
}

// String implements Node.
func (c *HeadCommand) String() string {
	if c == nil {
		return ""
	}
	s := "head"
	if c.LimitSet {
		s += " " + strconv.Itoa(c.Limit)
	}
	if c.Expr != nil {
		s += " (" + c.Expr.String() + ")"
	}
	return s + joinOptions(c.Options)
}

// String implements Node.
func (c *TailCommand) String() string {
	if c == nil {
		return ""
	}
	if c.LimitSet {
		return "tail " + strconv.Itoa(c.Limit)
	}
	return "tail"
}

// String implements Node.
func (c *DedupCommand) String() string {
	if c == nil {
		return ""
	}
	s := "dedup"
	if c.Limit > 0 {
		s += " " + strconv.Itoa(c.Limit)
	}
	fields := joinFields(c.Fields)
	if c.Limit == 0 && len(c.Fields) > 1 && isDigits(c.Fields[0]) {
		fields = `"` + c.Fields[0] + `" ` + joinFields(c.Fields[1:]) // bare, it would be the count
	}
	s += " " + fields + joinOptions(c.Options)
	if len(c.SortBy) > 0 {
		s += " sortby " + joinKeys(c.SortBy)
	}
	return s
}

// String implements Node.
func (c *BinCommand) String() string {
	if c == nil {
		return ""
	}
	s := c.Name + joinOptions(c.Options) + " " + QuoteField(c.Field)
	if c.As != "" {
		s += " AS " + QuoteField(c.As)
	}
	return s
}

// String implements Node.
func (c *MvexpandCommand) String() string {
	if c == nil {
		return ""
	}
	return "mvexpand " + QuoteField(c.Field) + joinOptions(c.Options)
}

// String implements Node.
func (c *MakemvCommand) String() string {
	if c == nil {
		return ""
	}
	return "makemv" + joinOptions(c.Options) + " " + QuoteField(c.Field)
}

// String implements Node.
func (c *MakeresultsCommand) String() string {
	if c == nil {
		return ""
	}
	return "makeresults" + joinOptions(c.Options)
}

// Span implements Node.
func (c *SortCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *HeadCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *TailCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *DedupCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *BinCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *MvexpandCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *MakemvCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *MakeresultsCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*SortCommand) CommandName() string { return "sort" }

// CommandName implements Command.
func (*HeadCommand) CommandName() string { return "head" }

// CommandName implements Command.
func (*TailCommand) CommandName() string { return "tail" }

// CommandName implements Command.
func (*DedupCommand) CommandName() string { return "dedup" }

// CommandName implements Command: "bin" for bin and its alias bucket.
func (*BinCommand) CommandName() string { return "bin" }

// CommandName implements Command.
func (*MvexpandCommand) CommandName() string { return "mvexpand" }

// CommandName implements Command.
func (*MakemvCommand) CommandName() string { return "makemv" }

// CommandName implements Command.
func (*MakeresultsCommand) CommandName() string { return "makeresults" }

func (*SortCommand) commandNode()        {}
func (*HeadCommand) commandNode()        {}
func (*TailCommand) commandNode()        {}
func (*DedupCommand) commandNode()       {}
func (*BinCommand) commandNode()         {}
func (*MvexpandCommand) commandNode()    {}
func (*MakemvCommand) commandNode()      {}
func (*MakeresultsCommand) commandNode() {}
