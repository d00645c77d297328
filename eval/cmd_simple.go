package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// Commands parsed into an *ast.SimpleCommand (options and words) share
// this stage: each compiles to a function over the whole input.

// rowsStage runs fn over the input rows.
type rowsStage struct {
	loc ast.Span
	cmd string
	fn  func(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, error)
}

func (s *rowsStage) name() string   { return s.cmd }
func (s *rowsStage) span() ast.Span { return s.loc }

func (s *rowsStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	out, err := s.fn(ctx, env, in)
	return out, len(in.rows), err
}

// simpleArgs are a SimpleCommand's words split around AS: the fields
// before it and the name after it ("" when there is no AS).
type simpleArgs struct {
	fields []string
	as     string
}

// splitAs reads `f1 f2 ... [AS name]`; it reports AS without a name or
// with more than one.
func splitAs(c *ast.SimpleCommand, e *errs) (simpleArgs, bool) {
	var a simpleArgs
	for i := 0; i < len(c.Args); i++ {
		w := c.Args[i]
		if !w.Quoted && strings.EqualFold(w.Raw, "as") {
			if i+2 != len(c.Args) {
				e.addf(c.Loc, "%s: AS needs exactly one new field name after it", c.Name)
				return a, false
			}
			a.as = c.Args[i+1].Value()
			return a, true
		}
		a.fields = append(a.fields, w.Value())
	}
	return a, true
}

// oneFieldArg checks that exactly one field (and, when allowAs, an
// optional AS name) was given.
func oneFieldArg(c *ast.SimpleCommand, e *errs, allowAs bool) (simpleArgs, bool) {
	a, ok := splitAs(c, e)
	if !ok {
		return a, false
	}
	if len(a.fields) != 1 {
		e.addf(c.Loc, "%s needs exactly one field", c.Name)
		return a, false
	}
	if a.as != "" && !allowAs {
		e.addf(c.Loc, "%s does not take AS", c.Name)
		return a, false
	}
	return a, true
}

// noArgs checks a command that takes no arguments.
func noArgs(c *ast.SimpleCommand, e *errs) bool {
	if len(c.Args) > 0 || len(c.Options) > 0 {
		e.addf(c.Loc, "%s takes no arguments", c.Name)
		return false
	}
	return true
}
