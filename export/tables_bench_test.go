package export

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
)

// benchTable is n Endpoint.Processes rows shaped like the harness's
// (../shared/bench): a few hundred hosts and users, long command lines of
// a few dozen process kinds, numeric ids, two days.
func benchTable(n int) *cim.Table {
	ds, _ := cim.LookupDataset("Endpoint.Processes")
	b := ds.NewBuilder()
	for i := range n {
		b.Set("dest", "WKS-"+strconv.Itoa(i%200)+".acme.local")
		b.Set("user", `ACME\user`+strconv.Itoa(i%500))
		kind := i % 30
		b.Set("process_name", "p"+strconv.Itoa(kind)+".exe")
		b.Set("process", fmt.Sprintf(`"C:\Program Files\Vendor\p%d.exe" --type=utility --field-trial-handle=%d,i,%d /prefetch:%d`, kind, i%977, i*7919, i%9))
		b.Set("process_id", strconv.Itoa(1000+i%60000))
		b.Set("parent_process", `C:\Windows\explorer.exe`)
		b.Set("parent_process_name", "explorer.exe")
		b.Set("parent_process_id", strconv.Itoa(500+i%3000))
		b.Set("process_path", `C:\Program Files\Vendor\p`+strconv.Itoa(kind)+".exe")
		b.Set("process_guid", fmt.Sprintf("{%08x-0000-0000-0000-%012x}", i, i*31))
		b.Set("sourcetype", "_json")
		b.Set("source", "p.jsonl")
		b.Set("index", "main")
		b.EndRow(1727740800 + float64(i)*(172800/float64(n)))
	}
	return b.Table()
}

// BenchmarkTableWriter writes 100,000 rows (two days) through a
// TableWriter in pieces of a row group: rows/s and bytes allocated.
func BenchmarkTableWriter(b *testing.B) {
	const n, piece = 100000, 65536
	whole := benchTable(n)
	// the pieces as ingest hands them on
	var pieces []*cim.Table
	for start := 0; start < n; start += piece {
		pieces = append(pieces, slice(whole, start, min(start+piece, n)))
	}
	b.ReportAllocs()
	for b.Loop() {
		w := NewTableWriter(b.TempDir(), Options{})
		for _, p := range pieces {
			if err := w.Add(p); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// slice copies rows [from, to) of t into a table of their own.
func slice(t *cim.Table, from, to int) *cim.Table {
	b := cim.NewBuilder(t.Dataset())
	fields := t.Fields()
	for r := from; r < to; r++ {
		for _, f := range fields {
			if v, ok := t.Column(f).Value(r); ok {
				b.Set(f, v)
			}
		}
		b.EndRow(t.Times()[r])
	}
	return b.Table()
}
