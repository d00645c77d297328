package eval

// Rows between stages (rowSet) [design]:
//
//   - a rowSet is a list of field names (the columns, in Splunk's order of
//     first appearance) and rows aligned with them; a field a row lacks is
//     a null Value in that column. Every row has exactly len(fields)
//     values after each stage.
//   - stages that add fields append columns (addFields grows every row
//     once); stages that drop fields rebuild rows.
//   - a stage may modify the rows it receives in place (no other stage
//     reads them afterwards) but must not let two output rows share one
//     backing slice.
//   - field lookup: col uses a lazily built name→column map.

// Field is one named value of a Record.
type Field struct {
	Name  string
	Value Value
}

// Record is one event or result: its fields, in order. A field listed
// twice keeps its last value.
type Record []Field

// Get returns the value of the named field, null when absent.
func (r Record) Get(name string) Value {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i].Name == name {
			return r[i].Value
		}
	}
	return Null()
}

// col returns the column of name, or -1.
func (r *rowSet) col(name string) int {
	if r.idx == nil || len(r.idx) != len(r.fields) {
		r.idx = make(map[string]int, len(r.fields))
		for i, f := range r.fields {
			if _, dup := r.idx[f]; !dup {
				r.idx[f] = i
			}
		}
	}
	if i, ok := r.idx[name]; ok {
		return i
	}
	return -1
}

// addFields appends the names that are not columns yet and grows every row
// once; it returns the column of each name.
func (r *rowSet) addFields(names ...string) []int {
	cols := make([]int, len(names))
	added := 0
	for i, n := range names {
		c := r.col(n)
		if c < 0 {
			r.fields = append(r.fields, n)
			c = len(r.fields) - 1
			r.idx[n] = c
			added++
		}
		cols[i] = c
	}
	if added > 0 {
		r.padRows()
	}
	return cols
}

// padBytes is what padRows allocates to grow every row to n columns.
func (r *rowSet) padBytes(n int) int {
	grown := 0
	for _, row := range r.rows {
		if cap(row) < n {
			grown++
		}
	}
	per := (n + max(2, n/8)) * valueBytes
	if grown > (1<<62)/per {
		return 1 << 62
	}
	return grown * per
}

// padRows grows every row to len(fields) with nulls. A row grows in place
// when it has room, else into a copy with room for an eighth more columns,
// so that adding columns one at a time (extraction of keys that differ
// from event to event) costs amortised constant time per cell.
func (r *rowSet) padRows() {
	n := len(r.fields)
	for i, row := range r.rows {
		switch {
		case len(row) >= n:
		case cap(row) >= n:
			ext := row[len(row):n]
			clear(ext)
			r.rows[i] = row[:n]
		default:
			nr := make(Row, n, n+max(2, n/8))
			copy(nr, row)
			r.rows[i] = nr
		}
	}
}

// get returns row's value in column c (null when c < 0).
func get(row Row, c int) Value {
	if c < 0 || c >= len(row) {
		return Null()
	}
	return row[c]
}

// fromRecords builds a rowSet from records: columns in order of first
// appearance.
func fromRecords(recs []Record) *rowSet {
	rs := &rowSet{idx: map[string]int{}}
	for _, rec := range recs {
		for _, f := range rec {
			if _, ok := rs.idx[f.Name]; !ok {
				rs.idx[f.Name] = len(rs.fields)
				rs.fields = append(rs.fields, f.Name)
			}
		}
	}
	rs.rows = make([]Row, len(recs))
	for i, rec := range recs {
		row := make(Row, len(rs.fields))
		for _, f := range rec {
			row[rs.idx[f.Name]] = f.Value
		}
		rs.rows[i] = row
	}
	return rs
}

// Records returns the result's rows as records, null fields left out.
func (r *Result) Records() []Record {
	if r == nil {
		return nil
	}
	out := make([]Record, len(r.Rows))
	for i, row := range r.Rows {
		rec := make(Record, 0, len(r.Fields))
		for c, f := range r.Fields {
			if v := get(row, c); !v.IsNull() {
				rec = append(rec, Field{Name: f, Value: v})
			}
		}
		out[i] = rec
	}
	return out
}

// copyRow returns a copy of row.
func copyRow(row Row) Row { return append(make(Row, 0, len(row)), row...) }
