package query

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/ingest"
)

// wmiSearch is the anchor search of ../shared/bench: 0.26% of its rows
// match there.
const wmiSearch = `| tstats count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id`

// BenchmarkLoadDatasetFiltered loads generated Processes rows in dataset
// mode for the WMI tstats search (only the rows its where clause keeps
// are stored), beside the same load of every row. QUERY_BENCH_FILE names
// another file (a ../shared/bench file: /tmp/splbench/data/p1000000.jsonl).
func BenchmarkLoadDatasetFiltered(b *testing.B) {
	path := os.Getenv("QUERY_BENCH_FILE")
	if path == "" {
		jsonl, csv := writeDatasetRows(b, b.TempDir(), 200000)
		b.Run("jsonl", func(b *testing.B) { benchDatasetLoad(b, jsonl) })
		b.Run("csv", func(b *testing.B) { benchDatasetLoad(b, csv) })
		return
	}
	benchDatasetLoad(b, path)
}

func benchDatasetLoad(b *testing.B, path string) {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	env, err := New(Config{Now: time.Unix(1700100000, 0), Ingest: ingest.Options{Dataset: "Endpoint.Processes"}})
	if err != nil {
		b.Fatal(err)
	}
	s, err := env.Compile(wmiSearch)
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"filtered", "every-row"} {
		b.Run(mode, func(b *testing.B) {
			b.SetBytes(st.Size())
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				var d *Data
				if mode == "filtered" {
					d, err = env.Load(context.Background(), []string{path}, s)
				} else {
					tables, rep, lerr := ingest.Load(context.Background(), []string{path}, env.cfg.Ingest)
					d, err = &Data{Tables: tables, Report: rep}, lerr
				}
				if err != nil {
					b.Fatal(err)
				}
				rows = d.Tables["Endpoint.Processes"].RowsRead()
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
