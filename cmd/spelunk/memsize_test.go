package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1GB", 1e9, true}, {"512MB", 512e6, true}, {"1.5 GiB", 3 << 29, true}, {"100", 100, true},
		{"", 0, false}, {"GB", 0, false}, {"1XB", 0, false}, {"-1GB", 0, false}, {"1e30TB", 0, false},
	} {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestExportMemoryFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"export", "--memory", "lots", "--data", t.TempDir(), "--out", t.TempDir()}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "--memory lots") {
		t.Fatalf("exit %d, stderr %q: want 2 and the flag named", code, stderr.String())
	}
}
