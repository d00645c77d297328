package eval

import (
	"context"
	"fmt"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/diag"
)

// Program is a compiled search, ready to run any number of times (also
// concurrently) over different tables.
type Program struct {
	opts   Options
	stages []stage
	// columns are the only fields of raw events (Input.Events) the search
	// can read, nil when not known (projection.go).
	columns []string
	// key is the canonical text of the query: it identifies the program's
	// read of the events among Prepared reads (event_prepared.go).
	key string
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
	idx    map[string]int // name → column, built by col; nil until then
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
	// ctx is the run's context: stages pass theirs, expressions and
	// table growth reserve memory against it (reserve.go).
	ctx     context.Context
	tables  cim.Tables
	loc     *time.Location
	maxRows int
	opts    *Options
	// records are the input events of RunRecords; nil under Run.
	records *rowSet
	// recordsIn is how many events were given, before the leading
	// search's filter dropped some (event_filter.go): the first stage's
	// rows in.
	recordsIn int
	// input is what the search was given (Run, RunRecords, Exec), kept
	// whole so that subsearches read the same data as the main search
	// (subsearch.go); nil in stage-level tests.
	input *Input
}

// stage is one compiled command. in is nil for the first stage. rowsIn
// reports how many rows the stage read.
type stage interface {
	name() string
	span() ast.Span
	run(ctx context.Context, env *runEnv, in *rowSet) (out *rowSet, rowsIn int, err error)
}

// Input is everything a search may read: data-model tables for tstats and
// raw events for a leading search, as Records or, read on demand with
// less memory, as Events (used when set; the results are the same).
type Input struct {
	Tables  cim.Tables
	Records []Record
	Events  EventSource
	// Prepared, when set, holds the rows of the event reads prepared
	// while the events were read (event_prepared.go); a read found there
	// does not read Events or Records.
	Prepared *Prepared
}

// Exec runs the program over in; it is the one way to run a program.
// tstats reads in.Tables (a dataset the search names but in lacks has no
// rows); a leading search (or streaming command such as eval, which then
// reads the events directly) reads its rows from in.Prepared when they
// were prepared for it, else in.Events, else in.Records. Over Events and
// Prepared the rows hold only the fields the search can read
// (projection.go). The events a leading search drops are dropped before
// rows are built, so its columns are those of the events it keeps, in
// order of first appearance (event_filter.go); subsearches read the same
// input through their own filters. Records should carry _time (a number)
// where time matters, and _raw where keyword search matters. Generating
// commands (tstats, makeresults) ignore the events. Exec honours ctx's
// cancellation and returns ctx.Err() when it is cancelled; a context
// cancelled with an *Error cause without a position (Span.Start < 0,
// context.WithCancelCause: a limit enforced from outside the run) ends it
// with that error at the command that was running, its message prefixed
// with the command's name.
func (p *Program) Exec(ctx context.Context, in Input) (*Result, error) {
	env := &runEnv{tables: in.Tables, input: &in}
	switch {
	case !p.leadsWithEvents():
	case in.Prepared != nil && in.Prepared.has(p):
		env.records, env.recordsIn, _ = in.Prepared.rowsFor(p)
	case in.Events != nil:
		env.records = fromEvents(in.Events, p.leadFilter(), p.columns)
		env.recordsIn = in.Events.Len()
	default:
		env.records = fromRecords(p.leadFilter().keepRecords(in.Records))
		env.recordsIn = len(in.Records)
	}
	return p.run(ctx, env)
}

// ReadsEvents reports whether the search reads raw events: it starts with
// a search or streaming command rather than generating rows (tstats,
// makeresults), or one of its subsearches (join, append, map, [...]) does.
// Callers load events only when needed.
func (p *Program) ReadsEvents() bool {
	return p.leadsWithEvents() || p.nestedReadsEvents()
}

// leadsWithEvents reports whether the first command reads the input
// events rather than generating rows.
func (p *Program) leadsWithEvents() bool {
	return p != nil && len(p.stages) > 0 && !generates(p.stages[0])
}

func (p *Program) run(ctx context.Context, env *runEnv) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w: run: %v", ErrInternal, r)
		}
	}()
	if p == nil || len(p.stages) == 0 {
		return nil, fmt.Errorf("eval: Run on an empty program")
	}
	env.ctx, env.loc, env.maxRows, env.opts = ctx, p.opts.Location, p.opts.MaxRows, &p.opts
	res = &Result{Profile: make([]StageProfile, 0, len(p.stages))}
	var cur *rowSet
	for i, st := range p.stages {
		if err := ctx.Err(); err != nil {
			if i > 0 {
				if serr := stoppedAt(ctx, p.stages[i-1], err); serr != nil {
					return nil, serr
				}
			}
			if serr := stoppedAt(ctx, st, err); serr != nil {
				return nil, serr
			}
			return nil, err
		}
		if i == 0 && !generates(st) {
			if env.records == nil {
				return nil, &Error{Span: st.span(), Code: diag.CodeUnsupported,
					Msg: "searching events needs events: give Input.Records, Input.Events or Input.Prepared"}
			}
			cur = env.records
		}
		start := time.Now()
		out, rowsIn, err := st.run(ctx, env, cur)
		if err != nil {
			if serr := stoppedAt(ctx, st, err); serr != nil {
				return nil, serr
			}
			return nil, atRunTime(err)
		}
		if i == 0 && !generates(st) {
			rowsIn = max(rowsIn, env.recordsIn) // the events given, before the leading filter
		}
		if len(out.rows) > env.maxRows {
			return nil, limitAt(st.span(), "%s produced %d rows, more than the limit of %d", st.name(), len(out.rows), env.maxRows)
		}
		if err := checkCells(st.span(), st.name(), env.opts, len(out.rows), len(out.fields)); err != nil {
			return nil, err
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

// generator is implemented by stages that make rows rather than read them
// (tstats, makeresults).
type generator interface{ generates() }

func generates(st stage) bool { _, ok := st.(generator); return ok }

// atRunTime reports an error in the search that a stage found while
// running (raised with errAt, diag.CodeCompileError) as
// diag.CodeRuntimeError; other errors pass unchanged.
func atRunTime(err error) error {
	if ee, ok := err.(*Error); ok && ee.Code == diag.CodeCompileError {
		c := *ee
		c.Code = diag.CodeRuntimeError
		return &c
	}
	return err
}
