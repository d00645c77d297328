package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedContent is security_content's copy beside the repository.
const sharedContent = "../../shared/content"

// addOnTargets are the data sources whose listed fields spelunk must
// cover: every listed field produced or excepted with its reason.
var addOnTargets = []string{
	"windows_event_log_security_4688.yml",
	"windows_event_log_security_4624.yml", "windows_event_log_security_4625.yml", "windows_event_log_security_4648.yml",
	"windows_event_log_security_4663.yml",
	"windows_event_log_security_4698.yml", "windows_event_log_security_4699.yml",
	"windows_event_log_security_4720.yml", "windows_event_log_security_4732.yml",
	"windows_event_log_security_5136.yml", "windows_event_log_security_5137.yml",
	"windows_event_log_system_7045.yml",
	"windows_event_log_security_1102.yml", "windows_event_log_security_1100.yml",
	"powershell_script_block_logging_4104.yml",
	"sysmon_eventid_1.yml", "sysmon_eventid_3.yml", "sysmon_eventid_7.yml", "sysmon_eventid_8.yml",
	"sysmon_eventid_10.yml", "sysmon_eventid_11.yml", "sysmon_eventid_12.yml", "sysmon_eventid_13.yml",
	"sysmon_eventid_22.yml",
}

// realLogDirs are the shared real logs; the test skips without them.
func realLogDirs(t *testing.T) []string {
	t.Helper()
	if testing.Short() {
		t.Skip("reads every shared real log (-short)")
	}
	var dirs []string
	for _, d := range []string{"attack_data", "evtx_attack_samples", "otrf_windows"} {
		p := filepath.Join("../../shared/data", d)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("real data absent (%v); see ../shared/data/README.txt", err)
		}
		dirs = append(dirs, p)
	}
	if _, err := os.Stat(filepath.Join(sharedContent, "data_sources")); err != nil {
		t.Skipf("security_content absent (%v)", err)
	}
	return dirs
}

// TestAddOnCoverageRealLogs checks that the target data sources are
// covered (coverage report 100%, exceptions explained) over the shared real
// logs and the synthetic events of testdata/events.
func TestAddOnCoverageRealLogs(t *testing.T) {
	dirs := realLogDirs(t)
	specs, err := ReadDataSources(sharedContent)
	if err != nil {
		t.Logf("data sources: %v", err)
	}
	cov, err := FieldCoverage(t.Context(), specs, append(dirs, "testdata/events"), nil)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, s := range cov.Sources {
		found[s.File] = true
		if !contains(addOnTargets, s.File) {
			continue
		}
		if s.Produced+s.Excepted != s.Listed {
			var missing []string
			for _, f := range s.Fields {
				if !f.Produced && !f.Excepted && !splunkInternal(f.Field) {
					missing = append(missing, f.Field+" ("+f.Why+")")
				}
			}
			t.Errorf("%s: %d produced + %d excepted of %d listed; missing %s", s.File, s.Produced, s.Excepted, s.Listed, strings.Join(missing, ", "))
		}
		for _, f := range s.Fields {
			if f.Excepted && f.Why == "" {
				t.Errorf("%s: %s excepted without a reason", s.File, f.Field)
			}
		}
	}
	for _, f := range addOnTargets {
		if !found[f] {
			t.Errorf("data source %s not in the content", f)
		}
	}
}

// TestAddOnDecisionsRealLogs checks the add-on derivations on the shared
// real logs, event by event (docs/semantics.md, add-on fields).
func TestAddOnDecisionsRealLogs(t *testing.T) {
	dirs := realLogDirs(t)
	seen := map[string]int{}
	check := func(ev *Event, what string, ok bool) {
		seen[what]++
		if !ok && seen[what+" failed"] < 3 {
			seen[what+" failed"]++
			t.Errorf("%s: %s (line %d): %v", what, ev.Source, ev.Line, ev.Fields())
		}
	}
	get := func(ev *Event, f string) string { v, _ := ev.Get(f); return v }
	_, _, err := Walk(t.Context(), dirs[:2], Options{}, func(ev *Event) error {
		code := get(ev, "EventCode")
		if ev.Sourcetype == FormatXML && strings.Contains(ev.Raw, "<Provider Name=") && strings.Contains(ev.Raw, " Guid=") {
			// [system_props_xml_attributes]: Provider Name and Guid as Name and Guid
			check(ev, "XML System attributes", get(ev, "Name") == get(ev, "SourceName") && get(ev, "Guid") != "" && get(ev, "System_Props_Xml") != "")
		}
		switch {
		case ev.Source == "XmlWinEventLog:Security" && code == "4688":
			// EVAL-action then LOOKUP-action_for_windows2_security (Keywords), LOOKUP-app4 (source)
			if get(ev, "Keywords") == "0x8020000000000000" {
				check(ev, "4688 action/status/app", get(ev, "action") == "allowed" && get(ev, "status") == "success" && get(ev, "app") == "win:unknown")
			}
		case ev.Source == "XmlWinEventLog:Security" && code == "4625":
			if get(ev, "Keywords") == "0x8010000000000000" {
				check(ev, "4625 action", get(ev, "action") == "failure" && get(ev, "status") == "failure")
			}
		case ev.Source == "XmlWinEventLog:Security" && code == "4624":
			lt := get(ev, "LogonType")
			want := map[string]string{"0": "win:unknown", "1": "win:unknown", "3": "win:remote", "8": "win:remote", "10": "win:remote"}[lt]
			if want == "" {
				want = "win:local"
			}
			check(ev, "4624 app", get(ev, "app") == want)
		case ev.Source == "XmlWinEventLog:Security" && code == "1102":
			check(ev, "1102 change", get(ev, "action") == "cleared" && get(ev, "change_type") == "audit" && get(ev, "object_category") == "audit" && get(ev, "LogFileCleared_Xml") != "")
		case ev.Source == "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" && code == "10":
			tags := ev.Values("tag")
			check(ev, "Sysmon 10 tags", len(tags) == 1 && tags[0] == "track_event_signatures")
		case ev.Source == "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" && code == "1" && get(ev, "SystemTime") != "":
			// TAS [sysmon-created]: TimeCreated is the XML SystemTime
			check(ev, "Sysmon 1 TimeCreated", get(ev, "TimeCreated") == get(ev, "SystemTime"))
		case ev.Source == "XmlWinEventLog:Microsoft-Windows-PowerShell/Operational" && code == "4104":
			check(ev, "4104 eventtype", strings.Join(ev.Values("eventtype"), ",") == "windows_event_signature,endpoint_services_processes")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"XML System attributes", "4688 action/status/app", "4625 action", "4624 app", "1102 change", "Sysmon 10 tags", "Sysmon 1 TimeCreated", "4104 eventtype"} {
		if seen[what] == 0 {
			t.Errorf("%s: no event of the real logs checked", what)
		}
	}
	t.Logf("checked: %v", seen)
}
