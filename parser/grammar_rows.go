package parser

import "github.com/alecthomas/participle/v2/lexer"

// Grammars of sort, tail, dedup and bin.

// gSort is `sort [N] [limit=N] keys [d|desc]`; which item is what is
// decided in convert_rows.go.
type gSort struct {
	Name  string       `parser:"@Word"`
	Items []*gSortItem `parser:"( @@ | Comma )*"`
}

// gSortItem is limit=N or [+|-]field or [+|-]func(field).
type gSortItem struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Opt    *gOption `parser:"  @@"`
	Sign   string   `parser:"| ( @( \"-\":Word | \"+\":Word )?"`
	Key    *gLit    `parser:"    @@"`
	Arg    *gLit    `parser:"    ( LParen @@ RParen )? )"`
}

// gTail is `tail [N]`.
type gTail struct {
	Name string `parser:"@Word"`
	N    *gLit  `parser:"@@?"`
}

// gDedup is `dedup [N] fields [options] [sortby keys]`.
type gDedup struct {
	Name   string       `parser:"@Word"`
	Items  []*gItem     `parser:"( @@ | Comma )*"`
	SortBy []*gSortItem `parser:"( \"sortby\":Kw ( @@ | Comma )+ )?"`
}

// gBin is `bin|bucket [options] field [options] [AS name] [options]`.
type gBin struct {
	Name  string   `parser:"@Word"`
	Items []*gItem `parser:"( @@ | Comma )*"`
	As    *gLit    `parser:"( \"as\":Kw @@ )?"`
	After []*gItem `parser:"( @@ | Comma )*"`
}
