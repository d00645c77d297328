package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestSQLCommand(t *testing.T) {
	tests := []struct {
		args       []string
		code       int
		out, fault string
	}{
		{[]string{"sql", "| tstats count from datamodel=Endpoint.Processes by Processes.dest"}, 0, `FROM "Endpoint.Processes"`, ""},
		{[]string{"sql", "--dialect", "clickhouse", "| tstats values(Processes.user) from datamodel=Endpoint.Processes"}, 0, "groupUniqArray", ""},
		{[]string{"sql", "| tstats count from datamodel=Endpoint.Processes by Processes.dest | eval x=mvsort(dest)"}, 2, "",
			"<query>:1:77: sql: eval function mvsort() does not compile to SQL yet"},
		{[]string{"sql"}, 2, "", "sql needs QUERY or --detection"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.out) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.out)
			}
			if !strings.Contains(stderr.String(), tt.fault) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.fault)
			}
		})
	}
}
