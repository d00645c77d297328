package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// fieldformat field=expr, ... [D S-fieldformat: "With the fieldformat
// command you can use an <eval-expression> to change the format of a
// field value when the results render. This command changes the
// appearance of your results without changing the underlying value of the
// field"; "Commands later in the search pipeline cannot modify the
// formatted value"]: the expressions are compiled, so errors in them are
// reported, and the values pass through unchanged. spelunk outputs the
// underlying values (its results are data, not a rendered table) [I].
type fieldformatStage struct{ loc ast.Span }

func compileFieldformat(c *ast.FieldformatCommand, opts *Options, e *errs) stage {
	if compileEval(&ast.EvalCommand{Loc: c.Loc, Assignments: c.Assignments}, opts, e) == nil {
		return nil
	}
	return &fieldformatStage{loc: c.Loc}
}

func (s *fieldformatStage) name() string   { return "fieldformat" }
func (s *fieldformatStage) span() ast.Span { return s.loc }

func (s *fieldformatStage) run(_ context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	return in, len(in.rows), nil
}
