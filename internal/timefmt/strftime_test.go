package timefmt

import (
	"testing"
	"time"
)

func TestStrftime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	tests := []struct {
		t      float64
		format string
		loc    *time.Location
		want   string
	}{
		{0, "%Y-%m-%d %H:%M:%S %j %a %b", time.UTC, "1970-01-01 00:00:00 001 Thu Jan"}, // case 42
		{1700000000, "%y %e %k %I %p %A %B %s", time.UTC, "23 14 22 10 PM Tuesday November 1700000000"},
		{1700000000.123456789, "%N %3N %6N %9N %Q %6Q %f", time.UTC, "123456717 123 123456 123456717 123 123456 123456"},
		{1700000000.75, "%S.%3N", time.UTC, "20.750"},
		{1700000000, "%T %F %D %R", time.UTC, "22:13:20 2023-11-14 11/14/23 22:13"},
		{1563442200, "%c", time.UTC, "Thu Jul 18 09:30:00 2019"},
		{1700000000, "%Z %z %:z %::z %:::z", ny, "EST -0500 -05:00 -05:00:00 -05"},
		{1700000000, "%H %Z", time.UTC, "22 UTC"},
		{1700000000, "100%% %q %", time.UTC, "100% %q %"},
		{1700000000, "%w %u %U %W %V %G", time.UTC, "2 2 46 46 46 2023"},
		{1704067200 + 5*3600, "%l%p %d", time.UTC, " 5AM 01"},
	}
	for _, tt := range tests {
		if got := Strftime(tt.t, tt.format, tt.loc); got != tt.want {
			t.Errorf("Strftime(%v, %q) = %q, want %q", tt.t, tt.format, got, tt.want)
		}
	}
}
