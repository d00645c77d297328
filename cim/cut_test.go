package cim

import (
	"fmt"
	"reflect"
	"testing"
)

// cutRows is one table's rows as maps, with _time.
func cutRows(t *Table) []map[string]string {
	var out []map[string]string
	for i := range t.Len() {
		m := t.Row(i)
		m["_time"] = fmt.Sprint(t.Times()[i])
		out = append(out, m)
	}
	return out
}

// buildCut feeds the same rows to a dataset builder, cutting every n rows
// (0: never), and returns the pieces.
func buildCut(n int) []*Table {
	ds, _ := LookupDataset("Endpoint.Processes")
	b := ds.NewBuilder()
	var out []*Table
	for i := range 50 {
		if i%3 == 0 {
			b.Set("process", fmt.Sprintf(`C:\x\p%d.exe -a`, i%4))
		}
		if i%5 == 0 {
			b.Set("vendor_product", "v")
		}
		b.Set("sourcetype", "st")
		b.SetColBytes(b.Col("user"), []byte{'u', byte('0' + i%3)})
		b.Set("process_integrity_level", "HIGH")
		if i == 17 {
			b.Set("rare", "r")
		}
		if i == 20 {
			b.Omit(2, 99)
		}
		b.EndRow(float64(i))
		if n > 0 && b.Len() == n {
			out = append(out, b.Cut())
		}
	}
	return append(out, b.Table())
}

func TestCutPiecesEqualWhole(t *testing.T) {
	whole := buildCut(0)[0]
	for _, n := range []int{1, 7, 49, 50, 1000} {
		var rows []map[string]string
		omitted, read := 0, 0
		for _, p := range buildCut(n) {
			rows = append(rows, cutRows(p)...)
			o, _ := p.Omitted()
			omitted += o
			read += p.RowsRead()
			if p.Len() > max(n, 0) && n < 50 {
				t.Errorf("cut %d: a piece of %d rows", n, p.Len())
			}
			for _, f := range p.Fields() {
				c := p.Column(f)
				if len(c.Codes) != p.Len() {
					t.Errorf("cut %d: column %s has %d codes for %d rows", n, f, len(c.Codes), p.Len())
				}
				if len(c.Dict) == 1 {
					t.Errorf("cut %d: all-null column %s kept", n, f)
				}
			}
		}
		if !reflect.DeepEqual(rows, cutRows(whole)) {
			t.Errorf("cut every %d rows: pieces differ from the whole table", n)
		}
		if o, _ := whole.Omitted(); omitted != o || read != whole.RowsRead() {
			t.Errorf("cut %d: omitted %d read %d, want %d %d", n, omitted, read, o, whole.RowsRead())
		}
	}
}

func TestCutUnfinishedRow(t *testing.T) {
	b := NewBuilder("x")
	b.Set("a", "1")
	b.EndRow(1)
	b.Set("a", "2")
	b.Set("b", "3")
	first := b.Cut()
	b.EndRow(2)
	second := b.Table()
	if first.Len() != 1 || first.Column("b") != nil || first.Row(0)["a"] != "1" {
		t.Errorf("first piece %v", cutRows(first))
	}
	if got := cutRows(second); len(got) != 1 || got[0]["a"] != "2" || got[0]["b"] != "3" {
		t.Errorf("second piece %v", got)
	}
}
