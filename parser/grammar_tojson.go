package parser

import "github.com/alecthomas/participle/v2/lexer"

// gTojson is `tojson (type(field) | option | ,)*`.
type gTojson struct {
	Name  string         `parser:"@Word"`
	Items []*gTojsonItem `parser:"( @@ | Comma )*"`
}

// gTojsonItem is a datatype function or an option.
type gTojsonItem struct {
	Opt *gOption   `parser:"  @@"`
	Fn  *gTojsonFn `parser:"| @@"`
}

// gTojsonFn is `type(field)`.
type gTojsonFn struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Type   string `parser:"@Word LParen"`
	Field  *gLit  `parser:"@@ RParen"`
}
