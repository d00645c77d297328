package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// gStats is `stats|eventstats|streamstats|geostats|trendline [options] aggregates [by
// fields]`; commas between aggregates and between by fields are optional.
type gStats struct {
	Name    string       `parser:"@Word"`
	Options []*gOption   `parser:"@@*"`
	Aggs    []*gStatsAgg `parser:"@@ ( Comma* @@ )* Comma*"`
	By      []*gLit      `parser:"( \"by\":Kw Comma* @@ ( Comma* @@ )* Comma* )?"`
}

// gStatsAgg is `func`, `func(field)` or `func(eval(expr))`, then an
// optional `as name`. The eval(...) is lexed in eval syntax (an island, see
// lex).
type gStatsAgg struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Func   string   `parser:"@Word"`
	Eval   ast.Expr `parser:"( LParen ( \"eval\":Word LParen @@ RParen"`
	Field  *gLit    `parser:"            | @@ ) RParen )?"`
	As     *gLit    `parser:"( \"as\":Kw @@ )?"`
}
