package export

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilReceivers: nil and zero writers fail with an error instead of
// panicking.
func TestNilReceivers(t *testing.T) {
	for _, v := range []any{(*EventWriter)(nil), new(EventWriter), (*TableWriter)(nil), new(TableWriter)} {
		res := niltest.CallAll(t, v)
		for _, m := range []string{"Add"} {
			if niltest.LastError(res[m]) == nil {
				t.Errorf("%T.%s returned no error", v, m)
			}
		}
	}
}
