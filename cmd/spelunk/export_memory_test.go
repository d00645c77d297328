package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestExportMemoryFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"export", "--memory", "lots", "--data", t.TempDir(), "--out", t.TempDir()}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "--memory lots") {
		t.Fatalf("exit %d, stderr %q: want 2 and the flag named", code, stderr.String())
	}
}
