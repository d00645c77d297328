package cim

import "sort"

// Table is the rows of one data-model dataset in columnar form. Fields are
// stored without the dataset prefix ("process_name", not
// "Processes.process_name"); _time is a numeric column of epoch seconds.
// Every other field is a dictionary-encoded string column: each distinct
// value is stored once and rows hold small integer codes, so a filter can be
// evaluated once per distinct value instead of once per row.
//
// A Table is immutable once built and safe for concurrent readers.
type Table struct {
	dataset string
	n       int
	times   []float64
	cols    []*Column
	byName  map[string]*Column
}

// Column is one dictionary-encoded string field of a Table.
type Column struct {
	Name  string   // field name without dataset prefix
	Dict  []string // distinct values; Dict[0] is unused: code 0 means null
	Codes []uint32 // one code per row
}

// Value returns the column's value at row and whether it is non-null.
func (c *Column) Value(row int) (string, bool) {
	code := c.Codes[row]
	if code == 0 {
		return "", false
	}
	return c.Dict[code], true
}

// Dataset is the dataset name the table holds rows of, e.g.
// "Endpoint.Processes".
func (t *Table) Dataset() string { return t.dataset }

// Len is the number of rows.
func (t *Table) Len() int { return t.n }

// Times is the _time column: epoch seconds, one per row.
func (t *Table) Times() []float64 { return t.times }

// Column returns the named field's column, or nil when no row has the field.
func (t *Table) Column(name string) *Column { return t.byName[name] }

// Fields lists the table's string fields in sorted order (_time excluded).
func (t *Table) Fields() []string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
	}
	sort.Strings(names)
	return names
}

// Builder appends rows to a Table one field at a time. Not safe for
// concurrent use.
type Builder struct {
	t     *Table
	index map[*Column]map[string]uint32
	set   []bool // per column: set in the current row
}

// NewBuilder starts an empty table for dataset.
func NewBuilder(dataset string) *Builder {
	return &Builder{
		t:     &Table{dataset: dataset, byName: map[string]*Column{}},
		index: map[*Column]map[string]uint32{},
	}
}

// Set gives field its value in the row being built. Setting a field twice
// in one row keeps the last value.
func (b *Builder) Set(field, value string) {
	c := b.t.byName[field]
	if c == nil {
		c = &Column{Name: field, Dict: []string{""}, Codes: make([]uint32, b.t.n, b.t.n+1)}
		b.t.cols = append(b.t.cols, c)
		b.t.byName[field] = c
		b.index[c] = map[string]uint32{}
		b.set = append(b.set, false)
	}
	idx := b.index[c]
	code, ok := idx[value]
	if !ok {
		code = uint32(len(c.Dict))
		c.Dict = append(c.Dict, value)
		idx[value] = code
	}
	pos := b.columnIndex(c)
	if b.set[pos] {
		c.Codes[b.t.n] = code
		return
	}
	c.Codes = append(c.Codes, code)
	b.set[pos] = true
}

func (b *Builder) columnIndex(c *Column) int {
	for i, x := range b.t.cols {
		if x == c {
			return i
		}
	}
	panic("cim: column not in table")
}

// EndRow finishes the current row with its _time; fields not Set in it are
// null.
func (b *Builder) EndRow(time float64) {
	for i, c := range b.t.cols {
		if !b.set[i] {
			c.Codes = append(c.Codes, 0)
		}
		b.set[i] = false
	}
	b.t.times = append(b.t.times, time)
	b.t.n++
}

// Len is the number of finished rows.
func (b *Builder) Len() int { return b.t.n }

// Table returns the built table. The builder must not be used afterwards.
func (b *Builder) Table() *Table {
	t := b.t
	b.t = nil
	return t
}

// Tables maps dataset names ("Endpoint.Processes") to their tables.
type Tables map[string]*Table
