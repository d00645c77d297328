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
	omitted omitted // rows read but left out (omit.go)
}

// Column is one dictionary-encoded string field of a Table.
type Column struct {
	Name  string   // field name without dataset prefix
	Dict  []string // distinct values; Dict[0] is unused: code 0 means null
	Codes []uint32 // one code per row
}

// Value returns the column's value at row and whether it is non-null
// (null for a nil Column or a row out of range).
func (c *Column) Value(row int) (string, bool) {
	if c != nil && uint(row) < uint(len(c.Codes)) {
		if code := c.Codes[row]; code != 0 {
			return c.Dict[code], true
		}
	}
	return "", false
}

// Dataset is the dataset name the table holds rows of, e.g.
// "Endpoint.Processes".
func (t *Table) Dataset() string {
	if t == nil {
		return ""
	}
	return t.dataset
}

// Len is the number of rows.
func (t *Table) Len() int {
	if t == nil {
		return 0
	}
	return t.n
}

// Times is the _time column: epoch seconds, one per row.
func (t *Table) Times() []float64 {
	if t == nil {
		return nil
	}
	return t.times
}

// Column returns the named field's column, or nil when no row has the field.
func (t *Table) Column(name string) *Column {
	if t == nil {
		return nil
	}
	return t.byName[name]
}

// Fields lists the table's string fields in sorted order (_time excluded).
func (t *Table) Fields() []string {
	if t == nil {
		return nil
	}
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
	}
	sort.Strings(names)
	return names
}

// Row returns the non-null string fields of row i as a map (for tests and
// debugging; the evaluator reads columns).
func (t *Table) Row(i int) map[string]string {
	if t == nil {
		return map[string]string{}
	}
	m := make(map[string]string, len(t.cols))
	for _, c := range t.cols {
		if v, ok := c.Value(i); ok {
			m[c.Name] = v
		}
	}
	return m
}

// Tables maps dataset names ("Endpoint.Processes") to their tables.
type Tables map[string]*Table
