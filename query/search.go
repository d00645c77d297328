package query

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/macros"
)

// Search is a search ready to run: expanded, parsed and planned. It may
// run any number of times, also concurrently, over different Data.
type Search struct {
	Source    Source            // the text as written
	Expansion *macros.Expansion // after macro expansion, with its source map
	Query     *ast.Query        // the syntax tree of the expansion
	Program   *eval.Program     // the plan

	env  *Env
	opts eval.Options // what Program was compiled with (Explain's probes reuse the clock)
}

// Needs is what data a search reads.
type Needs struct {
	// Events: the search (or one of its subsearches) reads raw events.
	Events bool
	// DataModels: the search reads data-model datasets (tstats,
	// datamodel, from datamodel:).
	DataModels bool
	// Filter keeps the raw events the search's leading command may keep;
	// nil when the search keeps every event or reads none. Load applies
	// it while reading.
	Filter *eval.EventFilter
}

// Data reports whether the search needs any data at all; a search that
// makes its own rows (makeresults, inputlookup) does not.
func (n Needs) Data() bool { return n.Events || n.DataModels }

// Needs says what data s reads.
func (s *Search) Needs() Needs {
	if s == nil || s.Program == nil {
		return Needs{}
	}
	n := Needs{Events: s.Program.ReadsEvents(), DataModels: readsDataModels(s.Query)}
	if n.Events {
		n.Filter = s.Program.EventFilter()
	}
	return n
}

// readsDataModels reports whether q, subsearches included, has a command
// that reads data-model datasets.
func readsDataModels(q *ast.Query) bool {
	found := false
	ast.Inspect(q, func(n ast.Node) bool {
		switch c := n.(type) {
		case *ast.TstatsCommand, *ast.DatamodelCommand:
			found = true
		case *ast.FromCommand:
			found = found || c.Kind == "datamodel"
		}
		return !found
	})
	return found
}

// Exec runs s over data: tstats reads data's tables, a leading search (or
// streaming command) its raw events, holding only the fields the search
// can read. Run-time errors of the search are *SearchError at the command
// that failed. Exec honours ctx's cancellation, stops a run longer
// than Limits.Timeout with an error that wraps context.DeadlineExceeded,
// and one during which the heap passes Limits.MaxMemory with a
// *SearchError of code diag.CodeLimitExceeded at the command that was
// running (wrapping a *MemoryLimitError).
// The Result carries each command's rows in and out and time
// (Result.Profile).
func (s *Search) Exec(ctx context.Context, data *Data) (*eval.Result, error) {
	if s == nil || s.Program == nil {
		return nil, errors.New("query: Exec on a nil Search")
	}
	outer := ctx
	var timeout time.Duration
	if s.env != nil {
		timeout = s.env.cfg.Limits.Timeout
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	ctx, stop := s.env.watchMemory(ctx, "")
	defer stop()
	res, err := s.Program.Exec(ctx, data.input())
	if err != nil {
		if me := MemoryLimitCause(ctx); me != nil {
			se, ok := compileError("run", s.Expansion, err).(*SearchError)
			if !ok || se.Code != diag.CodeLimitExceeded {
				return nil, me
			}
			se.Err = errors.Join(se.Err, me)
			return nil, se
		}
		if outer.Err() != nil {
			return nil, outer.Err()
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("query: the search ran longer than the limit of %v: %w", timeout, ctx.Err())
		}
		return nil, compileError("run", s.Expansion, err)
	}
	return res, nil
}

// Keep is the ingest.Options.Keep predicate for reading the events s
// reads: it keeps the events s's leading command may keep (nil: every
// event). Without timeBounds the search's earliest/latest are not applied,
// for callers that set the clock from the data after reading it.
func (s *Search) Keep(timeBounds bool) func(*ingest.Event) bool {
	return keepFilter([]*Search{s}, !timeBounds)
}

// keepFilter is the ingest keep predicate for reading events for the
// searches ss: an event is kept when any search's leading command may keep
// it. It is nil, keep everything, when some search reads events but has no
// filter, or when none reads events. noTime drops the searches' time
// bounds (their clock is not known yet: spelunk test takes it from the
// data).
func keepFilter(ss []*Search, noTime bool) func(*ingest.Event) bool {
	var fs []*eval.EventFilter
	for _, s := range ss {
		n := s.Needs()
		if !n.Events {
			continue
		}
		f := n.Filter
		if f != nil && noTime {
			f = f.WithoutTimeBounds()
		}
		if f == nil {
			return nil
		}
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		return nil
	}
	return func(ev *ingest.Event) bool {
		v := eventView{ev}
		for _, f := range fs {
			if f.Keep(v) {
				return true
			}
		}
		return false
	}
}
