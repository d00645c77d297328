package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// Grammars of the commands written in eval syntax (lexExpr): eval, where
// and head. An ast.Expr field is parsed by parseExprTokens
// (participle.ParseTypeWith).

// gExprRoot is a whole eval expression, for ParseExpr.
type gExprRoot struct {
	X ast.Expr `parser:"@@"`
}

// gEval is `eval a=expr, b=expr`; commas are optional between assignments
// and may trail.
type gEval struct {
	Name    string     `parser:"@Word"`
	Assigns []*gAssign `parser:"@@ ( Comma? @@ )* Comma?"`
}

// gAssign is `field=expr`; the field may be a word (`{f}` included), a
// 'quoted' or a "quoted" name.
type gAssign struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Word   *string  `parser:"( @Word"`
	QField *string  `parser:"| @QField"`
	String *string  `parser:"| @String ) \"=\":Op"`
	Expr   ast.Expr `parser:"@@"`
}

// gWhere is `where expr`.
type gWhere struct {
	Name string   `parser:"@Word"`
	Expr ast.Expr `parser:"@@"`
}

// gHead is `head [N] [limit=N] [(expr)] [keeplast=] [null=]`, in any order.
type gHead struct {
	Name  string       `parser:"@Word"`
	Items []*gHeadItem `parser:"@@*"`
}

// gHeadItem is one argument of head.
type gHeadItem struct {
	Pos   lexer.Position
	N     *string    `parser:"  @Number"`
	Opt   *gExprOpt  `parser:"| @@"`
	Paren *gHeadExpr `parser:"| @@"`
}

// gHeadExpr is head's `(expr)`.
type gHeadExpr struct {
	Expr ast.Expr `parser:"LParen @@ RParen"`
}

// gExprOpt is key=value lexed in eval syntax.
type gExprOpt struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Key    string `parser:"@Word \"=\":Op"`
	Value  *gLit  `parser:"@@"`
}
