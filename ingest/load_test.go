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
	tabs, rep := load(t, []string{"testdata/sysmon.xml.log"}, Options{})
	fr := rep.Files[0]
	if fr.Format != FormatXML || fr.Events != 5 || fr.Skipped != 2 || fr.Rows["Endpoint.Processes"] != 3 {
		t.Fatalf("report: %+v", fr)
	}
	wantSkips := []Skip{
		{"testdata/sysmon.xml.log", 6, "classic WinEventLog text record (not XML)"},
		{"testdata/sysmon.xml.log", 14, "classic WinEventLog text record (not XML)"},
	}
	if d := cmp.Diff(wantSkips, fr.Skips); d != "" {
		t.Errorf("skips (-want +got):\n%s", d)
	}
	got := rows(t, tabs)
	meta := map[string]string{"host": "host-a.example.local", "index": "main",
		"source": "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", "sourcetype": "XmlWinEventLog",
		"action": "allowed", "vendor_product": "Microsoft Sysmon", "signature": "Process Create", "signature_id": "1",
		"loaded_file": "unknown", "dest": "host-a.example.local", "user_id": "S-1-5-18"}
	with := func(m map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range meta {
			out[k] = v
		}
		for k, v := range m {
			if v == "<null>" {
				delete(out, k)
				continue
			}
			out[k] = v
		}
		return out
	}
	want := []map[string]string{
		with(map[string]string{
			"process":                   `wmic  /node:"10.0.0.5" process call create "cmd.exe /c echo a && b > c" `,
			"process_name":              "WMIC.exe",
			"process_exec":              "WMIC.exe",
			"process_path":              `C:\Windows\System32\wbem\WMIC.exe`,
			"process_id":                "4242",
			"process_guid":              "{aaaa0000-0000-0000-0000-000000000001}",
			"process_current_directory": `C:\Users\alice\`,
			"process_integrity_level":   "high",
			"process_hash":              "MD5=00,SHA256=11",
			"original_file_name":        "wmic.exe",
			"user":                      `EXAMPLE\alice`,
			"parent_process":            `"C:\Windows\System32\cmd.exe" /k`,
			"parent_process_name":       "cmd.exe",
			"parent_process_exec":       "cmd.exe",
			"parent_process_path":       `C:\Windows\System32\cmd.exe`,
			"parent_process_id":         "4000",
			"parent_process_guid":       "{aaaa0000-0000-0000-0000-000000000000}",
			"parent_user":               "unknown",
		}),
		with(map[string]string{
			"process":                 "powershell.exe -c \"Write-Host AB\nline two\n  line three\"",
			"process_name":            "powershell.exe",
			"process_exec":            "powershell.exe",
			"process_path":            `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
			"process_id":              "4300",
			"process_guid":            "{aaaa0000-0000-0000-0000-000000000002}",
			"process_integrity_level": "medium",
			"original_file_name":      "unknown", // "-" dropped, then fillnull
			"user":                    `EXAMPLE\alice`,
			"parent_process":          "unknown", // empty Data element
			"parent_process_name":     "WMIC.exe",
			"parent_process_exec":     "WMIC.exe",
			"parent_process_path":     `C:\Windows\System32\wbem\WMIC.exe`,
			"parent_process_id":       "4242",
			"parent_user":             "unknown", // <Data ...></Data>
		}),
		with(map[string]string{
			"host": "host-b", "dest": "host-b", "user_id": "<null>",
			"process":             `"C:\Program Files\Tool\tool.exe" --x`,
			"process_name":        "tool.exe", // Image empty: derived from the command line
			"process_exec":        "",         // plain field: kept as the source gave it
			"process_path":        "",
			"user":                "unknown",
			"original_file_name":  "unknown",
			"parent_process":      "unknown",
			"parent_process_name": "unknown",
			"parent_user":         "unknown",
		}),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
	times := tabs["Endpoint.Processes"].Times()
	if d := cmp.Diff([]float64{1709287200.123456, 1709287201.5, 1709287206}, times); d != "" { // times are truncated to microseconds
		t.Errorf("times (-want +got):\n%s", d)
	}
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
	if n := tabs["Endpoint.Processes"].Len(); n != 3+3+2 {
		t.Errorf("rows %d, want 8", n)
	}
	if !strings.HasPrefix(rep.Summary(), "read 3 files: 13 events, 8 Endpoint.Processes rows; skipped 5 records (first: ") {
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
		{`{"EventID":1,"SourceName":"Microsoft-Windows-Sysmon"}`, FormatNXLog},
		{`{"_time":1,"dest":"x"}`, FormatJSON},
		{"_time,dest\n1,x\n", FormatCSV},
		{"hello world", ""},
		{"", ""},
	} {
		if got := Detect([]byte(tc.in)); got != tc.want {
			t.Errorf("Detect(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
