package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadDataset(t *testing.T) {
	dir := t.TempDir()
	jsonl := `{"_time":1700000000.25,"Processes.dest":"h1","process_name":"WMIC.exe","process":"wmic /node:\"x\"","process_id":4242,"process_integrity_level":"High","sourcetype":"mine"}
{"_time":"1700000001","dest":"h2","process":"\"C:\\a b\\c.exe\" -x","process_id":null,"parent_process":""}

{"_time":"soon","dest":"h3"}
{"dest":"h4"}
not json
{"_time":1700000002,"dest":"h5","nested":{"a":1},"flag":true}
`
	csv := "_time,Processes.dest,process,process_id\r\n" +
		"1700000000.25,h1,\"wmic /node:\"\"x\"\"\",4242\r\n" +
		"1700000001,h2,\"multi\nline\",\r\n" +
		"bad,h3,x,1\r\n" +
		"1700000002,h4\r\n" +
		"1700000003,,p,9\r\n"
	os.WriteFile(filepath.Join(dir, "rows.jsonl"), []byte(jsonl), 0o644)
	os.WriteFile(filepath.Join(dir, "rows.csv"), []byte(csv), 0o644)

	tabs, rep := load(t, []string{filepath.Join(dir, "rows.jsonl")}, Options{Dataset: "Endpoint.Processes"})
	fr := rep.Files[0]
	if fr.Format != FormatJSONL || fr.Records != 6 || fr.Events != 3 || fr.Skipped != 3 {
		t.Fatalf("report %+v", fr)
	}
	var reasons []string
	for _, s := range fr.Skips {
		reasons = append(reasons, fmt.Sprintf("%d: %s", s.Line, s.Reason))
	}
	if d := cmp.Diff([]string{`4: _time "soon" is not a number`, "5: no _time", "6: not a JSON object"}, reasons); d != "" {
		t.Errorf("skips (-want +got):\n%s", d)
	}
	got := rows(t, tabs)
	if got[0]["dest"] != "h1" || got[0]["process_id"] != "4242" || got[0]["process_integrity_level"] != "high" ||
		got[0]["vendor_product"] != "mine" || got[0]["process"] != `wmic /node:"x"` || got[0]["source"] != filepath.Join(dir, "rows.jsonl") {
		t.Errorf("row 0: %v", got[0])
	}
	if _, ok := got[1]["process_id"]; ok {
		t.Errorf("row 1 process_id should be null: %v", got[1])
	}
	if got[1]["process_name"] != "c.exe" || got[1]["parent_process"] != "unknown" || got[1]["vendor_product"] != "_json" {
		t.Errorf("row 1: %v", got[1])
	}
	if got[2]["nested"] != `{"a":1}` || got[2]["flag"] != "true" {
		t.Errorf("row 2: %v", got[2])
	}
	if d := cmp.Diff([]float64{1700000000.25, 1700000001, 1700000002}, tabs["Endpoint.Processes"].Times()); d != "" {
		t.Errorf("times: %s", d)
	}

	tabs, rep = load(t, []string{filepath.Join(dir, "rows.csv")}, Options{Dataset: "Endpoint.Processes", Index: "x"})
	fr = rep.Files[0]
	if fr.Format != FormatCSV || fr.Events != 3 || fr.Skipped != 2 {
		t.Fatalf("report %+v", fr)
	}
	reasons = nil
	for _, s := range fr.Skips {
		reasons = append(reasons, fmt.Sprintf("%d: %s", s.Line, s.Reason))
	}
	if d := cmp.Diff([]string{`5: _time "bad" is not a number`, "6: 2 fields, the header has 4"}, reasons); d != "" {
		t.Errorf("skips (-want +got):\n%s", d)
	}
	got = rows(t, tabs)
	if got[0]["process"] != `wmic /node:"x"` || got[1]["process"] != "multi\nline" || got[2]["dest"] != "unknown" || got[0]["index"] != "x" {
		t.Errorf("csv rows: %v", got)
	}
	if _, ok := got[1]["process_id"]; ok {
		t.Errorf("empty CSV cell should be null: %v", got[1])
	}
}

// TestDatasetChunks loads more rows than one chunk holds, so rows cross
// chunk boundaries and workers run in parallel; order must be kept.
func TestDatasetChunks(t *testing.T) {
	dir := t.TempDir()
	var j, c bytes.Buffer
	c.WriteString("_time,dest,process,process_guid\n")
	const n = 30000
	for i := range n {
		fmt.Fprintf(&j, `{"_time":%d,"dest":"h%d","process":"cmd.exe /c \"echo %d\"","process_guid":"{%08d}"}`+"\n", i, i%7, i, i)
		fmt.Fprintf(&c, "%d,h%d,\"cmd.exe /c \"\"echo\n%d\"\"\",{%08d}\n", i, i%7, i, i)
	}
	os.WriteFile(filepath.Join(dir, "a.jsonl"), j.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "b.csv"), c.Bytes(), 0o644)
	for _, f := range []string{"a.jsonl", "b.csv"} {
		tabs, rep := load(t, []string{filepath.Join(dir, f)}, Options{Dataset: "Endpoint.Processes"})
		tb := tabs["Endpoint.Processes"]
		if tb.Len() != n || rep.Files[0].Skipped != 0 {
			t.Fatalf("%s: %d rows, %s", f, tb.Len(), rep.Summary())
		}
		guid := tb.Column("process_guid")
		for i := 0; i < n; i += 997 {
			if g, _ := guid.Value(i); g != fmt.Sprintf("{%08d}", i) || tb.Times()[i] != float64(i) {
				t.Fatalf("%s row %d: %s %v", f, i, g, tb.Times()[i])
			}
		}
		if d := tb.Column("dest"); len(d.Dict) != 8 {
			t.Errorf("%s: dest dict %d entries, want 7+1", f, len(d.Dict))
		}
	}
}

func TestLoadDatasetCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Load(ctx, []string{"testdata/nxlog.jsonl"}, Options{Dataset: "Endpoint.Processes"}); err == nil {
		t.Error("no error after cancel")
	}
}
