package eval

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilProgram: the methods of a nil or zero Program fail with an error
// instead of panicking.
func TestNilProgram(t *testing.T) {
	for _, p := range []*Program{nil, {}} {
		res := niltest.CallAll(t, p)
		for _, m := range []string{"Exec"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%s on %#v returned no error", m, p)
			}
		}
	}
}
