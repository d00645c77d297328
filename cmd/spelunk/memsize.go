package main

import (
	"fmt"
	"strconv"
	"strings"
)

// parseSize reads a memory size as DuckDB's memory_limit takes it: a
// number and a unit (B, KB, MB, GB, TB decimal; KiB, MiB, GiB, TiB
// binary), case-insensitive, spaces allowed between.
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(t)
	}
	num, unit := t[:i], strings.TrimSpace(t[i:])
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("memory size %q: want a number and a unit, e.g. 1GB", s)
	}
	mult := map[string]float64{
		"": 1, "b": 1, "byte": 1, "bytes": 1,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
	}
	m, ok := mult[unit]
	if !ok {
		return 0, fmt.Errorf("memory size %q: unknown unit %q", s, unit)
	}
	if f*m > 1<<62 {
		return 0, fmt.Errorf("memory size %q is too large", s)
	}
	return int64(f * m), nil
}
