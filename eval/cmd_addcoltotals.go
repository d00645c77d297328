package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// compileAddcoltotals is `addcoltotals [labelfield=] [label=] [field-list]`
// [D S-addcoltotals: "appends a new result to the end of the search result
// set. The result contains the sum of each numeric field or you can
// specify which fields to summarize"; label default "Total", written to
// labelfield only when labelfield is given, which is created if needed;
// wildcards in the field list]. It is addtotals row=false col=true.
func compileAddcoltotals(c *ast.SimpleCommand, e *errs) stage {
	at := &ast.AddtotalsCommand{Loc: c.Loc, Options: []ast.Option{{Loc: c.Loc, Key: "row", Value: ast.Literal{Raw: "false"}}, {Loc: c.Loc, Key: "col", Value: ast.Literal{Raw: "true"}}}}
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "labelfield", "label":
			at.Options = append(at.Options, o)
		default:
			e.addf(o.Loc, "unknown addcoltotals option %q", o.Key)
			return nil
		}
	}
	for _, a := range c.Args {
		at.Fields = append(at.Fields, a.Value())
	}
	st, ok := compileAddtotals(at, e).(*addtotalsStage)
	if !ok {
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error) {
		out, _, err := st.run(ctx, env, in)
		return out, err
	}}
}
