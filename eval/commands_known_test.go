package eval

import "testing"

func TestNearestCommand(t *testing.T) {
	for in, want := range map[string]string{
		"statz": "stats", "evel": "eval", "tabel": "table", "transacton": "transaction", "qqqqqqq": "",
	} {
		if got := nearestCommand(in); got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}
