package ingest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/internal/golden"
)

func load(t *testing.T, paths []string, opts Options) (cim.Tables, *Report) {
	t.Helper()
	tabs, rep, err := Load(context.Background(), paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	return tabs, rep
}

// rowsBy returns the Processes rows keyed by process_guid (or process).
func rows(t *testing.T, tabs cim.Tables) []map[string]string {
	t.Helper()
	tb := tabs["Endpoint.Processes"]
	if tb == nil {
		t.Fatal("no Endpoint.Processes table")
	}
	var out []map[string]string
	for i := range tb.Len() {
		out = append(out, tb.Row(i))
	}
	return out
}

func TestLoadXML(t *testing.T) {
	events, tabs, rep, err := LoadEvents(context.Background(), []string{"testdata/sysmon.xml.log"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	// 5 XML events (3 Sysmon EID 1, 1 EID 10, 1 Security 4688) and 2
	// classic WinEventLog text records, which are events too now.
	if fr.Format != FormatXML || fr.Events != 7 || fr.Skipped != 0 || fr.Rows["Endpoint.Processes"] != 4 || len(fr.Rows) != 1 {
		t.Fatalf("report: %+v", fr)
	}
	var sts []string
	for _, ev := range events {
		sts = append(sts, ev.Sourcetype+" "+ev.Source)
	}
	want := []string{
		"XmlWinEventLog XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
		"XmlWinEventLog XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
		"XmlWinEventLog XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
		"WinEventLog WinEventLog:Microsoft-Windows-PowerShell/Operational",
		"XmlWinEventLog XmlWinEventLog:Security",
		"WinEventLog WinEventLog:Microsoft-Windows-PowerShell/Operational",
		"XmlWinEventLog XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
	}
	if d := cmp.Diff(want, sts); d != "" {
		t.Errorf("sourcetypes (-want +got):\n%s", d)
	}
	// the multi-line command line keeps its newlines and, as Splunk's
	// extractions, its character references; _raw is the element
	if v, _ := events[1].Get("CommandLine"); v != "powershell.exe -c \"Write-Host &#65;&#x42;\nline two\n  line three\"" {
		t.Errorf("multi-line CommandLine %q", v)
	}
	if !strings.HasPrefix(events[1].Raw, "<Event") || !strings.HasSuffix(events[1].Raw, "</Event>") || strings.Count(events[1].Raw, "\n") != 2 {
		t.Errorf("raw %q", events[1].Raw)
	}
	golden.File(t, "testdata/sysmon.xml.log.golden", describe(events, tabs))
}

func TestLoadNXLog(t *testing.T) {
	tabs, rep := load(t, []string{"testdata/nxlog.jsonl"}, Options{Host: "forced-host", Index: "idx"})
	fr := rep.Files[0]
	if fr.Format != FormatNXLog || fr.Events != 3 || fr.Skipped != 1 || fr.Rows["Endpoint.Processes"] != 2 {
		t.Fatalf("report: %+v", fr)
	}
	if fr.Skips[0].Line != 4 {
		t.Errorf("skip line %d, want 4", fr.Skips[0].Line)
	}
	if len(fr.Warnings) != 1 || !strings.Contains(fr.Warnings[0], "1 events had no UtcTime") {
		t.Errorf("warnings %q", fr.Warnings)
	}
	got := rows(t, tabs)
	r0 := got[0]
	checks := map[string]string{
		"process":                 "cmd.exe /c whoami &gt;nul 2&gt;&amp;1", // NXLog's entities stay
		"dest":                    "host-c.example.local",
		"host":                    "forced-host",
		"index":                   "idx",
		"user_id":                 "S-1-5-18",
		"original_file_name":      "Cmd.Exe",
		"parent_process_id":       "856",
		"parent_process_name":     "services.exe",
		"process_integrity_level": "system",
	}
	for k, v := range checks {
		if r0[k] != v {
			t.Errorf("row 0 %s = %q, want %q", k, r0[k], v)
		}
	}
	if v, ok := r0["process_id"]; ok {
		t.Errorf("process_id = %q, want null (NXLog ProcessID is the Sysmon service)", v)
	}
	if got[1]["process"] != "café.exe \"quoted\" 😀" || got[1]["process_name"] != "café.exe" {
		t.Errorf("row 1: %q %q", got[1]["process"], got[1]["process_name"])
	}
	if d := cmp.Diff([]float64{1709287207.25, 1709287208}, tabs["Endpoint.Processes"].Times()); d != "" {
		t.Errorf("times (-want +got):\n%s", d)
	}
}

func TestLoadArchives(t *testing.T) {
	dir := t.TempDir()
	xml, _ := os.ReadFile("testdata/sysmon.xml.log")
	nx, _ := os.ReadFile("testdata/nxlog.jsonl")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(xml)
	zw.Close()
	os.WriteFile(filepath.Join(dir, "a.log.gz"), gz.Bytes(), 0o644)

	var tgz bytes.Buffer
	zw = gzip.NewWriter(&tgz)
	tw := tar.NewWriter(zw)
	for _, m := range []struct {
		name string
		data []byte
	}{{"x/sysmon.log", xml}, {"x/nxlog.json", nx}} {
		tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o644, Size: int64(len(m.data)), Typeflag: tar.TypeReg})
		tw.Write(m.data)
	}
	tw.Close()
	zw.Close()
	os.WriteFile(filepath.Join(dir, "b.tar.gz"), tgz.Bytes(), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(dir, "outside"))

	tabs, rep := load(t, []string{dir}, Options{})
	var names []string
	for _, f := range rep.Files {
		names = append(names, strings.TrimPrefix(f.Path, dir+"/")+" "+f.Format)
	}
	want := []string{"a.log.gz XmlWinEventLog", "b.tar.gz!x/sysmon.log XmlWinEventLog", "b.tar.gz!x/nxlog.json nxlog_json"}
	if d := cmp.Diff(want, names); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
	if n := tabs["Endpoint.Processes"].Len(); n != 4+4+2 {
		t.Errorf("rows %d, want 10", n)
	}
	if !strings.HasPrefix(rep.Summary(), "read 3 files: 17 events, 1 Authentication.Authentication rows, 10 Endpoint.Processes rows; skipped 1 record (first: ") {
		t.Errorf("summary %q", rep.Summary())
	}
}

func TestLoadErrors(t *testing.T) {
	if _, _, err := Load(context.Background(), []string{"testdata/missing"}, Options{}); err == nil {
		t.Error("missing path: no error")
	}
	if _, _, err := Load(context.Background(), []string{"testdata/nxlog.jsonl"}, Options{Sourcetype: "bogus"}); err == nil {
		t.Error("bad sourcetype: no error")
	}
	if _, _, err := Load(context.Background(), []string{"testdata/nxlog.jsonl"}, Options{Dataset: "Endpoint.Nope"}); err == nil {
		t.Error("bad dataset: no error")
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<Event xmlns='x'><System>", FormatXML},
		{"\xef\xbb\xbf\n  <Event>", FormatXML},
		{"01/14/2021 11:41:39 PM\nLogName=x\n<Event xmlns='x'>", FormatXML},
		{"01/14/2021 11:41:39 PM\nLogName=x\nEventCode=1\n", FormatWinEventLog},
		{"Aug  9 10:42:47 h sysmon: <Event><System>", FormatSysmonLinux},
		{`{"@timestamp":"x","winlog":{"event_id":1}}`, FormatWinlogbeat},
		{`{"EventID":1,"SourceName":"Microsoft-Windows-Sysmon"}`, FormatNXLog},
		{`{"computer_name":"h","event_data":{"Image":"x"},"event_id":1,"log_name":"Security"}`, FormatWinlogbeat},
		{`{"event_id":4624,"source_name":"Microsoft-Windows-Security-Auditing"}`, FormatWinlogbeat},
		{`{"event.code":"4624","winlog.channel":"Security"}`, FormatWinlogbeat},
		{`{"event_id":1,"name":"x"}`, FormatJSON},
		{`{"_time":1,"dest":"x"}`, FormatJSON},
		{"<html>", ""},
		{"_time,dest\n1,x\n", FormatCSV},
		{"hello world", ""},
		{"", ""},
	} {
		if got := Detect([]byte(tc.in)); got != tc.want {
			t.Errorf("Detect(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
