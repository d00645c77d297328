package query

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// Data is what searches run over: data-model tables and raw events.
type Data struct {
	// Tables are the data-model datasets by name ("Endpoint.Processes").
	Tables cim.Tables
	// Events are the raw events, newest first; nil when none were kept.
	// Searches read them through Prepared when it holds their reads.
	Events *Events
	// Prepared holds the rows each read of the raw events (a search's
	// leading command, a subsearch's) was given while the logs were read
	// (Env.Load with searches); nil otherwise.
	Prepared *eval.Prepared
	// Report says what was read and skipped; nil for Data built in code.
	Report *ingest.Report
}

// NewData is Data over tables and raw events (either may be nil), for
// callers that read logs themselves.
func NewData(tables cim.Tables, events []*ingest.Event) *Data {
	d := &Data{Tables: tables}
	if events != nil {
		d.Events = NewEvents(events)
	}
	return d
}

// input is d as the evaluator reads it; a nil Data has no rows.
func (d *Data) input() eval.Input {
	if d == nil {
		return eval.Input{}
	}
	in := eval.Input{Tables: d.Tables, Prepared: d.Prepared}
	if d.Events != nil {
		in.Events = d.Events
	}
	return in
}

// Load reads the logs at paths (files or directories; formats detected
// from content; archives read in place) with the Env's ingest options,
// into the data-model tables and, when one of searches reads raw events,
// the rows of each read of the events (Data.Prepared): only the events
// its filter keeps, with only the fields it can read, built while the
// logs are read, so the events themselves are not kept (except for map,
// whose searches are made at run time). With no searches, every raw event
// is kept (Explain counts what each term of a filter keeps, so it needs
// them all). Dataset files (Config.Ingest.Dataset) read for searches
// whose every read of the dataset is a tstats with a where clause keep
// only the rows one of those clauses may keep (rowFilter); the others are
// counted (Report, cim.Table.Omitted, Latest) but not stored. Records that
// cannot be read are counted in the Report, never dropped silently.
func (e *Env) Load(ctx context.Context, paths []string, searches ...*Search) (*Data, error) {
	return e.LoadWith(ctx, paths, LoadOptions{}, searches...)
}

// LoadOptions refine Load.
type LoadOptions struct {
	// IgnoreTimeBounds keeps the events outside the searches'
	// earliest/latest too, for a caller that takes the clock from the data
	// and compiles the searches again with it (spelunk detect and test).
	IgnoreTimeBounds bool
}

// LoadWith is Load with options. Reading stops with a *MemoryLimitError
// when the heap passes Limits.MaxMemory.
func (e *Env) LoadWith(ctx context.Context, paths []string, lo LoadOptions, searches ...*Search) (*Data, error) {
	if e == nil {
		return nil, errors.New("query: Load on a nil Env")
	}
	ctx, stop := e.watchMemory(ctx, "reading logs")
	defer stop()
	d, err := e.loadWith(ctx, paths, lo, searches)
	if me := memoryError(ctx, err); me != nil {
		return nil, me
	}
	return d, err
}

// loadWith is LoadWith under its memory watchdog.
func (e *Env) loadWith(ctx context.Context, paths []string, lo LoadOptions, searches []*Search) (*Data, error) {
	opts := e.cfg.Ingest
	opts.Keep = nil
	opts.Rows = rowFilter(opts.Dataset, searches)
	events := len(searches) == 0
	for _, s := range searches {
		events = events || s.Needs().Events
	}
	if !events {
		tables, rep, err := ingest.Load(ctx, paths, opts)
		if err != nil {
			return nil, err
		}
		return &Data{Tables: tables, Report: rep}, nil
	}
	if len(searches) > 0 {
		return e.loadPrepared(ctx, paths, opts, searches, lo.IgnoreTimeBounds)
	}
	evs, tables, rep, err := ingest.LoadEvents(ctx, paths, opts)
	if err != nil {
		return nil, err
	}
	return &Data{Tables: tables, Events: NewEvents(evs), Report: rep}, nil
}

// Latest is the greatest _time of the events read (kept or not) and of
// the data-model rows, and whether there was any: the clock a search over
// historical data runs with is Latest plus one second.
func (d *Data) Latest() (float64, bool) {
	if d == nil {
		return 0, false
	}
	var latest float64
	found := false
	if d.Report != nil {
		for _, f := range d.Report.Files {
			if f.Events > 0 && (!found || f.Latest > latest) {
				latest, found = f.Latest, true
			}
		}
	}
	for _, t := range d.Tables {
		for _, x := range t.Times() {
			if !found || x > latest {
				latest, found = x, true
			}
		}
		// rows left out while loading (no search could read them)
		if n, x := t.Omitted(); n > 0 && (!found || x > latest) {
			latest, found = x, true
		}
	}
	return latest, found
}

// ClockAfter is the clock one second after the epoch time latest, to the
// microsecond (_time's precision: rounding drops float noise below it).
func ClockAfter(latest float64) time.Time {
	sec, frac := math.Modf(latest)
	return time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3).Add(time.Second).UTC()
}
