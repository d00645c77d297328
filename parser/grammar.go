package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar. Every alternative starts with its own token, so
// the default lookahead of 1 suffices and nothing backtracks more than one
// token (a 40-deep parenthesised where clause parses in linear time). The
// structs are converted into package ast by convert.go.

// gLit is a bare word or a quoted string.
type gLit struct {
	Pos    lexer.Position
	Word   *string `parser:"  @Word"`
	String *string `parser:"| @String"`
}

// gAnd is the loosest level of search syntax: terms joined by AND or by
// juxtaposition (implicit AND).
type gAnd struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Terms  []*gOr `parser:"@@ ( And? @@ )*"`
}

// gOr binds tighter than AND in search syntax: a=1 OR b=2 c=3 is
// (a=1 OR b=2) AND c=3.
type gOr struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Terms  []*gNot `parser:"@@ ( Or @@ )*"`
}

// gNot is NOT applied to a term, or a term.
type gNot struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Not    *gNot  `parser:"  Not @@"`
	Atom   *gAtom `parser:"| @@"`
}

// gAtom is a parenthesised group, a subsearch, field OP value, field IN
// (values) or a bare term. In an IN list commas are optional and may repeat
// (`IN ("a",, "b",)` and `IN ("a" "b")` occur in production detections and
// Splunk accepts them).
type gAtom struct {
	Pos       lexer.Position
	EndPos    lexer.Position
	Group     *gAnd       `parser:"  LParen @@ RParen"`
	Subsearch *gSubsearch `parser:"| @@"`
	Left      *gLit       `parser:"| @@"`
	Op        string      `parser:"  ( @Op"`
	Value     *gLit       `parser:"    @@"`
	IsIn      bool        `parser:"  | @In LParen"`
	In        []*gLit     `parser:"    ( @@ | Comma )* RParen )?"`
}

// gSubsearch is a whole [subsearch] token; its text is parsed recursively.
type gSubsearch struct {
	Pos lexer.Position
	Raw string `parser:"@Subsearch"`
}

// gSearch is the explicit search command.
type gSearch struct {
	Name string `parser:"@Word"`
	Expr *gAnd  `parser:"@@?"`
}

// gTstats is `tstats [options] aggregates [from datamodel=M] [where expr]
// [by fields]`.
type gTstats struct {
	Name    string     `parser:"@Word"`
	Options []*gOption `parser:"@@*"`
	Aggs    []*gAgg    `parser:"@@ ( Comma? @@ )* Comma?"`
	From    *gLit      `parser:"( \"from\":Kw \"datamodel\":Word \"=\":Op @@ )?"`
	Where   *gAnd      `parser:"( \"where\":Kw @@ )?"`
	By      []*gByItem `parser:"( \"by\":Kw @@ ( Comma? @@ )* Comma? )?"`
}

// gOption is key=value.
type gOption struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Key    string `parser:"@Word \"=\":Op"`
	Value  *gLit  `parser:"@@"`
}

// gAgg is func(field) or a bare count, with an optional AS name.
type gAgg struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Func   string `parser:"( @Word"`
	Field  *gLit  `parser:"  LParen @@ RParen"`
	Bare   string `parser:"| @( \"count\":Word | \"c\":Word ) )"`
	As     *gLit  `parser:"( \"as\":Kw @@ )?"`
}

// gByItem is a group-by field or span=S.
type gByItem struct {
	Pos   lexer.Position
	Span  *gLit `parser:"  \"span\":Word \"=\":Op @@"`
	Field *gLit `parser:"| @@"`
}

// gRename is `rename a AS b, c AS d`.
type gRename struct {
	Name  string         `parser:"@Word"`
	Pairs []*gRenamePair `parser:"@@ ( Comma? @@ )* Comma?"`
}

// gRenamePair is `from AS to`.
type gRenamePair struct {
	Pos    lexer.Position
	EndPos lexer.Position
	From   *gLit `parser:"@@ \"as\":Kw"`
	To     *gLit `parser:"@@"`
}

// gConvert is `convert [timeformat=F] func(field) [AS name] ...`.
type gConvert struct {
	Name       string   `parser:"@Word"`
	TimeFormat *gLit    `parser:"( \"timeformat\":Word \"=\":Op @@ )?"`
	Convs      []*gConv `parser:"@@ ( Comma? @@ )* Comma?"`
}

// gConv is one func(field) [AS name] of convert.
type gConv struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Func   string `parser:"@Word LParen"`
	Field  *gLit  `parser:"@@ RParen"`
	As     *gLit  `parser:"( \"as\":Kw @@ )?"`
}

func build[G any](m mode) *participle.Parser[G] {
	return participle.MustBuild[G](
		participle.Lexer(lexDef{mode: m}),
		participle.CaseInsensitive("Word", "Kw"),
		participle.Elide("Whitespace"),
	)
}

// The built parsers are immutable and safe for concurrent use.
var (
	exprParser    = build[gAnd](searchMode)
	searchParser  = build[gSearch](searchMode)
	tstatsParser  = build[gTstats](tstatsMode)
	renameParser  = build[gRename](asMode)
	convertParser = build[gConvert](asMode)
)
