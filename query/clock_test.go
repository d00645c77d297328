package query

import (
	"math"
	"testing"
	"time"
)

func TestClockRange(t *testing.T) {
	for _, tc := range []struct {
		now time.Time
		ok  bool
	}{
		{time.Time{}, true},
		{time.Unix(1700000000, 0), true},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{time.Unix(math.MinInt64, 0), false}, // what a NaN epoch time converts to
		{time.Unix(1e15, 0), false},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		_, err := New(Config{Now: tc.now})
		if (err == nil) != tc.ok {
			t.Errorf("New with Now %v: %v", tc.now, err)
		}
	}
	for _, tc := range []struct {
		sec float64
		ok  bool
	}{
		{1700000000.5, true}, {0, true}, {-1e9, true},
		{math.NaN(), false}, {math.Inf(1), false}, {math.Inf(-1), false}, {1e300, false}, {-1e12, false},
	} {
		got, err := EpochTime(tc.sec)
		if (err == nil) != tc.ok {
			t.Errorf("EpochTime(%v) = %v, %v", tc.sec, got, err)
		}
	}
	if got, _ := EpochTime(1700000000.5); !got.Equal(time.Unix(1700000000, 5e8)) {
		t.Errorf("EpochTime(1700000000.5) = %v", got)
	}
}
