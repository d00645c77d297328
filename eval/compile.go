package eval

import (
	"fmt"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
)

// DefaultMaxRows is the row limit used when Options.MaxRows is 0.
const DefaultMaxRows = 10_000_000

// Options configure compilation and running.
type Options struct {
	Now      time.Time      // the search's clock (now(), relative times); zero = time.Now at Compile
	Location *time.Location // zone for formatting times (convert ctime, strftime); nil = UTC
	MaxRows  int            // limit on rows any stage may hold; 0 = DefaultMaxRows
}

// Compile checks q and turns each of its commands into a stage of a
// Program. Every problem found is reported: one as an *Error, several as an
// ErrorList sorted by position, each with the span of what caused it.
func Compile(q *ast.Query, opts Options) (p *Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("%w: compile: %v", ErrInternal, r)
		}
	}()
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	var e errs
	if q == nil || len(q.Commands) == 0 {
		span := ast.Span{Start: ast.NoPos, End: ast.NoPos}
		if q != nil {
			span = q.Loc
		}
		e.addf(span, "empty search")
		return nil, e.err()
	}
	prog := &Program{opts: opts}
	for i, c := range q.Commands {
		st := compileCommand(c, i == 0, &opts, &e)
		if st != nil {
			prog.stages = append(prog.stages, st)
		}
	}
	if err := e.err(); err != nil {
		return nil, err
	}
	return prog, nil
}

// compileCommand compiles one command; first says whether it starts the
// pipeline. It returns nil after reporting an error.
func compileCommand(c ast.Command, first bool, opts *Options, e *errs) stage {
	if c == nil {
		e.addf(ast.Span{Start: ast.NoPos, End: ast.NoPos}, "nil command")
		return nil
	}
	switch c := c.(type) {
	case *ast.TstatsCommand:
		if !first {
			e.addf(c.Loc, "tstats must be the first command of the search")
			return nil
		}
		return compileTstats(c, e)
	case *ast.SearchCommand:
		if first {
			e.addf(c.Loc, "searching raw events is not supported yet")
			return nil
		}
		return compileSearch(c, e)
	case *ast.RenameCommand:
		if first {
			e.addf(c.Loc, "rename cannot be the first command of the search")
			return nil
		}
		return compileRename(c, e)
	case *ast.ConvertCommand:
		if first {
			e.addf(c.Loc, "convert cannot be the first command of the search")
			return nil
		}
		return compileConvert(c, opts, e)
	default:
		e.addf(c.Span(), "command %q is not supported yet", c.CommandName())
		return nil
	}
}
