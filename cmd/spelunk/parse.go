package main

import (
	"errors"
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/parser"
)

// parseCmd is `spelunk parse`.
type parseCmd struct {
	JSON  bool   `help:"Print the syntax tree as JSON instead of canonical SPL."`
	Query string `arg:"" help:"The search to parse (macros are not expanded; see expand); - reads stdin."`
}

// Run implements the subcommand.
func (c *parseCmd) Run(e *env) error {
	q, err := parseArg(e, c.Query)
	if err != nil {
		return err
	}
	if c.JSON {
		b, err := ast.JSON(q)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.stdout, string(b))
		return err
	}
	_, err = fmt.Fprintln(e.stdout, q.String())
	return err
}

// fmtCmd is `spelunk fmt`.
type fmtCmd struct {
	Query string `arg:"" help:"The search to format; - reads stdin."`
}

// Run implements the subcommand.
func (c *fmtCmd) Run(e *env) error {
	q, err := parseArg(e, c.Query)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, ast.Format(q))
	return err
}

// parseArg reads and parses a QUERY argument; a syntax error is bad input
// (exit 2) shown with its position and caret snippet as run, detect and
// check show the same error (diag.Pos, diag.Caret).
func parseArg(e *env, arg string) (*ast.Query, error) {
	text, at, err := readQuery(e, arg)
	if err != nil {
		return nil, err
	}
	q, err := parser.Parse(text)
	var pe *parser.Error
	if errors.As(err, &pe) {
		return nil, usageErr("%s: %s\n%s", pe.Position(at.File), pe.Msg, pe.Snippet())
	}
	return q, err
}
