package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

// spelunk runs the CLI in-process and returns its exit code, stdout and
// stderr.
func spelunk(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const (
	exampleContent = "../../examples/content"
	exampleLog     = "../../examples/data/wmi_sysmon.log"
)

func TestCLIGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"expand_remote_wmi.txt", []string{"expand", "--content", exampleContent, "--detection", "Remote WMI Command Attempt"}, 0},
		{"expand_query.txt", []string{"expand", "--content", exampleContent, "| tstats count from datamodel=Endpoint.Processes where `process_wmic` | `security_content_ctime(firstTime)`"}, 0},
		{"detect_remote_wmi.json", []string{"detect", "--content", exampleContent, "--data", exampleLog, "--detection", "Remote WMI Command Attempt", "--format", "json"}, 0},
		{"detect_remote_wmi.txt", []string{"detect", "--content", exampleContent, "--data", exampleLog, "--detection", "272df6de-61f1-4784-877c-1fbc3e2d0838"}, 0},
		{"detect_scrcons.json", []string{"detect", "--content", exampleContent, "--data", exampleLog, "--detection", "Script Execution via WMI", "--format", "json"}, 0},
		{"run_count_by_dest.csv", []string{"run", "--data", exampleLog, "--format", "csv", "| tstats count min(_time) as first from datamodel=Endpoint.Processes by Processes.dest Processes.process_name"}, 0},
		{"parse_seed.txt", []string{"parse", `| tstats count from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest | rename Processes.* AS *`}, 0},
		{"fmt_seed.txt", []string{"fmt", `| tstats summariesonly=false count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name=scrcons.exe by Processes.dest Processes.user | rename Processes.* AS * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | search *`}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := spelunk(t, "", c.args...)
			require.Equal(t, c.code, code, "stderr: %s", errOut)
			golden.File(t, filepath.Join("testdata", c.name), stableDurations(out))
		})
	}
}

func TestCLIErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"unknown macro", []string{"expand", "--content", exampleContent, "search x | `no_such_macro`"},
			[]string{"<query>:1:12", "no_such_macro"}},
		{"wrong arity", []string{"expand", "--content", exampleContent, "search x | `security_content_ctime(a,b)`"},
			[]string{"<query>:1:12", "security_content_ctime"}},
		{"parse error", []string{"parse", "| tstats count frm datamodel=Endpoint.Processes"},
			[]string{"<query>:1:", "^"}},
		{"parse error inside macro", []string{"run", "--content", "testdata/badcontent", "--data", exampleLog, "| tstats count from datamodel=Endpoint.Processes | `broken`"},
			[]string{"broken.yml:", "broken"}},
		{"unsupported command", []string{"run", "--data", exampleLog, "| tstats count from datamodel=Endpoint.Processes | frobnicate x"},
			[]string{"<query>:1:", "frobnicate"}},
		{"missing data", []string{"run", "--data", "testdata/no-such-file.log", "| tstats count from datamodel=Endpoint.Processes"},
			[]string{"no-such-file.log"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := spelunk(t, "", c.args...)
			assert.Equal(t, 2, code, "stderr: %s", errOut)
			for _, w := range c.want {
				assert.Contains(t, errOut, w)
			}
		})
	}
}

func TestCLIStdinQuery(t *testing.T) {
	code, out, errOut := spelunk(t, "search a=1 OR b=2 c=3\n", "parse", "-")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "search a=1 OR b=2 c=3\n", out)
}
