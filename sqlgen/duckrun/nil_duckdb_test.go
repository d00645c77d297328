//go:build duckdb

package duckrun

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilEngine: a nil or zero Engine fails with an error instead of
// panicking, and closing it does nothing.
func TestNilEngine(t *testing.T) {
	for _, e := range []*Engine{nil, {}} {
		res := niltest.CallAll(t, e)
		for _, m := range []string{"Load", "LoadEvents", "LoadLookup", "LoadParquet", "Exec"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%s on %#v returned no error", m, e)
			}
		}
		if err := e.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
}
