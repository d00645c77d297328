package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// Grammars of the commands holding a [subsearch] or [subpipeline] (join,
// append, appendcols, appendpipe, foreach), of transaction, mstats,
// timechart and top/rare.

// gSubCmd is `name (option | field | ,)* [subsearch] option*`.
type gSubCmd struct {
	Name  string     `parser:"@Word"`
	Items []*gItem   `parser:"( @@ | Comma )*"`
	Sub   *gSub      `parser:"@@"`
	After []*gOption `parser:"@@*"`
}

// gMultiSub is `name (option | word | ,)* [subsearch]+ option*`:
// multisearch, union and set.
type gMultiSub struct {
	Name  string     `parser:"@Word"`
	Items []*gItem   `parser:"( @@ | Comma )*"`
	Subs  []*gSub    `parser:"@@+"`
	After []*gOption `parser:"@@*"`
}

// gSub is a bracketed subsearch, brackets included.
type gSub struct {
	Pos  lexer.Position
	Text string `parser:"@Subsearch"`
}

// gTransaction is `transaction (field | option | startswith= | endswith=
// | ,)*`.
type gTransaction struct {
	Name  string        `parser:"@Word"`
	Items []*gTransItem `parser:"( @@ | Comma )*"`
}

// gTransItem is one argument of transaction.
type gTransItem struct {
	Filter *gTransFilter `parser:"  @@"`
	Opt    *gOption      `parser:"| @@"`
	Field  *gLit         `parser:"| @@"`
}

// gTransFilter is startswith= or endswith= with eval(expr), (search) or a
// quoted search.
type gTransFilter struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Key    string         `parser:"@( \"startswith\":Word | \"endswith\":Word ) \"=\":Op"`
	Eval   ast.Expr       `parser:"( \"eval\":Word LParen @@ RParen"`
	Search ast.SearchExpr `parser:"| LParen @@ RParen"`
	Lit    *gLit          `parser:"| @@ )"`
}

// gMstats is `mstats [options] aggregates [where expr] [by fields
// [span=S]]`.
type gMstats struct {
	Name    string         `parser:"@Word"`
	Options []*gOption     `parser:"@@*"`
	Aggs    []*gAgg        `parser:"@@ ( Comma? @@ )* Comma?"`
	Where   ast.SearchExpr `parser:"( \"where\":Kw @@ )?"`
	By      []*gByItem     `parser:"( \"by\":Kw @@ ( Comma? @@ )* Comma? )?"`
	After   []*gOption     `parser:"@@*"`
}

// gTimechart is `timechart (option | aggregate)+ [by field] option*
// [where ...]`.
type gTimechart struct {
	Name  string        `parser:"@Word"`
	Items []*gChartItem `parser:"( @@ | Comma )+"`
	By    *gLit         `parser:"( \"by\":Kw @@ )?"`
	After []*gOption    `parser:"( @@ | Comma )*"`
	Where []*gRawTok    `parser:"( \"where\":Kw @@+ )?"`
}

// gChart is `chart (option | aggregate)+ [over (field | option)+] [by
// (field | option)+]`.
type gChart struct {
	Name  string        `parser:"@Word"`
	Items []*gChartItem `parser:"( @@ | Comma )+"`
	Over  []*gItem      `parser:"( \"over\":Kw ( @@ | Comma )+ )?"`
	By    []*gItem      `parser:"( \"by\":Kw ( @@ | Comma )+ )?"`
}

// gChartItem is an option or an aggregate of timechart.
type gChartItem struct {
	Opt *gOption   `parser:"  @@"`
	Agg *gStatsAgg `parser:"| @@"`
}

// gRawTok is any token, kept for its position (timechart's where).
type gRawTok struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Tok    string `parser:"@( Word | String | Op | LParen | RParen | Comma | Kw )"`
}

// gTop is `top|rare [N] (option | field | ,)* [by fields]`.
type gTop struct {
	Name  string   `parser:"@Word"`
	Items []*gItem `parser:"( @@ | Comma )*"`
	By    []*gLit  `parser:"( \"by\":Kw ( @@ | Comma )+ )?"`
}
