package timefmt

import (
	"testing"
	"time"
)

func TestStrptime(t *testing.T) {
	tests := []struct {
		s, format string
		want      float64
		ok        bool
	}{
		{"1970-01-02", "%Y-%m-%d", 86400, true},
		{"2023-11-14T22:13:20", "%Y-%m-%dT%H:%M:%S", 1700000000, true},
		{"11/14/23 10:13:20 PM", "%m/%d/%y %I:%M:%S %p", 1700000000, true},
		{"Nov 14 2023 22:13:20.250", "%b %d %Y %H:%M:%S.%3N", 1700000000.25, true},
		{"2023-11-14 23:13:20 +01:00", "%F %T %z", 1700000000, true},
		{"1700000000", "%s", 1700000000, true},
		{"2023-11-14 extra", "%Y-%m-%d", 0, false},
		{"2023/11/14", "%Y-%m-%d", 0, false},
	}
	for _, tt := range tests {
		got, ok := Strptime(tt.s, tt.format, time.UTC)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Strptime(%q, %q) = %v, %v; want %v, %v", tt.s, tt.format, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRelativeTime(t *testing.T) {
	const now = 1700000000.5 // Tue 2023-11-14 22:13:20.5 UTC
	tests := []struct {
		spec string
		want float64
	}{
		{"now", now}, {"", now},
		{"-1h", now - 3600}, {"+2m", now + 120}, {"-d", now - 86400},
		{"@d", 1699920000}, {"-1d@d", 1699833600}, {"@d+8h", 1699920000 + 8*3600},
		{"@w0", 1699747200}, {"@w1", 1699833600}, {"@mon", 1698796800}, {"@q", 1696118400}, {"@y", 1672531200},
		{"-1mon@mon", 1696118400},
	}
	for _, tt := range tests {
		got, err := RelativeTime(now, tt.spec, time.UTC)
		if err != nil || got != tt.want {
			t.Errorf("RelativeTime(%q) = %v, %v; want %v", tt.spec, got, err, tt.want)
		}
	}
	for _, bad := range []string{"-1x", "@foo", "yesterday", "1h"} {
		if _, err := RelativeTime(now, bad, time.UTC); err == nil {
			t.Errorf("RelativeTime(%q): want an error", bad)
		}
	}
}
