//go:build duckdb

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportStreamedDuckDB: a dataset exported in pieces of a few rows
// (--row-group-rows 7: rows spread over days in part files, a field that
// comes late and starts new parts, which DuckDB unions by name, _time ties
// broken by _seq across pieces) gives DuckDB the interpreter's rows.
func TestExportStreamedDuckDB(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 200 {
		extra := ""
		if i == 150 {
			extra = `,"late_field":"late"`
		}
		// five rows share each _time; two days interleave row by row
		ts := 1700000000 + (i/10)*3 + (i%2)*86400
		fmt.Fprintf(&b, `{"_time":%d,"dest":"h%d","user":"u%d","process":"C:\\w\\p%d.exe /x"%s}`+"\n", ts, i%4, i%7, i%11, extra)
	}
	data := filepath.Join(dir, "rows.jsonl")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "pq")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--dataset", "Endpoint.Processes", "--data", data, "--out", out, "--row-group-rows", "7"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "part-1.parquet") {
		t.Errorf("export wrote no day in a second part:\n%s", stdout.String())
	}
	q := `| tstats count latest(Processes.user) as lu earliest(Processes.process) as ep values(Processes.process_name) as names from datamodel=Endpoint.Processes by Processes.dest`
	var outs []string
	for _, args := range [][]string{
		{"run", "--format", "json", "--dataset", "Endpoint.Processes", "--data", data, q},
		{"run", "--engine", "duckdb", "--format", "json", "--parquet", out, q},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		outs = append(outs, stdout.String())
	}
	if outs[0] != outs[1] || strings.Count(outs[0], "\n") != 4 {
		t.Errorf("interpreter:\n%s\nduckdb over the streamed export:\n%s", outs[0], outs[1])
	}
}
