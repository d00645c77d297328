package eval

import (
	"context"
	"fmt"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
)

// Program is a compiled search, ready to run any number of times (also
// concurrently) over different tables.
type Program struct {
	opts   Options
	stages []stage
}

// Result is what a search returns.
type Result struct {
	Fields  []string       // columns in Splunk's order (tstats: by-fields then aggregates; renamed in place)
	Rows    []Row          // in Splunk's order
	Profile []StageProfile // one per command, in order
}

// Row is one result row, aligned with Result.Fields; a null Value where the
// row lacks the field.
type Row []Value

// StageProfile is what one command did during a run.
type StageProfile struct {
	Command  string        // the command's name: "tstats", "rename", ...
	Span     ast.Span      // where the command was written
	RowsIn   int           // rows read (for tstats: rows of the scanned table)
	RowsOut  int           // rows produced
	Duration time.Duration // wall time spent in the stage
}

// rowSet is the table of rows passed between stages.
type rowSet struct {
	fields []string
	rows   []Row
}

// index returns the position of field, or -1.
func (r *rowSet) index(field string) int {
	for i, f := range r.fields {
		if f == field {
			return i
		}
	}
	return -1
}

// runEnv is what stages may read while running.
type runEnv struct {
	tables  cim.Tables
	loc     *time.Location
	maxRows int
}

// stage is one compiled command. in is nil for the first stage. rowsIn
// reports how many rows the stage read.
type stage interface {
	name() string
	span() ast.Span
	run(ctx context.Context, env *runEnv, in *rowSet) (out *rowSet, rowsIn int, err error)
}

// Run executes the program over tables (dataset name → table). A dataset
// the search names but tables lacks has no rows. Run honours ctx
// cancellation and returns ctx.Err() when it is cancelled.
func (p *Program) Run(ctx context.Context, tables cim.Tables) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w: run: %v", ErrInternal, r)
		}
	}()
	if p == nil || len(p.stages) == 0 {
		return nil, fmt.Errorf("eval: Run on an empty program")
	}
	env := &runEnv{tables: tables, loc: p.opts.Location, maxRows: p.opts.MaxRows}
	res = &Result{Profile: make([]StageProfile, 0, len(p.stages))}
	var cur *rowSet
	for _, st := range p.stages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		out, rowsIn, err := st.run(ctx, env, cur)
		if err != nil {
			return nil, err
		}
		if len(out.rows) > env.maxRows {
			return nil, errAt(st.span(), "%s produced %d rows, more than the limit of %d", st.name(), len(out.rows), env.maxRows)
		}
		res.Profile = append(res.Profile, StageProfile{
			Command: st.name(), Span: st.span(),
			RowsIn: rowsIn, RowsOut: len(out.rows), Duration: time.Since(start),
		})
		cur = out
	}
	res.Fields, res.Rows = cur.fields, cur.rows
	if res.Rows == nil {
		res.Rows = []Row{}
	}
	return res, nil
}
