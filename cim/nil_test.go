package cim

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilReceivers: the methods of nil and zero Tables, Columns, Datasets,
// FieldsFinishes and Builders return empty results instead of panicking.
// The Builder's methods that take a column handle are given one Col
// returned (an index otherwise): they are left out for nil and zero
// Builders, which have no columns.
func TestNilReceivers(t *testing.T) {
	for _, v := range []any{
		(*Table)(nil), new(Table),
		(*Column)(nil), new(Column),
		(*FieldsFinish)(nil), new(FieldsFinish),
		(*Dataset)(nil), new(Dataset),
	} {
		niltest.CallAll(t, v)
	}
	handles := []string{"SetCol", "SetColBytes", "SetColCode", "InternBytes", "InternHashed", "GetCol"}
	niltest.CallAll(t, (*Builder)(nil), handles...)
	niltest.CallAll(t, new(Builder), handles...)
}

// TestZeroBuilder: the zero Builder builds as NewBuilder(""), and a nil
// one has no rows.
func TestZeroBuilder(t *testing.T) {
	var b Builder
	b.Set("a", "x")
	b.EndRow(1)
	tab := b.Table()
	if v, ok := tab.Column("a").Value(0); tab.Len() != 1 || !ok || v != "x" {
		t.Errorf("zero Builder: %d rows, a=%q", tab.Len(), v)
	}
	var nb *Builder
	nb.Set("a", "x")
	nb.EndRow(1)
	if nb.Len() != 0 || nb.Table().Len() != 0 || nb.Col("a") != -1 {
		t.Error("nil Builder kept a row")
	}
}

// TestNilValues: nil and out-of-range reads are null, and a nil Dataset
// finishes nothing.
func TestNilValues(t *testing.T) {
	c := &Column{Name: "a", Dict: []string{"", "x"}, Codes: []uint32{1}}
	if v, ok := c.Value(0); !ok || v != "x" {
		t.Errorf("Value(0) = %q, %v, want x", v, ok)
	}
	for _, row := range []int{-1, 1} {
		if v, ok := c.Value(row); ok {
			t.Errorf("Value(%d) = %q, want null", row, v)
		}
	}
	ff := (*Dataset)(nil).FinishFor([]string{"a"})
	vals, set := []string{"v"}, []bool{true}
	ff.Apply(vals, set)
	if vals[0] != "v" || !set[0] {
		t.Errorf("nil Dataset's FinishFor changed the row: %v %v", vals, set)
	}
	d, ok := LookupDataset("Endpoint.Processes")
	if !ok {
		t.Fatal("no Endpoint.Processes")
	}
	d.FinishFor([]string{"process_name"}).Apply(nil, nil) // short rows: left as they are
	d.Finish(nil)
}
