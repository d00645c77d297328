package query

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/spelunk-dev/spelunk/ingest"
)

// BenchmarkEventRecords measures turning loaded events into search records
// (EventRecords) over the raw-search test logs repeated to about 100,000
// events, and the heap the records add on top of the events, as a
// multiple of the input size.
func BenchmarkEventRecords(b *testing.B) {
	var one bytes.Buffer
	logs, _ := filepath.Glob("../detections/testdata/raw/*/events.log")
	for _, p := range logs {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		one.Write(data)
	}
	lines := bytes.Count(one.Bytes(), []byte("\n"))
	if lines == 0 {
		b.Skip("no raw-search test logs")
	}
	var buf bytes.Buffer
	for buf.Len() == 0 || bytes.Count(buf.Bytes(), []byte("\n")) < 100000-lines {
		buf.Write(one.Bytes())
	}
	path := filepath.Join(b.TempDir(), "events.log")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	size := buf.Len()
	evs, _, _, err := ingest.LoadEvents(context.Background(), []string{path}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var added uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapAlloc
		recs := EventRecords(evs)
		runtime.GC()
		runtime.ReadMemStats(&ms)
		added = ms.HeapAlloc - min(base, ms.HeapAlloc)
		runtime.KeepAlive(recs)
	}
	b.ReportMetric(float64(len(evs))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(added)/float64(size), "records-heap/input")
}
