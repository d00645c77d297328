package cim

import (
	"fmt"
	"testing"
)

func TestBuilder(t *testing.T) {
	b := NewBuilder("Endpoint.Processes")
	b.Set("a", "x")
	b.Set("a", "y") // last wins
	b.EndRow(1)
	b.SetColBytes(b.Col("b"), []byte("z"))
	b.EndRow(2)
	code := b.InternBytes(b.Col("a"), []byte("y"))
	b.SetColCode(b.Col("a"), code)
	b.EndRow(3)
	tb := b.Table()
	if tb.Len() != 3 {
		t.Fatal(tb.Len())
	}
	a, bb := tb.Column("a"), tb.Column("b")
	for i, want := range []string{"y", "", "y"} {
		v, ok := a.Value(i)
		if v != want || ok != (want != "") {
			t.Errorf("a[%d] = %q %v", i, v, ok)
		}
	}
	if v, ok := bb.Value(1); v != "z" || !ok {
		t.Errorf("b[1] = %q", v)
	}
	if _, ok := bb.Value(0); ok {
		t.Error("b[0] not null")
	}
	if len(a.Dict) != 3 { // "", x, y
		t.Errorf("dict %q", a.Dict)
	}
}

func TestBuilderManyValues(t *testing.T) {
	b := NewBuilder("x")
	for i := range 100000 {
		b.SetColBytes(b.Col("v"), fmt.Appendf(nil, "v%d", i%30000))
		b.EndRow(float64(i))
	}
	tb := b.Table()
	c := tb.Column("v")
	if len(c.Dict) != 30001 {
		t.Fatalf("%d dict entries", len(c.Dict))
	}
	for i := 0; i < 100000; i += 7919 {
		if v, _ := c.Value(i); v != fmt.Sprintf("v%d", i%30000) {
			t.Fatalf("row %d = %q", i, v)
		}
	}
}

func BenchmarkBuilderSetColBytes(b *testing.B) {
	vals := make([][]byte, 4096)
	for i := range vals {
		vals[i] = fmt.Appendf(nil, `C:\Windows\System32\proc%d.exe -k arg`, i)
	}
	b.ReportAllocs()
	for b.Loop() {
		bd := NewBuilder("x")
		col := bd.Col("p")
		for i := range 100000 {
			bd.SetColBytes(col, vals[i%len(vals)])
			bd.EndRow(0)
		}
	}
}
