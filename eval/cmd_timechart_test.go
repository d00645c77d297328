package eval

import "testing"

func TestAutoSpan(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		bins   int
		want   float64
	}{
		{0, 50, 100, 1},
		{0, 200, 100, 5},
		{0, 86400, 100, 1800},
		{0, 86400 * 30, 100, 86400},
	} {
		if got := autoSpan(tc.lo, tc.hi, tc.bins); got != tc.want {
			t.Errorf("autoSpan(%v, %v, %d) = %v, want %v", tc.lo, tc.hi, tc.bins, got, tc.want)
		}
	}
}
