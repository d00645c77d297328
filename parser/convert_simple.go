package parser

import "github.com/spelunk-dev/spelunk/ast"

// simpleCommands are the commands parsed into an *ast.SimpleCommand: their
// arguments are options and words, checked by the evaluator.
var simpleCommands = []string{"reverse", "uniq", "addinfo", "nomv", "mvcombine", "accum", "delta",
	"autoregress", "strcat", "untable", "xyseries", "format", "return", "filldown", "addcoltotals", "rangemap",
	"xmlunescape", "transpose", "concurrency",
	"contingency", "ctable", "counttable", "fieldsummary", "selfjoin",
	"makecontinuous"}

// simple returns the converter of the SimpleCommand called name.
func simple(name string) func(c *converter, opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
	return func(c *converter, opts []ast.Option, fields []*gLit, loc ast.Span) (ast.Command, error) {
		args := make([]ast.Literal, len(fields))
		for i, f := range fields {
			args[i] = f.literal()
		}
		return &ast.SimpleCommand{Loc: loc, Name: name, Options: opts, Args: args}, nil
	}
}
