package spltest

import (
	"sort"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// Path is one way a case's events reach the program.
type Path string

// The input paths. A case that reads events runs through each.
const (
	// Records: the events as Records (Program.Exec with Input.Records), or the
	// data-model table of a dataset case (Program.Run).
	Records Path = "records"
	// Events: the events read on demand with column projection
	// (Program.Exec with Input.Events).
	Events Path = "events"
	// Prefiltered: Events after dropping, as the command line does while
	// it loads them, the events the program's EventFilter rejects.
	Prefiltered Path = "events+prefilter"
)

// eventSet is a case's events as event sources.
//
// The source is the command line's own (query.NewEvents over
// ingest events made from the records) when it reads back exactly the
// case's records: every event has _time and _raw first and the events are
// newest first. Otherwise it is the records themselves behind the
// EventSource interface, and the command line's source is still checked,
// against Records over what it reads back (ingest below).
type eventSet struct {
	src eval.EventSource
	// keep returns the source of the events of src at the positions
	// kept, in order.
	keep func(kept []int) eval.EventSource

	// ingest, when not nil, is the command line's source over the events
	// as ingest events, which does not read back the case's records; its
	// records are what it reads back.
	ingest *ingestSet
}

// ingestSet is the command line's source over ingest events.
type ingestSet struct {
	evs     []*ingest.Event  // newest first
	src     eval.EventSource // query.NewEvents(evs)
	records []eval.Record
}

// newEventSet builds the event sources of recs.
func newEventSet(recs []eval.Record) *eventSet {
	in := newIngestSet(recs)
	if sameRecords(in.records, recs) {
		return &eventSet{src: in.src, keep: in.keep}
	}
	rs := recordEvents(recs)
	return &eventSet{
		src: rs,
		keep: func(kept []int) eval.EventSource {
			out := make(recordEvents, len(kept))
			for i, k := range kept {
				out[i] = rs[k]
			}
			return out
		},
		ingest: in,
	}
}

// newIngestSet makes ingest events of recs (_time the event time, _raw
// its text, every other field a field, a multivalue one field per value)
// and the command line's source over them.
func newIngestSet(recs []eval.Record) *ingestSet {
	evs := make([]*ingest.Event, 0, len(recs))
	for _, r := range recs {
		var raw string
		var t float64
		var fs []ingest.Field
		for _, f := range r {
			switch f.Name {
			case "_time":
				t, _ = f.Value.Float()
				continue
			case "_raw":
				raw = f.Value.String()
				continue
			}
			for _, v := range f.Value.Strings() {
				fs = append(fs, ingest.Field{Name: f.Name, Value: v})
			}
		}
		ev := ingest.NewEvent(raw, fs...)
		ev.Time = t
		evs = append(evs, ev)
	}
	// newest first, as the source orders them, so that position i of the
	// source is evs[i]
	sort.SliceStable(evs, func(a, b int) bool { return evs[a].Time > evs[b].Time })
	in := &ingestSet{evs: evs, src: query.NewEvents(evs)}
	for i := range in.src.Len() {
		in.records = append(in.records, in.src.AppendRecord(nil, i))
	}
	return in
}

// keep is the command line's source over the events kept.
func (in *ingestSet) keep(kept []int) eval.EventSource {
	evs := make([]*ingest.Event, len(kept))
	for i, k := range kept {
		evs[i] = in.evs[k]
	}
	return query.NewEvents(evs)
}

// sameRecords reports whether a and b hold the same fields in the same
// order with equal values.
func sameRecords(a, b []eval.Record) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j].Name != b[i][j].Name || !a[i][j].Value.Equal(b[i][j].Value) {
				return false
			}
		}
	}
	return true
}

// prefilter returns the positions of the events of src that f keeps (all
// when f is nil), as the command line's load-time filter does.
func prefilter(src eval.EventSource, f *eval.EventFilter) []int {
	var kept []int
	for i := range src.Len() {
		if f.Keep(src.View(i)) {
			kept = append(kept, i)
		}
	}
	return kept
}

// recordEvents is records as an eval.EventSource.
type recordEvents []eval.Record

// Len implements eval.EventSource.
func (r recordEvents) Len() int { return len(r) }

// View implements eval.EventSource.
func (r recordEvents) View(i int) eval.EventView { return recordView(r[i]) }

// AppendRecord implements eval.EventSource.
func (r recordEvents) AppendRecord(dst eval.Record, i int) eval.Record {
	return append(dst, r[i]...)
}

// recordView is a Record as an eval.EventView.
type recordView eval.Record

// Field implements eval.EventView.
func (r recordView) Field(name string) eval.Value { return eval.Record(r).Get(name) }
