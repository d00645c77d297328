package macros

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
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
// text starts, and the per-byte position table of the YAML scalar.
func detectionSearch(t testing.TB, file string) (string, Location, locator) {
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
			off := scalarStart(data, v)
			lineStart := byteOffset(data, v.Line, 1)
			return v.Value, Location{File: file, Line: v.Line, Col: off - lineStart + 1}, alignScalar(file, data, off, v.Value)
		}
	}
	t.Fatalf("%s: no search", file)
	return "", Location{}, nil
}

func TestGoldenSeeds(t *testing.T) {
	lib := sharedLibrary(t)
	for _, name := range []string{"remote_wmi_command_attempt", "script_execution_via_wmi"} {
		t.Run(name, func(t *testing.T) {
			search, at, _ := detectionSearch(t, filepath.Join(sharedContent, "detections", "endpoint", name+".yml"))
			x, err := lib.Expand(search, at, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, x, Options{})
			if strings.ContainsRune(x.Text, '`') {
				t.Errorf("backtick left in %q", x.Text)
			}
			golden := filepath.Join("testdata", "golden", name+".spl")
			if *update {
				if err := os.WriteFile(golden, []byte(x.Text+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), x.Text+"\n"); diff != "" {
				t.Errorf("expansion (-want +got):\n%s", diff)
			}
			if name == "remote_wmi_command_attempt" && x.Text != seed1Want {
				t.Errorf("seed 1:\n got %s\nwant %s", x.Text, seed1Want)
			}
			// The first byte maps to the detection's search line, the
			// tstats options into the macro files.
			if o := x.Origin(0); o.Loc != at || o.Macro != "" {
				t.Errorf("Origin(0) = %+v, want %v", o, at)
			}
			i := strings.Index(x.Text, "false")
			if o := x.Origin(i); o.Macro != "summariesonly_config" || !strings.HasSuffix(o.Loc.File, "summariesonly_config.yml") || len(o.Via) != 2 {
				t.Errorf("Origin(%d) = %s", i, renderOrigin(o))
			}
		})
	}
}

// TestCorpusSweep expands every detection search in the corpus. It fails
// only on unexpected kinds of errors; unknown macros (data-source macros the
// corpus snapshot lacks) are counted and logged.
func TestCorpusSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus sweep skipped in -short mode")
	}
	lib := sharedLibrary(t)
	files, _ := filepath.Glob(filepath.Join(sharedContent, "detections", "*", "*.yml"))
	if len(files) == 0 {
		t.Skip("no detections in corpus")
	}
	ok, failed := 0, map[string]int{}
	for _, f := range files {
		search, _, pos := detectionSearch(t, f)
		x, err := lib.expandAt(search, pos, Options{})
		if err != nil {
			e, isErr := err.(*Error)
			if !isErr {
				t.Fatalf("%s: %T %v", f, err, err)
			}
			msg := e.Msg
			if i := strings.Index(msg, "`"); i >= 0 {
				msg = msg[:i]
			}
			failed[msg]++
			t.Logf("%v", err)
			continue
		}
		checkInvariants(t, x, Options{})
		ok++
	}
	t.Logf("%d of %d detection searches expanded; failures by kind: %v", ok, len(files), failed)
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
