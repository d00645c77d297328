package query

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilReceivers: the methods of a nil or zero Env and Search fail with
// an error (or return empty values) instead of panicking.
func TestNilReceivers(t *testing.T) {
	for _, e := range []*Env{nil, {}} {
		res := niltest.CallAll(t, e)
		for _, m := range []string{"Expand", "Compile", "CompileSource", "Plan", "Load", "LoadWith"} {
			if niltest.LastError(res[m]) == nil && e == nil {
				t.Errorf("(*Env)(nil).%s returned no error", m)
			}
		}
	}
	for _, s := range []*Search{nil, {}} {
		res := niltest.CallAll(t, s)
		for _, m := range []string{"Exec", "Explain"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%s on %#v returned no error", m, s)
			}
		}
	}
	var d *Data
	niltest.CallAll(t, d)
}
