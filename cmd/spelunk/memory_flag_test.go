package main

import (
	"testing"

	"github.com/spelunk-dev/spelunk/query"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"1024": 1024, "0": 0, "512M": 512 << 20, "512MiB": 512 << 20, "512mb": 512 << 20,
		"1.5G": 3 << 29, "2 GB": 2 << 30, "1T": 1 << 40, "64k": 64 << 10, "100b": 100,
		"lots": -1, "-1": -1, "NaN": -1, "Inf": -1, "1e30": -1, "": -1, "G": -1,
	} {
		got, err := parseSize(in)
		if want < 0 {
			if err == nil {
				t.Errorf("parseSize(%q) = %d, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

// TestMemoryFlagApply: the flag's value is Limits.MaxMemory: empty is
// the default (0), 0 is no limit (-1); the overrun hook is set.
func TestMemoryFlagApply(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "0": -1, "256M": 256 << 20} {
		var cfg query.Config
		if err := (memoryFlag{MaxMemory: in}).apply(&cfg); err != nil || cfg.Limits.MaxMemory != want || cfg.OnMemoryOverrun == nil {
			t.Errorf("--max-memory %q: %d, %v", in, cfg.Limits.MaxMemory, err)
		}
	}
	if err := (memoryFlag{MaxMemory: "x"}).apply(&query.Config{}); err == nil {
		t.Error("--max-memory x: no error")
	}
}
