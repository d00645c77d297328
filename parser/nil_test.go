package parser

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilError: the methods of a nil or zero Error return empty values
// instead of panicking.
func TestNilError(t *testing.T) {
	for _, e := range []*Error{nil, {}} {
		niltest.CallAll(t, e)
	}
	if got := (*Error)(nil).Error(); got != "parser: nil Error" {
		t.Errorf("nil Error() = %q", got)
	}
}
