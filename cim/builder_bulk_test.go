package cim

import (
	"fmt"
	"hash/maphash"
	"reflect"
	"testing"
)

// TestBuilderBulk checks that Reserve and InternHashed change nothing but
// speed, and that the finisher's remembered codes follow changing values:
// the same rows built three ways give the same table.
func TestBuilderBulk(t *testing.T) {
	d, ok := LookupDataset("Endpoint.Processes")
	if !ok {
		t.Fatal("no Endpoint.Processes")
	}
	build := func(mode int) *Table {
		b := d.NewBuilder()
		if mode > 0 {
			b.Reserve(10)
		}
		for i := range 300 {
			set := func(f, v string) {
				col := b.Col(f)
				switch mode {
				case 2:
					b.SetColCode(col, b.InternHashed(col, []byte(v), maphash.Bytes(b.Seed(), []byte(v))))
				default:
					b.SetColBytes(col, []byte(v))
				}
			}
			if i%3 != 0 {
				set("sourcetype", fmt.Sprintf("st%d", i%7))
			}
			if i%5 == 0 {
				set("vendor_product", "own")
			}
			set("process", fmt.Sprintf(`C:\x\p%d.exe -a`, i%11))
			if i%4 == 0 {
				set("process_integrity_level", "HIGH")
			}
			if i == 250 {
				b.Reserve(1000)
			}
			b.EndRow(float64(i))
		}
		return b.Table()
	}
	want := build(0)
	for mode := 1; mode <= 2; mode++ {
		got := build(mode)
		if got.Len() != want.Len() || !reflect.DeepEqual(got.Fields(), want.Fields()) {
			t.Fatalf("mode %d: %d rows %v, want %d %v", mode, got.Len(), got.Fields(), want.Len(), want.Fields())
		}
		for i := range want.Len() {
			if g, w := got.Row(i), want.Row(i); !reflect.DeepEqual(g, w) {
				t.Fatalf("mode %d row %d: %v, want %v", mode, i, g, w)
			}
		}
	}
	// the fallback follows sourcetype, and rows without one stay unknown
	for i, w := range map[int]string{1: "st1", 2: "st2", 3: "unknown", 5: "own", 8: "st1"} {
		if v := want.Row(i)["vendor_product"]; v != w {
			t.Errorf("row %d vendor_product = %q, want %q", i, v, w)
		}
	}
}
