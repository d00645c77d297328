package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIHostileData runs searches over malformed files: the CLI never
// panics, exits 0 (bad records are data problems, not usage errors), and
// names the first skipped record with file:line on stderr.
func TestCLIHostileData(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"truncated.xml.log": "<Event xmlns='x'><System><EventID>1</EventID>\n" +
			"<Event><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><TimeCreated SystemTime='garbage'/></System>" +
			"<EventData><Data Name='Image'>C:\\a.exe</Data></EventData></Event>\n" +
			"\x00\x01binary\xff\xfe\n" +
			"<Event><System><EventID>99999999999999999999</EventID></System><EventData><Data Name='a'>&#xFFFFFFFF;&bogus;</Data></EventData></Event>\n",
		"bad.json":  "{\"EventID\": 1,\n{\"Image\":",
		"bad.csv":   "a,b\n\"unterminated,1\n",
		"empty.log": "",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ file, skip string }{
		{"truncated.xml.log", "truncated.xml.log:1:"},
		{"bad.json", "bad.json:1:"},
		{"bad.csv", "bad.csv:2:"},
		{"empty.log", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			for _, q := range []string{"* | stats count", "wmic earliest=-1d | table _time", "| tstats count from datamodel=Endpoint.Processes by Processes.dest"} {
				code, _, stderr := spelunk(t, "", "run", "--data", filepath.Join(dir, tc.file), q)
				if code != 0 {
					t.Errorf("%q: exit %d: %s", q, code, stderr)
				}
				if tc.skip != "" && !strings.Contains(stderr, tc.skip) {
					t.Errorf("%q: stderr does not name %s:\n%s", q, tc.skip, stderr)
				}
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "internal error") {
					t.Errorf("%q: %s", q, stderr)
				}
			}
		})
	}
}
