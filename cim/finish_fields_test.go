package cim

import (
	"math/rand/v2"
	"testing"
)

// TestFinishForEqualsFinish checks FieldsFinish against Finish: for every
// dataset and every field, over random rows of the fields it depends on
// (null, "", command lines, numbers, upper case), the field's finished
// value is the one Finish gives.
func TestFinishForEqualsFinish(t *testing.T) {
	values := []string{"", "x", `C:\Windows\System32\WMIC.exe process call`, `"C:\Program Files\a b\App.EXE" -x`,
		"  ", "12", "-3.5", "1e3", "nan", "HIGH", "Medium", "ünïcode", `\`, `"unterminated`}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, d := range Datasets() {
		for _, f := range d.Fields {
			ff := d.FinishFor([]string{f.Name})
			names := ff.Fields()
			if names[0] != f.Name {
				t.Fatalf("%s: Fields()[0] = %q, want %q", d.FullName(), names[0], f.Name)
			}
			for range 200 {
				row := map[string]string{}
				vals := make([]string, len(names))
				set := make([]bool, len(names))
				for i, n := range names {
					if k := rng.IntN(len(values) + 1); k < len(values) {
						row[n], vals[i], set[i] = values[k], values[k], true
					}
				}
				in := map[string]string{}
				for k, v := range row {
					in[k] = v
				}
				d.Finish(row)
				ff.Apply(vals, set)
				want, wantOK := row[f.Name]
				if set[0] != wantOK || vals[0] != want {
					t.Fatalf("%s.%s of %q: got %q (set %v), Finish gives %q (set %v)",
						d.FullName(), f.Name, in, vals[0], set[0], want, wantOK)
				}
			}
		}
	}
}

// TestFinishForFields checks that FinishFor lists the wanted fields first,
// then what their calculations read.
func TestFinishForFields(t *testing.T) {
	d, ok := LookupDataset("Endpoint.Processes")
	if !ok {
		t.Fatal("no Endpoint.Processes")
	}
	tests := []struct {
		in, want []string
	}{
		{[]string{"process_name"}, []string{"process_name", "process"}},
		{[]string{"dest", "vendor_product"}, []string{"dest", "vendor_product", "sourcetype"}},
		{[]string{"process_id"}, []string{"process_id"}},
		{nil, nil},
	}
	for _, tt := range tests {
		got := d.FinishFor(tt.in).Fields()
		if len(got) != len(tt.want) {
			t.Fatalf("FinishFor(%q).Fields() = %q, want %q", tt.in, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Fatalf("FinishFor(%q).Fields() = %q, want %q", tt.in, got, tt.want)
			}
		}
	}
}

// TestOmit checks that omitted rows are counted apart from the table's.
func TestOmit(t *testing.T) {
	b := NewBuilder("Endpoint.Processes")
	b.Set("dest", "a")
	b.EndRow(5)
	b.Omit(0, 100)
	b.Omit(3, 9)
	b.Omit(2, 7)
	tab := b.Table()
	n, latest := tab.Omitted()
	if tab.Len() != 1 || n != 5 || latest != 9 || tab.RowsRead() != 6 {
		t.Fatalf("Len %d, Omitted %d %v, RowsRead %d; want 1, 5 9, 6", tab.Len(), n, latest, tab.RowsRead())
	}
}
