//go:build duckdb

package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunEngineDuckDB: the same search through the interpreter and
// through DuckDB prints the same rows.
func TestRunEngineDuckDB(t *testing.T) {
	shared := sharedDir(t)
	q := `| tstats count min(_time) as firstTime values(Processes.user) as users from datamodel=Endpoint.Processes by Processes.dest Processes.process_name | rename Processes.* as * | lookup update=true is_windows_system_file filename as process_name OUTPUT systemFile | convert ctime(firstTime) | sort - count | head 10`
	var outs []string
	for _, engine := range []string{"interpreter", "duckdb"} {
		var stdout, stderr bytes.Buffer
		args := []string{"run", "--engine", engine, "--format", "json", "--content", filepath.Join(shared, "content"),
			"--data", filepath.Join(shared, "data", "attack_data"), q}
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", engine, code, stderr.String())
		}
		outs = append(outs, stdout.String())
	}
	if outs[0] != outs[1] || strings.Count(outs[0], "\n") != 10 {
		t.Errorf("interpreter:\n%s\nduckdb:\n%s", outs[0], outs[1])
	}
}
