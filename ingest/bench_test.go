package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchFile writes n copies of the sample's records (rewritten per copy
// so values vary) to a temporary file.
func benchFile(b *testing.B, name string, body func(buf *bytes.Buffer)) (string, int64) {
	b.Helper()
	var buf bytes.Buffer
	body(&buf)
	p := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return p, int64(buf.Len())
}

func benchLoad(b *testing.B, p string, size int64, opts Options, wantRows int) {
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		tabs, _, err := Load(context.Background(), []string{p}, opts)
		if err != nil {
			b.Fatal(err)
		}
		if n := tabs["Endpoint.Processes"].Len(); n != wantRows {
			b.Fatalf("%d rows, want %d", n, wantRows)
		}
	}
	b.ReportMetric(float64(wantRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkLoadXML(b *testing.B) {
	sample, _ := os.ReadFile("testdata/sysmon.xml.log")
	p, size := benchFile(b, "x.log", func(buf *bytes.Buffer) {
		for i := range 5000 {
			buf.Write(bytes.ReplaceAll(sample, []byte("4242"), fmt.Appendf(nil, "%d", i)))
		}
	})
	benchLoad(b, p, size, Options{}, 4*5000) // 3 Sysmon EID 1 and 1 Security 4688 per copy
}

func BenchmarkLoadNXLog(b *testing.B) {
	sample, _ := os.ReadFile("testdata/nxlog.jsonl")
	sample = sample[:bytes.LastIndex(sample[:len(sample)-1], []byte("\n"))+1] // without the broken line
	p, size := benchFile(b, "x.jsonl", func(buf *bytes.Buffer) {
		for i := range 10000 {
			buf.Write(bytes.ReplaceAll(sample, []byte("856"), fmt.Appendf(nil, "%d", i)))
		}
	})
	benchLoad(b, p, size, Options{}, 2*10000)
}

// datasetRows writes n Processes rows shaped like the benchmark harness's
// generator (/work/shared/bench/gen): 12 fields, backslashes and quotes in
// most values, process_guid unique.
func datasetRows(buf *bytes.Buffer, n int, csv bool) {
	if csv {
		buf.WriteString("_time,dest,user,process_name,original_file_name,process,process_id,parent_process,parent_process_name,parent_process_id,process_path,process_guid\n")
	}
	names := []string{"chrome.exe", "svchost.exe", "wmic.exe", "powershell.exe", "cmd.exe", "RuntimeBroker.exe"}
	for i := range n {
		name := names[i%len(names)]
		proc := fmt.Sprintf(`"C:\Program Files\App\%s" --type=utility --field-trial-handle=%d /prefetch:8`, name, i%5000)
		path := `C:\Windows\System32\` + name
		if csv {
			fmt.Fprintf(buf, "%d,WKS-%d.acme.local,ACME\\user%d,%s,%s,\"%s\",%d,\"%s\",%s,%d,%s,{%08x-66fb-3b84-373a-42a2f0bd6859}\n",
				1727740804+i, i%200, i%500, name, name, csvQuote(proc), 1000+i%60000, csvQuote(`C:\Windows\system32\svchost.exe -k DcomLaunch -p`), "svchost.exe", 500+i%900, path, i)
		} else {
			fmt.Fprintf(buf, `{"_time":%d,"dest":"WKS-%d.acme.local","user":"ACME\\user%d","process_name":"%s","original_file_name":"%s","process":%s,"process_id":%d,"parent_process":%s,"parent_process_name":"svchost.exe","parent_process_id":%d,"process_path":%s,"process_guid":"{%08x-66fb-3b84-373a-42a2f0bd6859}"}`+"\n",
				1727740804+i, i%200, i%500, name, name, jsonQuote(proc), 1000+i%60000, jsonQuote(`C:\Windows\system32\svchost.exe -k DcomLaunch -p`), 500+i%900, jsonQuote(path), i)
		}
	}
}

func jsonQuote(s string) string {
	return `"` + string(bytes.ReplaceAll(bytes.ReplaceAll([]byte(s), []byte(`\`), []byte(`\\`)), []byte(`"`), []byte(`\"`))) + `"`
}

// csvQuote doubles the quotes of s (the caller wraps it in quotes).
func csvQuote(s string) string { return string(bytes.ReplaceAll([]byte(s), []byte(`"`), []byte(`""`))) }

func BenchmarkLoadDatasetJSONL(b *testing.B) {
	const n = 200000
	p, size := benchFile(b, "rows.jsonl", func(buf *bytes.Buffer) { datasetRows(buf, n, false) })
	benchLoad(b, p, size, Options{Dataset: "Endpoint.Processes"}, n)
}

func BenchmarkLoadDatasetCSV(b *testing.B) {
	const n = 200000
	p, size := benchFile(b, "rows.csv", func(buf *bytes.Buffer) {
		datasetRows(buf, n, true)
	})
	benchLoad(b, p, size, Options{Dataset: "Endpoint.Processes"}, n)
}

// BenchmarkLoadDatasetFile loads $INGEST_BENCH_FILE (for example a file
// from /work/shared/bench/gen) in dataset mode.
func BenchmarkLoadDatasetFile(b *testing.B) {
	p := os.Getenv("INGEST_BENCH_FILE")
	if p == "" {
		b.Skip("INGEST_BENCH_FILE not set")
	}
	st, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		tabs, _, err := Load(context.Background(), []string{p}, Options{Dataset: "Endpoint.Processes"})
		if err != nil {
			b.Fatal(err)
		}
		rows = tabs["Endpoint.Processes"].Len()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
