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

// TestRunEngineDuckDBParquet: spelunk export writes the datasets, the
// raw events and the lookups; run --engine duckdb --parquet over that
// directory prints the interpreter's rows, for a data-model search with a
// lookup and for a search over raw events.
func TestRunEngineDuckDBParquet(t *testing.T) {
	shared := sharedDir(t)
	content, data := filepath.Join(shared, "content"), filepath.Join(shared, "data", "attack_data")
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--content", content, "--data", data, "--out", dir}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"events\t", "lookups/is_windows_system_file\t", "Endpoint.Processes\t"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("export wrote no %q file:\n%s", want, stdout.String())
		}
	}
	for _, q := range []string{
		`| tstats count values(Processes.user) as users from datamodel=Endpoint.Processes by Processes.dest Processes.process_name | rename Processes.* as * | lookup update=true is_windows_system_file filename as process_name OUTPUT systemFile | sort - count | head 10`,
		`search EventCode=1 | stats count dc(user) as users by host`,
	} {
		var outs []string
		for _, args := range [][]string{
			{"run", "--format", "json", "--content", content, "--data", data, q},
			{"run", "--engine", "duckdb", "--duckdb-memory", "256MB", "--format", "json", "--content", content, "--parquet", dir, q},
		} {
			var stdout, stderr bytes.Buffer
			if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
			}
			outs = append(outs, stdout.String())
		}
		if outs[0] != outs[1] || outs[0] == "" {
			t.Errorf("%s\ninterpreter:\n%s\nduckdb over Parquet:\n%s", q, outs[0], outs[1])
		}
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"run", "--engine", "duckdb", "--parquet", dir, "--data", data, "| makeresults"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("--parquet with --data: exit %d, want 2", code)
	}
}
