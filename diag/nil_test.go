package diag

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestZeroValues: the zero Pos and Code answer without panicking.
func TestZeroValues(t *testing.T) {
	for _, v := range []any{Pos{}, Code("")} {
		niltest.CallAll(t, v)
	}
}
