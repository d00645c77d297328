package query

import (
	"errors"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
)

// Expand expands the macros of src as Splunk does, textually, with the
// Env's library: the one expansion path of spelunk (iseval and validation
// macros are evaluated with the Env's clock). Errors are *SearchError
// located where the offending text was written.
func (e *Env) Expand(src Source) (*macros.Expansion, error) {
	if e == nil {
		return nil, errors.New("query: Expand on a nil Env")
	}
	return e.expand(src, e.EvalOptions())
}

func (e *Env) expand(src Source, ev eval.Options) (*macros.Expansion, error) {
	x, err := e.lib.ExpandFunc(src.Text, src.locator(), e.macroOptions(ev))
	if err != nil {
		return nil, expandError(err)
	}
	return x, nil
}

// Compile expands, parses and plans search text given on its own.
func (e *Env) Compile(text string) (*Search, error) {
	return e.CompileSource(Text(text))
}

// CompileSource expands, parses and plans the search src. Errors are
// *SearchError, located in src's file or in the macro the offending text
// came from.
func (e *Env) CompileSource(src Source) (*Search, error) {
	if e == nil {
		return nil, errors.New("query: Compile on a nil Env")
	}
	ev := e.EvalOptions()
	x, err := e.expand(src, ev)
	if err != nil {
		return nil, err
	}
	s := &Search{Source: src, Expansion: x, env: e, opts: ev}
	s.Query, err = parser.ParseWith(x.Text, parser.Options{MaxQueryLen: e.cfg.Limits.MaxQueryLen})
	if err != nil {
		return nil, parseError(x, err)
	}
	s.Program, err = eval.Compile(s.Query, ev)
	if err != nil {
		return nil, compileError("compile", x, err)
	}
	return s, nil
}

// Plan compiles a parsed query with the Env's evaluator options, for
// callers that parse and check the tree themselves (spelunk check).
func (e *Env) Plan(q *ast.Query) (*eval.Program, error) {
	if e == nil {
		return nil, errors.New("query: Plan on a nil Env")
	}
	return eval.Compile(q, e.EvalOptions())
}
