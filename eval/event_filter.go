package eval

// Event prefiltering. A search over raw events (`sysmon` EventCode=1
// Image=*wmic* | ...) keeps few of the events it reads; rather than make
// every event a record and a row for the first command to drop, the
// leading search command's condition is exposed here as an EventFilter, so
// that readers can drop events before they are kept in memory
// (ingest.Options.Keep), and Exec drops them before it builds rows.
//
// Rules:
//
//   - the filter is the leading search command's own condition and time
//     bounds, evaluated by the search command's own evaluator (matchCond
//     in search_match.go) over an EventView instead of a row;
//   - it is conservative: where it cannot tell (a keyword over an event
//     without _raw) it keeps the event. The search command still runs on
//     whatever is kept, so a filter may only keep too much, never too
//     little;
//   - there is no filter (nil) when the search does not start by reading
//     events, when a subsearch (join, append, map, [search ...]) reads the
//     same events (it needs all of them), when the leading search holds a
//     [subsearch] (its condition is only known at run time), or when the
//     leading search keeps every event anyway;
//   - dropping events before rows are built also drops the columns only
//     dropped events had: the columns of a search over events are the
//     fields of the events its leading search keeps, in order of first
//     appearance among them, as Splunk lists the fields of the events a
//     search returns. Exec applies the filter itself, so the result is the
//     same whether or not the caller filtered while reading.

// EventView is one raw event as an EventFilter reads it.
type EventView interface {
	// Field returns the value of the named field exactly as the event's
	// record would hold it (eval.Record semantics: a field repeated in the
	// event is a multivalue, a missing one null; _time a number, _raw the
	// text), so that the filter agrees with the search command.
	Field(name string) Value
}

// EventFilter is the condition of a search's leading search command, as a
// predicate over raw events. It is safe for concurrent use.
type EventFilter struct {
	cond  *cond // nil: no field condition
	times timeBounds
	// any, when set, is a union: the event is kept when one of them keeps
	// it (a search and its subsearches, event_filter_nested.go); cond and
	// times are then unused.
	any []*EventFilter
}

// EventFilter returns the filter of the events p may read: those its
// leading search command may keep and, when subsearches read the same
// events, those any subsearch's leading search may keep. It is nil when p
// reads no events or may read any of them (see the rules above
// event_filter.go's EventView).
func (p *Program) EventFilter() *EventFilter {
	if !p.nestedReadsEvents() {
		return p.leadFilter()
	}
	fs, ok := p.eventFilters()
	if !ok {
		return nil
	}
	return anyOf(fs)
}

// leadFilter is the filter of the leading search command, whatever else
// reads the events (Exec filters only the rows of the leading command;
// subsearches read Input.Records whole).
func (p *Program) leadFilter() *EventFilter {
	if !p.leadsWithEvents() {
		return nil
	}
	st, ok := p.stages[0].(*searchStage)
	if !ok || (st.cond == nil && !st.times.active()) {
		return nil
	}
	return &EventFilter{cond: st.cond, times: st.times}
}

// WithoutTimeBounds returns f without its earliest=/latest= bounds (for a
// caller that reads the data before it knows the search's clock), or nil
// when nothing else is left to filter on. f may be nil.
func (f *EventFilter) WithoutTimeBounds() *EventFilter {
	if f != nil && f.any != nil {
		fs := make([]*EventFilter, len(f.any))
		for i, g := range f.any {
			if fs[i] = g.WithoutTimeBounds(); fs[i] == nil {
				return nil
			}
		}
		return anyOf(fs)
	}
	if f == nil || f.cond == nil {
		return nil
	}
	return &EventFilter{cond: f.cond}
}

// Keep reports whether the leading search may keep ev: false only when it
// certainly drops it. A nil filter keeps every event.
func (f *EventFilter) Keep(ev EventView) bool {
	if f == nil {
		return true
	}
	if f.any != nil {
		for _, g := range f.any {
			if g.Keep(ev) {
				return true
			}
		}
		return false
	}
	if f.times.active() && !f.times.containsValue(ev.Field("_time")) {
		return false
	}
	return f.cond == nil || matchCond(f.cond, viewSubject{ev})
}

// recordView is the EventView of a Record.
type recordView Record

func (r recordView) Field(name string) Value { return Record(r).Get(name) }

// keepRecords returns the records f keeps (recs itself when f is nil or
// keeps them all).
func (f *EventFilter) keepRecords(recs []Record) []Record {
	if f == nil {
		return recs
	}
	for i, rec := range recs {
		if f.Keep(recordView(rec)) {
			continue
		}
		out := append(make([]Record, 0, len(recs)), recs[:i]...)
		for _, rec := range recs[i+1:] {
			if f.Keep(recordView(rec)) {
				out = append(out, rec)
			}
		}
		return out
	}
	return recs
}
