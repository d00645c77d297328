package query

import (
	"context"
	"sync"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// loadPrepared reads the logs once for searches that read raw events:
// each event is offered to every read of the events (a search's leading
// command or a subsearch's, eval.EventRead) whose filter keeps it, and
// that read's rows are built then, with the columns it can read; the event
// itself is kept only when a search reads events in a way that cannot be
// prepared (map). The filters run in the readers' parallel workers; the
// rows are built in file order.
func (e *Env) loadPrepared(ctx context.Context, paths []string, opts ingest.Options, searches []*Search, untimed bool) (*Data, error) {
	var reads []*eval.EventRead
	var raw []*Search
	for _, s := range searches {
		if s == nil || s.Program == nil {
			continue
		}
		rs, needsEvents := s.Program.EventReads()
		reads = append(reads, rs...)
		if needsEvents {
			raw = append(raw, s)
		}
	}
	prep := eval.NewPrepared(reads)
	reads = prep.Reads()
	filters := make([]*eval.EventFilter, len(reads))
	for i, r := range reads {
		filters[i] = r.Filter()
		if untimed {
			filters[i] = withoutTime(filters[i])
		}
	}
	index := newReadIndex(filters)
	rawKeep := keepFilter(raw, untimed)
	if len(raw) == 0 {
		rawKeep = func(*ingest.Event) bool { return false }
	}
	// The keys of the reads that keep each kept event, from the parallel
	// workers to the walk.
	var matched sync.Map // *ingest.Event → *eventMatch
	opts.Keep = func(ev *ingest.Event) bool {
		v := eventView{ev}
		var keys []string
		var cands [64]int
		for _, i := range index.candidates(cands[:0], v) {
			if filters[i].Keep(v) {
				keys = append(keys, reads[i].Key())
			}
		}
		keepRaw := rawKeep(ev)
		if keys == nil && !keepRaw {
			return false
		}
		matched.Store(ev, &eventMatch{keys: keys, raw: keepRaw})
		return true
	}
	var (
		kept []*ingest.Event
		rec  eval.Record
	)
	tables, rep, err := ingest.Walk(ctx, paths, opts, func(ev *ingest.Event) error {
		m, ok := matched.LoadAndDelete(ev)
		if !ok {
			return nil
		}
		em := m.(*eventMatch)
		if len(em.keys) > 0 {
			rec = appendEventRecord(rec[:0], ev)
			prep.Add(rec, em.keys)
			clear(rec)
		}
		if em.raw {
			kept = append(kept, ev)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, f := range rep.Files {
		prep.Offered(f.Events)
	}
	prep.Finish()
	d := &Data{Tables: tables, Report: rep, Prepared: prep}
	if len(raw) > 0 {
		d.Events = NewEvents(kept)
	}
	return d, nil
}

// eventMatch is which reads keep an event, and whether it is kept whole.
type eventMatch struct {
	keys []string
	raw  bool
}

// withoutTime is f without its time bounds; nil (every event) when
// nothing else is left.
func withoutTime(f *eval.EventFilter) *eval.EventFilter {
	if f == nil {
		return nil
	}
	return f.WithoutTimeBounds()
}
