package confine

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilDir: the zero Dir's methods fail or answer empty values instead
// of panicking.
func TestNilDir(t *testing.T) {
	niltest.CallAll(t, Dir{})
}
