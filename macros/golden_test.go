package macros

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

// sharedContent is ../shared/content relative to the repository root.
const sharedContent = "../../shared/content"

// seed1Want is the expansion of seed 1 that Splunk produces with the shipped
// macro defaults.
const seed1Want = `| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id | rename Processes.* AS * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime) | search *`

func sharedLibrary(t testing.TB) *Library {
	t.Helper()
	dir := filepath.Join(sharedContent, "macros")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("security_content corpus not available at %s: %v", dir, err)
	}
	lib := NewLibrary()
	if err := lib.LoadDir(dir); err != nil {
		t.Fatal(err)
	}
	return lib
}

// detectionSearch returns the search of a detection YAML file, where its
// text starts, and the locate function of the YAML scalar (YAMLLocator).
func detectionSearch(t testing.TB, file string) (string, Location, func(int) Location) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("detection not available: %v", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "search" {
			v := top.Content[i+1]
			locate := YAMLLocator(file, data, v)
			return v.Value, locate(0), locate
		}
	}
	t.Fatalf("%s: no search", file)
	return "", Location{}, nil
}

// goldenDetections are pinned under testdata/golden/<stem>.spl, expanded
// with Options.AppMacros. What each exercises:
var goldenDetections = []string{
	"endpoint/remote_wmi_command_attempt",                               // seed 1: nested summariesonly, process_wmic in a tstats where, ctime
	"endpoint/script_execution_via_wmi",                                 // seed 2
	"application/detect_password_spray_attempts",                        // drop_dm_object_name("Authentication"): quoted argument; ``` comments
	"application/email_attachments_with_lots_of_spaces",                 // drop_dm_object_name("All_Email")
	"network/detect_outbound_smb_traffic",                               // drop_dm_object_name("All_Traffic")
	"endpoint/potentially_malicious_code_on_commandline",                // nested user macro whose definition holds "`" in a string
	"endpoint/malicious_powershell_process_with_obfuscation_techniques", // PowerShell backtick "`" in the search
	"application/windows_ad_suspicious_gpo_modification",                // multi-line YAML scalar; map search="...`macro`..."
	"endpoint/windows_ad_domain_controller_promotion",                   // macro call inside map search="..." left for map
	"endpoint/first_time_seen_child_process_of_zoom",                    // "`macro`" inside an eval string stays unexpanded
	"network/excessive_dns_failures",                                    // get_asset(src) app macro as a pipeline segment
	"deprecated/detection_of_dns_tunnels",                               // cim_corporate_web_domain_search in a tstats where
	"endpoint/mshta_spawning_rundll32_or_regsvr32_process",              // two process_* macros OR-ed in a where clause
	"endpoint/windows_uac_bypass_suspicious_child_process",              // macro inside IN (...)
	"application/detect_new_login_attempts_to_routers",                  // security_content_ctime(earliest)
	"endpoint/randomly_generated_windows_service_name",                  // wineventlog_system data-source macro
}

func TestGoldenDetections(t *testing.T) {
	lib := sharedLibrary(t)
	opts := Options{AppMacros: true}
	for _, path := range goldenDetections {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			search, at, locate := detectionSearch(t, filepath.Join(sharedContent, "detections", path+".yml"))
			x, err := lib.ExpandFunc(search, locate, opts)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, x, opts)
			golden.File(t, filepath.Join("testdata", "golden", name+".spl"), x.Text+"\n")
			// The first byte maps to the detection's search, or, when the
			// search starts with a call, that call was written there.
			if strings.HasPrefix(search, "`") {
				if c := x.Calls[0]; c.Loc != at {
					t.Errorf("first call at %v, want %v", c.Loc, at)
				}
			} else if o := x.Origin(0); o.Loc != at || o.Macro != "" {
				t.Errorf("Origin(0) = %+v, want %v", o, at)
			}
			switch name {
			case "remote_wmi_command_attempt":
				if x.Text != seed1Want {
					t.Errorf("seed 1:\n got %s\nwant %s", x.Text, seed1Want)
				}
				// The tstats options come from the macro files.
				i := strings.Index(x.Text, "false")
				if o := x.Origin(i); o.Macro != "summariesonly_config" || !strings.HasSuffix(o.Loc.File, "summariesonly_config.yml") || len(o.Via) != 2 {
					t.Errorf("Origin(%d) = %s", i, renderOrigin(o))
				}
			case "excessive_dns_failures", "detection_of_dns_tunnels":
				if len(x.Warnings) == 0 {
					t.Errorf("no app macro warning")
				}
			default:
				if len(x.Warnings) != 0 {
					t.Errorf("warnings: %v", x.Warnings)
				}
			}
		})
	}
}

// TestCorpusSweep expands every detection search in the corpus with
// Options.AppMacros: all must expand, warning only about known app macros.
func TestCorpusSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus sweep skipped in -short mode")
	}
	lib := sharedLibrary(t)
	files, _ := filepath.Glob(filepath.Join(sharedContent, "detections", "*", "*.yml"))
	if len(files) == 0 {
		t.Skip("no detections in corpus")
	}
	opts := Options{AppMacros: true}
	warned := map[string]int{}
	for _, f := range files {
		search, _, locate := detectionSearch(t, f)
		x, err := lib.ExpandFunc(search, locate, opts)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		checkInvariants(t, x, opts)
		for _, w := range x.Warnings {
			warned[w.Macro]++
			t.Logf("warning: %s", w)
		}
	}
	t.Logf("%d detection searches expanded; app macro warnings: %v", len(files), warned)
}

// TestSeed1SelfContained pins the self-contained txtar version of seed 1 to
// the expected Splunk expansion, so it is checked without ../shared.
func TestSeed1SelfContained(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "expand", "seed_remote_wmi_command_attempt.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == "want.spl" && string(f.Data) != seed1Want+"\n" {
			t.Errorf("want.spl differs from the expected expansion:\n%s", f.Data)
		}
	}
}
