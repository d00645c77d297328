package eval

import (
	"context"

	"github.com/spelunk-dev/spelunk/ast"
)

// The cell limit (Options.MaxCells): Program.Run checks every command's
// table; commands that would build a large table at once (timechart) or
// add columns row by row (cellGuard) check before they allocate, and
// reserve the memory (reserve.go).

// checkCells reports a table of rows × cols cells over the cell limit.
func checkCells(span ast.Span, name string, opts *Options, rows, cols int) error {
	if cols > 0 && rows > opts.maxCells()/cols {
		return limitAt(span, "%s: %d rows of %d columns are more cells than the limit of %d", name, rows, cols, opts.maxCells())
	}
	return nil
}

// allocCells is checkCells for a command about to allocate a table of
// rows × cols cells at once: the cell limit, then the memory limit of the
// run (reserve.go), whose refusal stops the run.
func allocCells(env *runEnv, span ast.Span, name string, rows, cols int) error {
	if err := checkCells(span, name, env.opts, rows, cols); err != nil {
		return err
	}
	if !reserveCells(env.ctx, rows, cols) {
		return context.Cause(env.ctx)
	}
	return nil
}

// cellGuard adds columns to a table for a stage that adds them row by row
// (extraction, eval {f}=...), refusing before padding the rows when the
// table would pass the cell limit; err holds the refusal.
type cellGuard struct {
	span ast.Span
	name string
	env  *runEnv
	err  error
}

// add is r.addFields(names...), or false (nothing added, g.err set) when
// the new columns would take r past the cell limit.
func (g *cellGuard) add(r *rowSet, names ...string) ([]int, bool) {
	if g.err != nil {
		return nil, false
	}
	added := 0
	for _, n := range names {
		if r.col(n) < 0 {
			added++
		}
	}
	if added > 0 {
		if err := checkCells(g.span, g.name, g.env.opts, len(r.rows), len(r.fields)+added); err != nil {
			g.err = err
			return nil, false
		}
		if !reserveCtx(g.env.ctx, r.padBytes(len(r.fields)+added)) {
			g.err = context.Cause(g.env.ctx)
			return nil, false
		}
	}
	return r.addFields(names...), true
}

// guarded returns a function passing a stage's results through unless g
// refused columns, whose error then wins.
func guarded(g *cellGuard) func(*rowSet, int, error) (*rowSet, int, error) {
	return func(out *rowSet, n int, err error) (*rowSet, int, error) {
		if err == nil && g.err != nil {
			return nil, 0, g.err
		}
		return out, n, err
	}
}
