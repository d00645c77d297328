package detections

import (
	"context"
	"errors"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
)

// Compiled is a search ready to run: expanded, parsed and planned.
type Compiled struct {
	Detection *Detection        // nil for a free-form query
	Expansion *macros.Expansion // the search after macro expansion, with its source map
	Query     *ast.Query
	Program   *eval.Program
	Options   Options // what it was compiled with (Explain reuses the clock)
}

// Options configure compiling a search.
type Options struct {
	Eval   eval.Options   // clock, time zone, row limits
	Macros macros.Options // expansion limits
}

// Compile expands, parses and plans the detection's search with the macros
// of lib. Errors are *SearchError, located in the detection file or in the
// macro the offending text came from.
func (d *Detection) Compile(lib *macros.Library, opts Options) (*Compiled, error) {
	locate := d.Locate
	if locate == nil {
		locate = lineCounter(d.Search, d.SearchLoc)
	}
	c, err := compile(d.Search, locate, lib, opts)
	if err != nil {
		return nil, err
	}
	c.Detection = d
	return c, nil
}

// CompileQuery is Compile for a free-form search written at location at.
func CompileQuery(text string, at macros.Location, lib *macros.Library, opts Options) (*Compiled, error) {
	return compile(text, lineCounter(text, at), lib, opts)
}

// lineCounter locates the bytes of text written at at, counting lines.
func lineCounter(text string, at macros.Location) func(int) macros.Location {
	return func(off int) macros.Location {
		loc := at
		for i := 0; i < off && i < len(text); i++ {
			if text[i] == '\n' {
				loc.Line++
				loc.Col = 1
			} else {
				loc.Col++
			}
		}
		return loc
	}
}

func compile(text string, locate func(int) macros.Location, lib *macros.Library, opts Options) (*Compiled, error) {
	x, err := lib.ExpandFunc(text, locate, withMacroEvaluator(opts.Macros, opts.Eval))
	if err != nil {
		var me *macros.Error
		if errors.As(err, &me) {
			return nil, &SearchError{Stage: "expand", Loc: me.Loc, Msg: me.Msg, Macro: me.Macro}
		}
		return nil, err
	}
	c := &Compiled{Expansion: x, Options: opts}
	c.Query, err = parser.Parse(x.Text)
	if err != nil {
		var pe *parser.Error
		if errors.As(err, &pe) {
			return nil, positioned("parse", x, int(pe.Pos), pe.Msg)
		}
		return nil, err
	}
	opts.Eval = withSearchParser(opts.Eval, lib, opts.Macros)
	c.Program, err = eval.Compile(c.Query, opts.Eval)
	if err != nil {
		if ee := firstEvalError(err); ee != nil {
			se := positioned("compile", x, int(ee.Span.Start), ee.Msg)
			se.Code = evalCode(ee)
			return nil, se
		}
		return nil, err
	}
	return c, nil
}

// Run runs the compiled search over the data-model tables.
func (c *Compiled) Run(ctx context.Context, tables cim.Tables) (*eval.Result, error) {
	return c.Program.Run(ctx, tables)
}

// firstEvalError returns the eval error to report for err: the first
// invalid one of a list (the search's own bug wins over spelunk's gaps),
// else the first; nil when err is no eval error.
func firstEvalError(err error) *eval.Error {
	var list eval.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		for _, e := range list {
			if evalCode(e) == eval.CodeInvalid {
				return e
			}
		}
		return list[0]
	}
	var ee *eval.Error
	if errors.As(err, &ee) {
		return ee
	}
	return nil
}

// evalCode is e.Code with the transition rule of classifyEvalError: an
// uncoded error saying "not supported" is unsupported, else invalid.
func evalCode(e *eval.Error) string {
	if e.Code != "" {
		return e.Code
	}
	if strings.Contains(e.Msg, "not supported") {
		return eval.CodeUnsupported
	}
	return eval.CodeInvalid
}
