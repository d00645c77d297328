package detections

import (
	"context"
	"sort"

	"github.com/spelunk-dev/spelunk/cim"
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
// S-statsref: "search output is newest-first"].
func EventRecords(evs []*ingest.Event) []eval.Record {
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return evs[order[a]].Time > evs[order[b]].Time })
	recs := make([]eval.Record, len(evs))
	for i, k := range order {
		recs[i] = eventRecord(evs[k])
	}
	return recs
}

func eventRecord(ev *ingest.Event) eval.Record {
	rec := make(eval.Record, 0, len(ev.Fields)+6)
	rec = append(rec,
		eval.Field{Name: "_time", Value: eval.Num(ev.Time)},
		eval.Field{Name: "_raw", Value: eval.Str(ev.Raw)},
	)
	meta := map[string]bool{"_time": true, "_raw": true}
	for _, m := range [][2]string{{"host", ev.Host}, {"source", ev.Source}, {"sourcetype", ev.Sourcetype}, {"index", ev.Index}} {
		if m[1] != "" {
			rec = append(rec, eval.Field{Name: m[0], Value: eval.Str(m[1])})
			meta[m[0]] = true
		}
	}
	seen := make(map[string]int, len(ev.Fields))
	for _, f := range ev.Fields {
		if meta[f.Name] {
			continue // the event's metadata wins over a field of the same name
		}
		if at, dup := seen[f.Name]; dup {
			vals := append(rec[at].Value.Strings(), f.Value)
			rec[at].Value = eval.Multi(vals...)
			continue
		}
		seen[f.Name] = len(rec)
		rec = append(rec, eval.Field{Name: f.Name, Value: eval.Str(f.Value)})
	}
	return rec
}

// Exec runs the compiled search over data-model tables and raw event
// records (see EventRecords); a search that starts with tstats reads only
// the tables, one that starts with search only the records.
func (c *Compiled) Exec(ctx context.Context, tables cim.Tables, records []eval.Record) (*eval.Result, error) {
	return c.Program.Exec(ctx, eval.Input{Tables: tables, Records: records})
}

// ReadsEvents reports whether the search reads raw events, so that callers
// load them only when needed.
func (c *Compiled) ReadsEvents() bool { return c.Program.ReadsEvents() }
