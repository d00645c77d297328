package cim

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilReceivers: the methods of nil and zero Tables, Columns, Datasets
// and FieldsFinishes return empty results instead of panicking.
// (Dataset.NewBuilder and the Builder's row methods are not covered here.)
func TestNilReceivers(t *testing.T) {
	for _, v := range []any{
		(*Table)(nil), new(Table),
		(*Column)(nil), new(Column),
		(*FieldsFinish)(nil), new(FieldsFinish),
		(*Dataset)(nil), new(Dataset),
	} {
		niltest.CallAll(t, v, "NewBuilder")
	}
	(*Builder)(nil).Omit(1, 0)
	new(Builder).Omit(1, 0)
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
