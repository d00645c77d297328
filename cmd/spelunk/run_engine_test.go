//go:build !duckdb

package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunEngineDuckDBNotBuilt(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", "--engine", "duckdb", "| makeresults"}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "go build -tags duckdb ./cmd/spelunk") {
		t.Fatalf("exit %d, stderr %q: want 2 and the build command", code, stderr.String())
	}
}

func TestRunParquetNeedsDuckDB(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", "--parquet", t.TempDir(), "| makeresults"}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "--engine duckdb") {
		t.Fatalf("exit %d, stderr %q: want 2 and a hint at --engine duckdb", code, stderr.String())
	}
}
