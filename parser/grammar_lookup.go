package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// Grammars of lookup, inputlookup and the commands that take options and
// positional arguments in any order (gItems, grammar_fields.go).

// gLookup is `lookup [options] table field [AS f] [, ...] [OUTPUT|OUTPUTNEW
// field [AS f] [, ...]]`; commas are optional and may trail.
type gLookup struct {
	Name    string          `parser:"@Word"`
	Options []*gOption      `parser:"@@*"`
	Table   *gLit           `parser:"@@"`
	Fields  []*gLookupField `parser:"( @@ | Comma )*"`
	Mode    string          `parser:"( @( \"output\":Kw | \"outputnew\":Kw )"`
	Outputs []*gLookupField `parser:"  ( @@ | Comma )* )?"`
}

// gLookupField is `field [AS name]`.
type gLookupField struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Field  *gLit `parser:"@@"`
	As     *gLit `parser:"( \"as\":Kw @@ )?"`
}

// gInputlookup is `inputlookup [options] table [options] [where expr]`.
type gInputlookup struct {
	Name  string         `parser:"@Word"`
	Items []*gItem       `parser:"@@*"`
	Where ast.SearchExpr `parser:"( \"where\":Kw @@ )?"`
}

// gRegex is `regex [field(=|!=)]regex`.
type gRegex struct {
	Name  string `parser:"@Word"`
	Field *gLit  `parser:"( @@"`
	Op    string `parser:"  @( \"=\":Op | \"!=\":Op ) )?"`
	Regex *gLit  `parser:"@@"`
}

// gMultikv is `multikv [options] [fields f...] [filter t...]`, in any
// order.
type gMultikv struct {
	Name  string        `parser:"@Word"`
	Items []*gMultikvIt `parser:"( @@ | Comma )*"`
}

// gMultikvIt is a clause keyword, an option or a name.
type gMultikvIt struct {
	Kw  string   `parser:"  @( \"fields\":Kw | \"filter\":Kw )"`
	Opt *gOption `parser:"| @@"`
	Lit *gLit    `parser:"| @@"`
}
