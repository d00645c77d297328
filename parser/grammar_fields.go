package parser

import "github.com/alecthomas/participle/v2/lexer"

// Grammars of the commands that take field lists.

// gItem is one argument of a command taking options and fields in any
// order: key=value or a field name.
type gItem struct {
	Opt   *gOption `parser:"  @@"`
	Field *gLit    `parser:"| @@"`
}

// gItems is `name (option | field | ,)*`: addtotals, mvexpand, makemv,
// makeresults, iplocation, ...
type gItems struct {
	Name  string   `parser:"@Word"`
	Items []*gItem `parser:"( @@ | Comma )*"`
}

// gTable is `table f1, f2 f3` (wide words: wildcards and any bytes but
// blanks, commas and quotes).
type gTable struct {
	Name   string  `parser:"@Word"`
	Fields []*gLit `parser:"Comma* @@ ( @@ | Comma )*"`
}

// gFields is `fields [+|-] f1, f2 f3` (wide words).
type gFields struct {
	Name   string  `parser:"@Word"`
	Sign   string  `parser:"@( \"+\":Word | \"-\":Word )?"`
	Fields []*gLit `parser:"Comma* @@ ( @@ | Comma )*"`
}

// gFillnull is `fillnull [value=V] [fields]`.
type gFillnull struct {
	Name   string  `parser:"@Word"`
	Value  *gLit   `parser:"( \"value\":Word \"=\":Op @@ )?"`
	Fields []*gLit `parser:"( @@ | Comma )*"`
}

// gReplace is `replace a WITH b, c WITH d [IN f1, f2]`.
type gReplace struct {
	Name   string          `parser:"@Word"`
	Pairs  []*gReplacePair `parser:"@@ ( Comma? @@ )* Comma?"`
	Fields []*gLit         `parser:"( \"in\":Kw @@ ( Comma? @@ )* Comma? )?"`
}

// gReplacePair is `old WITH new`.
type gReplacePair struct {
	Pos    lexer.Position
	EndPos lexer.Position
	From   *gLit `parser:"@@ \"with\":Kw"`
	To     *gLit `parser:"@@"`
}
