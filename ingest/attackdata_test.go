package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/golden"
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

// TestAttackDataCounts reads every file of ../shared/data/attack_data (the
// .tar.gz directly) and compares the per-file counts of events, skips and
// rows per data model with testdata/attack_data_counts.golden.
func TestAttackDataCounts(t *testing.T) {
	dir := needAttackData(t, "")
	_, _, rep, err := LoadEvents(t.Context(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, f := range rep.Files {
		fmt.Fprintf(&sb, "%s: format=%s records=%d events=%d skipped=%d\n", strings.TrimPrefix(f.Path, dir+"/"), f.Format, f.Records, f.Events, f.Skipped)
		var ds []string
		for d := range f.Rows {
			ds = append(ds, d)
		}
		slices.Sort(ds)
		for _, d := range ds {
			fmt.Fprintf(&sb, "  %s=%d\n", d, f.Rows[d])
		}
		for _, w := range f.Warnings {
			fmt.Fprintf(&sb, "  warning: %s\n", w)
		}
	}
	golden.File(t, "testdata/attack_data_counts.golden", sb.String())
}

// TestAttackDataMembership pins the cases the brief names: the 20 Sysmon
// EID 1 and 20 Security 4688 events of T1552.004 are Processes rows (and
// its 19 classic text records are WinEventLog events, not skips); the
// EventID 10 events of T1202 are in no dataset.
func TestAttackDataMembership(t *testing.T) {
	p := needAttackData(t, "T1552.004_certutil_exe_certificate_extraction.raw")
	events, tabs, rep, err := LoadEvents(t.Context(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, ev := range events {
		code, _ := ev.Get("EventCode")
		count[ev.Sourcetype+" "+code]++
	}
	if count["XmlWinEventLog 1"] != 20 || count["XmlWinEventLog 4688"] != 20 || count["WinEventLog 4104"] != 19 || rep.Files[0].Skipped != 0 {
		t.Errorf("events by sourcetype and code: %v, skipped %d", count, rep.Files[0].Skipped)
	}
	tb := tabs["Endpoint.Processes"]
	byST := map[string]int{}
	for i := range tb.Len() {
		r := tb.Row(i)
		byST[r["vendor_product"]]++
		if r["process_name"] == "" || r["process_id"] == "" || r["dest"] != "win-dc-791937.attackrange.local" {
			t.Errorf("row %d: %v", i, r)
		}
	}
	if byST["Microsoft Sysmon"] != 20 || byST["Microsoft Windows"] != 20 {
		t.Errorf("Processes rows by vendor_product: %v", byST)
	}

	p = needAttackData(t, "T1202_atomic_red_team_windows-sysmon.log")
	events, tabs, _, err = LoadEvents(t.Context(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n10 := 0
	for _, ev := range events {
		if c, _ := ev.Get("EventCode"); c == "10" {
			n10++
			// only the Windows add-on's windows_event_signature tag: no
			// data-model tags (docs/semantics.md, Sysmon process access)
			if tags := ev.Values("tag"); len(tags) != 1 || tags[0] != "track_event_signatures" {
				t.Errorf("EventID 10 has tags %q", tags)
			}
		}
	}
	if n10 != 16 || tabs["Endpoint.Processes"].Len() != 8 || len(tabs) != 1 {
		t.Errorf("T1202: %d EID 10 events, %d Processes rows, %d tables", n10, tabs["Endpoint.Processes"].Len(), len(tabs))
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
		if strings.Contains(r["process"], "\n") {
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
	if pp := row["parent_process"]; !strings.HasPrefix(pp, `"cmd.exe" /c wmic /n`) {
		t.Errorf("parent_process = %q", pp)
	}
}
