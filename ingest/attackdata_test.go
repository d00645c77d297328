package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// attackData is the real logs described in ../shared/data/README.txt.
const attackData = "../../shared/data/attack_data"

func needAttackData(t testing.TB, name string) string {
	p := filepath.Join(attackData, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data absent (%v); see ../shared/data/README.txt", err)
	}
	return p
}

func TestAttackData(t *testing.T) {
	for _, tc := range []struct {
		file            string
		events, rows    int
		skipped, format string
	}{
		{"T1003.003_credential-dumping-via-copy_data.log", 17, 17, "0", FormatXML},
		{"T1202_atomic_red_team_windows-sysmon.log", 24, 8, "0", FormatXML},
		{"T1552.004_certutil_exe_certificate_extraction.raw", 40, 20, "19", FormatXML},
		{"T1047_atomic_red_team_sysmon_eid1.jsonl", 335, 335, "0", FormatNXLog},
		{"T1047_atomic_red_team_attack_data.tar.gz", 8220, 335, "0", FormatNXLog},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := needAttackData(t, tc.file)
			tabs, rep := load(t, []string{p}, Options{})
			fr := rep.Files[0]
			if fr.Events != tc.events || fr.Rows["Endpoint.Processes"] != tc.rows || itoa(fr.Skipped) != tc.skipped || fr.Format != tc.format {
				t.Errorf("got events %d rows %d skipped %d format %s; want %d %d %s %s",
					fr.Events, fr.Rows["Endpoint.Processes"], fr.Skipped, fr.Format, tc.events, tc.rows, tc.skipped, tc.format)
			}
			tb := tabs["Endpoint.Processes"]
			if tb == nil || tb.Len() != tc.rows {
				t.Fatalf("table: %v", tb)
			}
			switch tc.format {
			case FormatNXLog:
				if tb.Column("process_id") != nil {
					t.Error("NXLog data has no EventData ProcessId: process_id must be null")
				}
				if c := tb.Column("parent_process_id"); c == nil {
					t.Error("parent_process_id missing")
				}
			}
		})
	}
}

// TestAttackDataWorkedExample checks the worked example row of
// sysmon_cim_mapping.md (T1003.003, WMIC.exe with /node:"localhost").
func TestAttackDataWorkedExample(t *testing.T) {
	p := needAttackData(t, "T1003.003_credential-dumping-via-copy_data.log")
	tabs, rep := load(t, []string{p}, Options{})
	if fr := rep.Files[0]; fr.Records != 17 || fr.Skipped != 0 {
		t.Errorf("records %d skipped %d", fr.Records, fr.Skipped)
	}
	tb := tabs["Endpoint.Processes"]
	var row map[string]string
	var multiline int
	for i := range tb.Len() {
		r := tb.Row(i)
		if r["process_name"] == "WMIC.exe" {
			row = r
		}
		if len(r["process"]) > 0 && containsNL(r["process"]) {
			multiline++
		}
	}
	if multiline != 1 {
		t.Errorf("%d multi-line command lines, want 1", multiline)
	}
	if row == nil {
		t.Fatal("no WMIC.exe row")
	}
	want := map[string]string{
		"dest":                    "ar-win-1",
		"process_name":            "WMIC.exe",
		"process":                 `wmic  /node:"localhost" process call create "cmd.exe /c esentutl.exe /y /vss c:\windows\ntds\ntds.dit /d c:\ntds.dit"`,
		"parent_process_name":     "cmd.exe",
		"user":                    `AR-WIN-1\Administrator`,
		"process_id":              "2628",
		"parent_process_id":       "3412",
		"original_file_name":      "wmic.exe",
		"process_integrity_level": "high",
		"host":                    "ar-win-1",
		"sourcetype":              "XmlWinEventLog",
		"source":                  "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
		"index":                   "main",
	}
	for k, v := range want {
		if row[k] != v {
			t.Errorf("%s = %q, want %q", k, row[k], v)
		}
	}
	if pp := row["parent_process"]; len(pp) < 20 || pp[:20] != `"cmd.exe" /c wmic /n` {
		t.Errorf("parent_process = %q", pp)
	}
}

func containsNL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}
