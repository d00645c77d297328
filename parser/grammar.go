package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// The participle grammar. Every alternative starts with its own token, so
// the default lookahead of 1 suffices and nothing backtracks more than one
// token. Search expressions (ast.SearchExpr) and eval expressions
// (ast.Expr) are parsed by custom parsers registered with
// participle.ParseTypeWith (search_expr.go, expr.go), so a 40-deep
// parenthesised where clause parses in linear time. The structs are
// converted into package ast by the convert*.go files.

// gLit is a bare word (a number in eval syntax) or a quoted string.
type gLit struct {
	Pos    lexer.Position
	Word   *string `parser:"  @( Word | Number )"`
	String *string `parser:"| @String"`
}

// gSearchRoot is a whole search expression, for ParseSearch.
type gSearchRoot struct {
	X ast.SearchExpr `parser:"@@"`
}

// gSearch is the explicit search command.
type gSearch struct {
	Name string         `parser:"@Word"`
	Expr ast.SearchExpr `parser:"@@?"`
}

// gTstats is `tstats [options] aggregates [from datamodel=M] [where expr]
// [by fields]`.
type gTstats struct {
	Name    string         `parser:"@Word"`
	Options []*gOption     `parser:"@@*"`
	Aggs    []*gAgg        `parser:"@@ ( Comma? @@ )* Comma?"`
	From    *gLit          `parser:"( \"from\":Kw \"datamodel\":Word \"=\":Op @@ )?"`
	Where   ast.SearchExpr `parser:"( \"where\":Kw @@ )?"`
	By      []*gByItem     `parser:"( \"by\":Kw @@ ( Comma? @@ )* Comma? )?"`
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

func build[G any](lex lexFunc) *participle.Parser[G] {
	return participle.MustBuild[G](
		participle.Lexer(lexDef{lex: lex, symbols: symbols}), // naming symbols orders its initialisation first
		participle.CaseInsensitive("Word", "Kw"),
		participle.Elide("Whitespace"),
		participle.ParseTypeWith(parseExprTokens),
		participle.ParseTypeWith(parseSearchTokens),
	)
}

// The built parsers are immutable and safe for concurrent use.
var (
	exprParser    = build[gSearchRoot](searchMode.lexer())
	searchParser  = build[gSearch](searchMode.lexer())
	tstatsParser  = build[gTstats](tstatsMode.lexer())
	renameParser  = build[gRename](asMode.lexer())
	convertParser = build[gConvert](asMode.lexer())

	evalExprParser = build[gExprRoot](lexWholeExpr)
	evalParser     = build[gEval](lexEvalCommand)
	whereParser    = build[gWhere](lexExprCommand)
	headParser     = build[gHead](lexExprCommand)
	statsParser    = build[gStats](statsMode.lexer())
	tojsonParser   = build[gTojson](statsMode.lexer())
	tableParser    = build[gTable](wideMode.lexer())
	fieldsParser   = build[gFields](wideMode.lexer())
	fillnullParser = build[gFillnull](clauseMode.lexer())
	replaceParser  = build[gReplace](replaceMode.lexer())
	itemsParser    = build[gItems](clauseMode.lexer())
	sortParser     = build[gSort](clauseMode.lexer())
	tailParser     = build[gTail](clauseMode.lexer())
	dedupParser    = build[gDedup](dedupMode.lexer())
	binParser      = build[gBin](asMode.lexer())

	lookupParser      = build[gLookup](lookupMode.lexer())
	inputlookupParser = build[gInputlookup](inputlookupMode.lexer())
	simpleParser      = build[gItems](clauseMode.lexer())
	regexParser       = build[gRegex](searchMode.lexer())
	multikvParser     = build[gMultikv](multikvMode.lexer())
	subCmdParser      = build[gSubCmd](clauseMode.lexer())
	multiSubParser    = build[gMultiSub](clauseMode.lexer())
	transactionParser = build[gTransaction](transactionMode.lexer())
	mstatsParser      = build[gMstats](tstatsMode.lexer())
	timechartParser   = build[gTimechart](timechartMode.lexer())
	chartParser       = build[gChart](chartMode.lexer())
	topParser         = build[gTop](topMode.lexer())
)
