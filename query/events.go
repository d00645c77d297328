package query

import (
	"slices"
	"sort"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// EventRecords turns ingested raw events into the records a search reads:
// _time, _raw, host, source, sourcetype, index, then every extracted and
// search-time field (a name repeated in the event, such as eventtype or
// tag, becomes a multivalue field).
//
// The records come newest first, as Splunk returns search results (stable
// for equal times): first(), head, dedup and streamstats depend on it [D
// S-statsref: "search output is newest-first"]. Nil events are left out.
func EventRecords(evs []*ingest.Event) []eval.Record {
	evs = withoutNil(evs)
	order := newestFirst(evs)
	recs := make([]eval.Record, len(evs))
	for i, k := range order {
		recs[i] = eventRecord(evs[k])
	}
	return recs
}

// newestFirst returns the positions of evs, newest first (stable for
// equal times).
func newestFirst(evs []*ingest.Event) []int32 {
	order := make([]int32, len(evs))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(a, b int) bool { return evs[order[a]].Time > evs[order[b]].Time })
	return order
}

// Events is raw events as a search reads them on demand
// (eval.EventSource): in EventRecords' order, each event's record (and
// EventView) built only when read, without copying the events. Running a
// search over Events gives the same results as over EventRecords, in a
// fraction of the memory.
type Events struct {
	evs   []*ingest.Event
	order []int32
}

// NewEvents returns evs as an eval.EventSource, newest first. Nil events
// are left out.
func NewEvents(evs []*ingest.Event) *Events {
	evs = withoutNil(evs)
	return &Events{evs: evs, order: newestFirst(evs)}
}

// withoutNil returns evs, or a copy without its nil events when it has
// some (evs is not changed).
func withoutNil(evs []*ingest.Event) []*ingest.Event {
	if !slices.Contains(evs, nil) {
		return evs
	}
	return slices.DeleteFunc(slices.Clone(evs), func(ev *ingest.Event) bool { return ev == nil })
}

// Len implements eval.EventSource.
func (e *Events) Len() int {
	if e == nil {
		return 0
	}
	return len(e.evs)
}

// View implements eval.EventSource. Out of range (0 <= i < Len()), it is
// the view of an empty event.
func (e *Events) View(i int) eval.EventView {
	if e == nil || uint(i) >= uint(len(e.order)) {
		return eventView{&ingest.Event{}}
	}
	return eventView{e.evs[e.order[i]]}
}

// AppendRecord implements eval.EventSource: event i's record as
// EventRecords builds it. Out of range (0 <= i < Len()), it returns dst.
func (e *Events) AppendRecord(dst eval.Record, i int) eval.Record {
	if e == nil || uint(i) >= uint(len(e.order)) {
		return dst
	}
	return appendEventRecord(dst, e.evs[e.order[i]])
}

// eventRecord builds one event's record.
func eventRecord(ev *ingest.Event) eval.Record {
	return appendEventRecord(make(eval.Record, 0, ev.Len()+6), ev)
}

// appendEventRecord appends one event's record to rec, without maps for
// the usual event: the metadata are tested by name, and a repeated name
// (eventtype, tag, unnamed <Data>) is noticed with a 256-bit filter over
// the names seen (length, first, middle and last byte) and only then
// looked up, by a scan while the event has few fields and through a map
// once it has many. The values of a repeated name are gathered and made
// one multivalue at the end, so that building a record is linear in its
// fields however many share a name.
func appendEventRecord(rec eval.Record, ev *ingest.Event) eval.Record {
	rec = append(rec,
		eval.Field{Name: "_time", Value: eval.Num(ev.Time)},
		eval.Field{Name: "_raw", Value: eval.Str(ev.Raw)},
	)
	for _, m := range [...]struct{ name, v string }{{"host", ev.Host}, {"source", ev.Source}, {"sourcetype", ev.Sourcetype}, {"index", ev.Index}} {
		if m.v != "" {
			rec = append(rec, eval.Field{Name: m.name, Value: eval.Str(m.v)})
		}
	}
	nmeta := len(rec)
	var seen [4]uint64
	var byName map[string]int  // position of each field's name, once there are many
	var multi map[int][]string // values of the names seen more than once, by position
	for _, f := range ev.All() {
		if isMeta(ev, f.Name) {
			continue // the event's metadata wins over a field of the same name
		}
		h := nameBit(f.Name)
		if seen[h>>6]&(1<<(h&63)) != 0 {
			if byName == nil && len(rec)-nmeta > scanFields {
				byName = make(map[string]int, 2*(len(rec)-nmeta))
				for i := nmeta; i < len(rec); i++ {
					byName[rec[i].Name] = i
				}
			}
			at := -1
			if byName != nil {
				if i, ok := byName[f.Name]; ok {
					at = i
				}
			} else if i := indexName(rec[nmeta:], f.Name); i >= 0 {
				at = i + nmeta
			}
			if at >= 0 {
				if multi == nil {
					multi = map[int][]string{}
				}
				vs, ok := multi[at]
				if !ok {
					vs = rec[at].Value.Strings()
				}
				multi[at] = append(vs, f.Value)
				continue
			}
		}
		seen[h>>6] |= 1 << (h & 63)
		rec = append(rec, eval.Field{Name: f.Name, Value: eval.Str(f.Value)})
		if byName != nil {
			byName[f.Name] = len(rec) - 1
		}
	}
	for at, vs := range multi {
		rec[at].Value = eval.Multi(vs...)
	}
	return rec
}

// scanFields is how many fields an event's record may have before a
// repeated name is looked up through a map rather than by a scan.
const scanFields = 32

// nameBit hashes a field name to 0..255 cheaply.
func nameBit(name string) uint {
	n := len(name)
	if n == 0 {
		return 0
	}
	return (uint(n)*31 + uint(name[0])*7 + uint(name[n/2])*3 + uint(name[n-1])) & 255
}

// indexName returns the position of the field called name in rec, or -1.
func indexName(rec eval.Record, name string) int {
	for i := range rec {
		if rec[i].Name == name {
			return i
		}
	}
	return -1
}

// isMeta reports whether name is a field of ev's record that comes from
// its metadata (_time, _raw, and host, source, sourcetype, index when
// set).
func isMeta(ev *ingest.Event, name string) bool {
	switch name {
	case "_time", "_raw":
		return true
	}
	return metaValue(ev, name) != ""
}

// metaValue returns ev's host, source, sourcetype or index for that name
// ("" for other names).
func metaValue(ev *ingest.Event, name string) string {
	switch name {
	case "host":
		return ev.Host
	case "source":
		return ev.Source
	case "sourcetype":
		return ev.Sourcetype
	case "index":
		return ev.Index
	}
	return ""
}

// EventView is ev as an eval.EventFilter reads it: Field answers exactly
// what ev's record (EventRecords) holds, so that filtering events while
// they are read drops only what the search's leading command drops.
// A nil ev is an empty event.
func EventView(ev *ingest.Event) eval.EventView {
	if ev == nil {
		ev = &ingest.Event{}
	}
	return eventView{ev}
}

type eventView struct{ ev *ingest.Event }

func (v eventView) Field(name string) eval.Value {
	ev := v.ev
	switch name {
	case "_time":
		return eval.Num(ev.Time)
	case "_raw":
		return eval.Str(ev.Raw)
	case "host", "source", "sourcetype", "index":
		if m := metaValue(ev, name); m != "" {
			return eval.Str(m) // the metadata win over a field of that name
		}
	}
	first, n := -1, 0
	for i, f := range ev.All() {
		if f.Name == name {
			if n == 0 {
				first = i
			}
			n++
		}
	}
	switch n {
	case 0:
		return eval.Null()
	case 1:
		return eval.Str(ev.At(first).Value)
	}
	return eval.Multi(ev.Values(name)...)
}
