package ingest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/spelunk-dev/spelunk/evtx"
)

// evtxBenchFile writes one .evtx file made of every used chunk of the
// shared samples, copies times over (chunks are self-contained, so any
// sequence of them is a valid file), and returns its path, size and
// record count.
func evtxBenchFile(b *testing.B, copies int) (string, int64, int) {
	files := needEVTX(b)
	var chunks [][]byte
	records := 0
	var dec evtx.Decoder
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		for off := evtx.FileHeaderSize; off+evtx.ChunkSize <= len(data); off += evtx.ChunkSize {
			c, err := dec.Decode(data[off : off+evtx.ChunkSize])
			if err != nil {
				continue
			}
			records += len(c.Records)
			chunks = append(chunks, data[off:off+evtx.ChunkSize])
		}
	}
	head, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "bench.evtx")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	f.Write(head[:evtx.FileHeaderSize])
	for range copies {
		for _, c := range chunks {
			f.Write(c)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p, int64(evtx.FileHeaderSize + copies*len(chunks)*evtx.ChunkSize), copies * records
}

// BenchmarkLoadEventsEVTX reads an .evtx file built from the shared
// samples' chunks into events (every one kept) and the data-model tables
// on every core, reporting MB/s of .evtx input, events/s and the peak heap
// as a multiple of the input size.
func BenchmarkLoadEventsEVTX(b *testing.B) {
	p, size, records := evtxBenchFile(b, 4)
	b.SetBytes(size)
	b.ReportAllocs()
	var peak atomic.Uint64
	var maxPeak uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		peak.Store(0)
		stop := make(chan struct{})
		go peakHeap(stop, &peak)
		events, tabs, rep, err := LoadEvents(context.Background(), []string{p}, Options{})
		close(stop)
		if err != nil {
			b.Fatal(err)
		}
		if len(events) != records || rep.Files[0].Skipped != 0 {
			b.Fatalf("%d events of %d records: %s", len(events), records, rep.Summary())
		}
		if pk := peak.Load() - min(base, peak.Load()); pk > maxPeak {
			maxPeak = pk
		}
		runtime.KeepAlive(events)
		runtime.KeepAlive(tabs)
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(maxPeak)/float64(size), "peak-heap/input")
}

// BenchmarkWalkEVTX is BenchmarkLoadEventsEVTX with the events not kept
// (the table-building path): the heap stays at a few chunks in flight and
// the tables, whatever the file's size.
func BenchmarkWalkEVTX(b *testing.B) {
	p, size, records := evtxBenchFile(b, 4)
	b.SetBytes(size)
	b.ReportAllocs()
	var maxPeak uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		var peak atomic.Uint64
		stop := make(chan struct{})
		go peakHeap(stop, &peak)
		count := 0
		_, _, err := Walk(context.Background(), []string{p}, Options{}, func(*Event) error { count++; return nil })
		close(stop)
		if err != nil || count != records {
			b.Fatalf("%v: %d events of %d", err, count, records)
		}
		if pk := peak.Load() - min(ms.HeapInuse, peak.Load()); pk > maxPeak {
			maxPeak = pk
		}
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(maxPeak)/float64(size), "peak-heap/input")
	b.ReportMetric(float64(maxPeak)/1e6, "peak-heap-MB")
}
