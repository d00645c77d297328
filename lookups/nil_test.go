package lookups

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilResolver: a nil or zero Resolver fails lookups with an error
// instead of panicking.
func TestNilResolver(t *testing.T) {
	for _, r := range []*Resolver{nil, {}} {
		res := niltest.CallAll(t, r)
		niltest.WantErrors(t, r, res)
		if _, err := r.Lookup("users.csv"); err == nil {
			t.Errorf("Lookup on %#v returned no error", r)
		}
		if err := r.CheckLookup("users.csv"); err == nil {
			t.Errorf("CheckLookup on %#v returned no error", r)
		}
	}
}
