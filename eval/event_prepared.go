package eval

import (
	"maps"
	"slices"
	"strings"
)

// Prepared reads. When many searches run over the same logs, the raw
// events need not all be kept until the searches run: each read of the
// events — a search's leading command, or a subsearch's — keeps only the
// events its filter keeps, with only the columns it can read. A host that
// reads the logs once offers each event, as its record, to the reads that
// keep it (Prepared.Add); the rows are built then, and the event itself
// can be dropped. Exec and the subsearches take their rows from Prepared
// instead of Input.Events; the results are the same.
//
// Reads are identified by the canonical text of their program's query, so
// that a search compiled again (with another clock) finds the rows
// prepared for its first compilation, and identical subsearches of
// different searches share one set of rows. Their time bounds are applied
// when the rows are taken, so rows may be prepared without them.

// EventRead is one read of the raw events: the leading command of a
// search or subsearch that searches the events.
type EventRead struct {
	key     string
	filter  *EventFilter // the leading command's filter; nil keeps every event
	columns []string     // the fields the program can read; nil: all
}

// Key identifies the read: the canonical text of its program's query.
func (r *EventRead) Key() string {
	if r == nil {
		return ""
	}
	return r.key
}

// Filter is the filter of the read (nil: every event).
func (r *EventRead) Filter() *EventFilter {
	if r == nil {
		return nil
	}
	return r.filter
}

// EventReads lists the reads of the raw events by p and its subsearches
// that can be prepared, and reports whether p also reads raw events in a
// way that cannot (map's searches are made at run time from the rows):
// such a program needs Input.Events (with the events its EventFilter
// keeps) besides Prepared.
func (p *Program) EventReads() (reads []*EventRead, needsEvents bool) {
	p.collectReads(true, &reads, &needsEvents)
	return reads, needsEvents
}

func (p *Program) collectReads(lead bool, reads *[]*EventRead, needsEvents *bool) {
	if p == nil {
		return
	}
	if lead && p.leadsWithEvents() {
		*reads = append(*reads, &EventRead{key: p.key, filter: p.leadFilter(), columns: p.columns})
	}
	for _, st := range p.stages {
		switch s := st.(type) {
		case *appendStage:
			s.sub.collectReads(true, reads, needsEvents)
		case *joinStage:
			s.sub.collectReads(true, reads, needsEvents)
		case *appendpipeStage:
			s.sub.collectReads(false, reads, needsEvents)
		case *foreachStage:
			s.probe.collectReads(false, reads, needsEvents)
		case *searchSubStage:
			for _, sub := range s.subs {
				sub.collectReads(true, reads, needsEvents)
			}
		case *tstatsSubStage:
			for _, sub := range s.subs {
				sub.collectReads(true, reads, needsEvents)
			}
		case *mapStage:
			*needsEvents = true
		}
	}
}

// Prepared holds the rows of event reads, built while the events were
// read. Add must not be called concurrently; the rows are read-only once
// Finish has run, and then safe for concurrent use.
type Prepared struct {
	reads   map[string]*preparedRead
	offered int
}

// preparedRead is the rows of one read.
type preparedRead struct {
	read  *EventRead
	want  map[string]bool // nil: every column
	rs    *rowSet
	times []float64 // each row's _time, for the time bounds and the order
	// shape is each row's columns in the order its record had them, as an
	// index into shapes (rows of one kind of event share one).
	shape    []int32
	shapes   [][]int
	shapeIdx map[string]int32
}

// NewPrepared prepares rows for reads (reads of the same key once; nil
// reads are skipped).
func NewPrepared(reads []*EventRead) *Prepared {
	p := &Prepared{reads: map[string]*preparedRead{}}
	for _, r := range reads {
		if r == nil {
			continue
		}
		if _, ok := p.reads[r.key]; ok {
			continue
		}
		pr := &preparedRead{read: r, rs: &rowSet{idx: map[string]int{}}, shapeIdx: map[string]int32{}}
		if r.columns != nil {
			pr.want = map[string]bool{}
			for _, c := range r.columns {
				pr.want[c] = true
			}
		}
		p.reads[r.key] = pr
	}
	return p
}

// Reads returns the distinct reads, in a fixed order (by key).
func (p *Prepared) Reads() []*EventRead {
	if p == nil {
		return nil
	}
	out := make([]*EventRead, 0, len(p.reads))
	for _, k := range slices.Sorted(maps.Keys(p.reads)) {
		out = append(out, p.reads[k].read)
	}
	return out
}

// Offered counts an event that was read, kept or not: the leading
// command's rows in.
func (p *Prepared) Offered(n int) {
	if p != nil {
		p.offered += n
	}
}

// Add adds the event whose record is rec to the rows of the reads keys
// (reads that keep it, as their filters decided). The values are copied:
// rec may be reused and the event dropped. A nil Prepared ignores it.
func (p *Prepared) Add(rec Record, keys []string) {
	if p == nil {
		return
	}
	t := rec.Get("_time")
	tf, _ := t.Float()
	for _, k := range keys {
		pr := p.reads[k]
		if pr == nil {
			continue
		}
		rs := pr.rs
		row := make(Row, len(rs.fields), len(rs.fields)+1)
		var cols []int
		for _, f := range rec {
			if pr.want != nil && !pr.want[f.Name] {
				continue
			}
			c, ok := rs.idx[f.Name]
			if !ok {
				c = len(rs.fields)
				rs.idx[f.Name] = c
				rs.fields = append(rs.fields, f.Name)
				row = append(row, Value{})
			}
			row[c] = f.Value.clone()
			cols = append(cols, c)
		}
		rs.rows = append(rs.rows, row)
		pr.times = append(pr.times, tf)
		pr.shape = append(pr.shape, pr.intern(cols))
	}
}

// intern returns the index of the shape cols, adding it when new.
func (pr *preparedRead) intern(cols []int) int32 {
	key := make([]byte, 0, 4*len(cols))
	for _, c := range cols {
		key = append(key, byte(c), byte(c>>8), byte(c>>16), byte(c>>24))
	}
	if i, ok := pr.shapeIdx[string(key)]; ok {
		return i
	}
	i := int32(len(pr.shapes))
	pr.shapes = append(pr.shapes, cols)
	pr.shapeIdx[string(key)] = i
	return i
}

// Finish orders every read's rows newest first (stable for equal times:
// the order the events were read in), as events are searched.
func (p *Prepared) Finish() {
	if p == nil {
		return
	}
	for _, pr := range p.reads {
		order := make([]int, len(pr.rs.rows))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			switch ta, tb := pr.times[a], pr.times[b]; {
			case ta > tb:
				return -1
			case ta < tb:
				return 1
			}
			return 0
		})
		rows, times, shape := make([]Row, len(order)), make([]float64, len(order)), make([]int32, len(order))
		for i, k := range order {
			rows[i], times[i], shape[i] = pr.rs.rows[k], pr.times[k], pr.shape[k]
		}
		pr.rs.rows, pr.times = rows, times
		pr.rs.padRows()
		pr.reorderColumns(shape)
		pr.shape, pr.shapes, pr.shapeIdx = nil, nil, nil
	}
}

// reorderColumns orders the columns as the fields first appear in the
// rows, now in search order, each row's fields in its record's order
// (shape: each row's shape): as fromEvents orders the columns of the
// events it reads.
func (pr *preparedRead) reorderColumns(shape []int32) {
	r := pr.rs
	n := len(r.fields)
	order := make([]int, 0, n) // new position → old column
	seen := make([]bool, n)
	done := make([]bool, len(pr.shapes))
	for _, sh := range shape {
		if done[sh] {
			continue
		}
		done[sh] = true
		for _, c := range pr.shapes[sh] {
			if !seen[c] {
				seen[c] = true
				order = append(order, c)
			}
		}
		if len(order) == n {
			break
		}
	}
	if slices.IsSorted(order) {
		return
	}
	fields := make([]string, n)
	r.idx = make(map[string]int, n)
	for i, c := range order {
		fields[i] = r.fields[c]
		r.idx[fields[i]] = i
	}
	r.fields = fields
	for k, row := range r.rows {
		nr := make(Row, n)
		for i, c := range order {
			nr[i] = row[c]
		}
		r.rows[k] = nr
	}
}

// has reports whether prog's leading read was prepared.
func (p *Prepared) has(prog *Program) bool {
	return p != nil && prog != nil && p.reads[prog.key] != nil
}

// rowsFor returns a fresh copy (stages change rows in place) of the rows
// prepared for p's leading read, within p's time bounds, and the events
// offered; ok is false when p's read was not prepared.
func (p *Prepared) rowsFor(prog *Program) (rs *rowSet, offered int, ok bool) {
	if p == nil || prog == nil {
		return nil, 0, false
	}
	pr := p.reads[prog.key]
	if pr == nil {
		return nil, 0, false
	}
	var tb timeBounds
	if f := prog.leadFilter(); f != nil {
		tb = f.times
	}
	out := &rowSet{fields: slices.Clone(pr.rs.fields), rows: make([]Row, 0, len(pr.rs.rows))}
	for i, row := range pr.rs.rows {
		if tb.active() && !tb.containsValue(Num(pr.times[i])) {
			continue
		}
		out.rows = append(out.rows, slices.Clone(row))
	}
	return out, p.offered, true
}

// clone copies v's strings, so that v no longer shares memory with the
// text it was read from.
func (v Value) clone() Value {
	v.s = strings.Clone(v.s)
	if v.mv != nil {
		mv := make([]string, len(v.mv))
		for i, s := range v.mv {
			mv[i] = strings.Clone(s)
		}
		v.mv = mv
	}
	return v
}
