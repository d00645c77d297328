package detections

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/diag"
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

// lineCounter locates the bytes of text written at at, counting lines and
// characters as diag does (a column counts characters, not bytes).
func lineCounter(text string, at macros.Location) func(int) macros.Location {
	return func(off int) macros.Location {
		loc, p := at, diag.At("", text, off)
		if p.Line > 1 {
			loc.Line += p.Line - 1
			loc.Col = p.Col
		} else {
			loc.Col += p.Col - 1
		}
		return loc
	}
}

func compile(text string, locate func(int) macros.Location, lib *macros.Library, opts Options) (*Compiled, error) {
	x, err := lib.ExpandFunc(text, locate, withMacroEvaluator(opts.Macros, opts.Eval))
	if err != nil {
		return nil, expandError(err)
	}
	c := &Compiled{Expansion: x, Options: opts}
	c.Query, err = parser.Parse(x.Text)
	if err != nil {
		return nil, parseError(x, err)
	}
	opts.Eval = withSearchParser(opts.Eval, lib, opts.Macros)
	c.Program, err = eval.Compile(c.Query, opts.Eval)
	if err != nil {
		return nil, compileError("compile", x, err)
	}
	return c, nil
}

// Run runs the compiled search over the data-model tables.
func (c *Compiled) Run(ctx context.Context, tables cim.Tables) (*eval.Result, error) {
	return c.Program.Run(ctx, tables)
}
