package detections

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilContent: the methods of a nil or zero Content fail with an error
// instead of panicking.
func TestNilContent(t *testing.T) {
	for _, c := range []*Content{nil, {}} {
		res := niltest.CallAll(t, c)
		for _, m := range []string{"Check", "Compile", "Find", "Test"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%s on %#v returned no error", m, c)
			}
		}
	}
}
