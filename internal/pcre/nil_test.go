package pcre

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilRegexp: nil and zero Regexps and a nil Cache fail with an error
// instead of panicking.
func TestNilRegexp(t *testing.T) {
	for _, v := range []any{
		(*Regexp)(nil), new(Regexp),
		(*Cache)(nil),
	} {
		res := niltest.CallAll(t, v)
		niltest.WantErrors(t, v, res)
	}
	if _, err := new(Cache).Get("a+"); err != nil {
		t.Errorf("zero Cache: %v", err)
	}
}
