package query_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// benchFolder is the log folder of the folder benchmarks: the shared OTRF
// datasets, or SPELUNK_BENCH_DATA.
func benchFolder(b *testing.B) (content, data string) {
	shared := filepath.Join("..", "..", "shared")
	content, data = filepath.Join(shared, "content"), filepath.Join(shared, "data", "otrf_windows")
	if d := os.Getenv("SPELUNK_BENCH_DATA"); d != "" {
		data = d
	}
	for _, p := range []string{filepath.Join(content, "detections"), data} {
		if _, err := os.Stat(p); err != nil {
			b.Skipf("needs ../shared (or SPELUNK_BENCH_DATA): %v", err)
		}
	}
	return content, data
}

// BenchmarkDetectFolder is `spelunk detect` with every default-selected
// detection over a folder of real logs (one read, prepared reads, every
// search run), against reading the same folder alone (the baseline: the
// data-model tables and nothing else). events/s and MB/s are of the
// decompressed input.
func BenchmarkDetectFolder(b *testing.B) {
	contentDir, data := benchFolder(b)
	ctx := context.Background()
	env, err := query.New(query.Config{ContentDir: contentDir})
	if err != nil {
		b.Fatal(err)
	}
	content, err := detections.Open(env)
	if err != nil {
		b.Fatal(err)
	}
	ds, _, err := content.Detections()
	if err != nil {
		b.Fatal(err)
	}
	sel := detections.DefaultSelection()
	var searches []*query.Search
	for _, d := range ds {
		if d.Deprecated() || !sel.Match(d) {
			continue
		}
		if s, err := content.Compile(d); err == nil {
			searches = append(searches, s)
		}
	}
	// The input's size is its events' text (_raw), the decompressed logs
	// less their separators.
	events, bytes := 0, int64(0)
	if _, _, err := ingest.Walk(ctx, []string{data}, ingest.Options{}, func(ev *ingest.Event) error {
		events++
		bytes += int64(len(ev.Raw))
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.Run("read_only", func(b *testing.B) {
		b.SetBytes(bytes)
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := ingest.Load(ctx, []string{data}, ingest.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run(fmt.Sprintf("detections=%d", len(searches)), func(b *testing.B) {
		b.SetBytes(bytes)
		b.ReportAllocs()
		for b.Loop() {
			d, err := env.Load(ctx, []string{data}, searches...)
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range searches {
				_, _ = s.Exec(ctx, d) // a run-time failure is the search's, counted by detect
			}
		}
		b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}

// BenchmarkAbsentDataSource is the cost of detections whose data source
// has no event in the logs: 0 and 500 copies of a search over a source the
// logs lack, each over the same folder (compare the ns/op).
func BenchmarkAbsentDataSource(b *testing.B) {
	_, data := benchFolder(b)
	ctx := context.Background()
	env, err := query.New(query.Config{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{0, 500} {
		var searches []*query.Search
		for i := range n {
			s, err := env.Compile(fmt.Sprintf(`search sourcetype="aws:cloudtrail" eventName=CreateUser%d | stats count by user`, i))
			if err != nil {
				b.Fatal(err)
			}
			searches = append(searches, s)
		}
		b.Run(fmt.Sprintf("absent=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d, err := env.Load(ctx, []string{data}, searches...)
				if err != nil {
					b.Fatal(err)
				}
				for _, s := range searches {
					if _, err := s.Exec(ctx, d); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
