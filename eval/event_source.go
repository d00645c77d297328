package eval

// Raw events read on demand. Given as Records (eval.Field is 72 bytes),
// raw events would make a dense row set over every distinct field of every
// kept event: several times the size of the log. Input.Events gives the
// events without copying them; Exec reads each kept event's fields once,
// into a reused buffer, and builds rows holding only the columns the
// search can read (projection.go). Results are the same as over Records.

// EventSource is a list of raw events that Exec reads on demand, in the
// order a search reads them (newest first, as Records).
type EventSource interface {
	// Len is the number of events.
	Len() int
	// View is event i as a leading search's filter reads it.
	View(i int) EventView
	// AppendRecord appends event i's record (what Records would hold for
	// it) to dst and returns the extended slice; the fields' values may be
	// kept, dst's backing array is reused by the caller.
	AppendRecord(dst Record, i int) Record
}

// fromEvents builds the rows of the events of src that f keeps (all when
// f is nil), with the columns of names only (all columns when names is
// nil), in order of first appearance among the kept events. It equals
// fromRecords over the kept records with the other columns removed.
func fromEvents(src EventSource, f *EventFilter, names []string) *rowSet {
	rs := &rowSet{idx: map[string]int{}}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var buf Record
	for i := range src.Len() {
		if f != nil && !f.Keep(src.View(i)) {
			continue
		}
		buf = src.AppendRecord(buf[:0], i)
		row := make(Row, len(rs.fields), len(rs.fields)+1)
		for _, fd := range buf {
			if names != nil && !want[fd.Name] {
				continue
			}
			c, ok := rs.idx[fd.Name]
			if !ok {
				c = len(rs.fields)
				rs.idx[fd.Name] = c
				rs.fields = append(rs.fields, fd.Name)
				row = append(row, Value{})
			}
			row[c] = fd.Value
		}
		rs.rows = append(rs.rows, row)
		clear(buf) // drop references to the event's values
	}
	if rs.rows == nil {
		rs.rows = []Row{}
	}
	rs.padRows()
	return rs
}

// eventRowsFor is the events of in as the program p reads them (Events
// when set, else Records): those its leading search keeps, with the
// columns it can read (all over Records), and how many events there were.
// A subsearch reads them so, as the main search does in Exec.
func (in *Input) eventRowsFor(p *Program) (*rowSet, int) {
	if in.Events != nil {
		return fromEvents(in.Events, p.leadFilter(), p.columns), in.Events.Len()
	}
	return fromRecords(p.leadFilter().keepRecords(in.Records)), len(in.Records)
}
