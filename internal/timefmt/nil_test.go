package timefmt

import (
	"testing"
	"time"
)

// TestNilLocation: a nil location is UTC.
func TestNilLocation(t *testing.T) {
	const ts = 1563442200 // 2019-07-18 09:30:00 UTC
	if got, want := Strftime(ts, "%Y-%m-%d %H:%M", nil), Strftime(ts, "%Y-%m-%d %H:%M", time.UTC); got != want {
		t.Errorf("Strftime(nil loc) = %q, want %q", got, want)
	}
	if got, ok := Strptime("2019-07-18", "%Y-%m-%d", nil); !ok || got != 1563408000 {
		t.Errorf("Strptime(nil loc) = %v, %v", got, ok)
	}
	if got, err := RelativeTime(ts, "@d", nil); err != nil || got != 1563408000 {
		t.Errorf("RelativeTime(nil loc) = %v, %v", got, err)
	}
}
