package macros

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilLibrary: the methods of a nil or zero Library fail with an error
// (or are empty) instead of panicking.
func TestNilLibrary(t *testing.T) {
	for _, l := range []*Library{nil, {}} {
		res := niltest.CallAll(t, l)
		for _, m := range []string{"Expand", "ExpandFunc", "LoadDir", "LoadFile"} {
			if niltest.LastError(res[m]) == nil && l == nil {
				t.Errorf("(%T)(nil).%s returned no error", l, m)
			}
		}
	}
}

// TestNilValues: nil and zero Errors and Expansions return empty values
// instead of panicking.
func TestNilValues(t *testing.T) {
	for _, v := range []any{
		(*Error)(nil), new(Error),
		(*Expansion)(nil), new(Expansion),
		AppMacro{}, Warning{},
	} {
		niltest.CallAll(t, v)
	}
	if got := (*Error)(nil).Error(); got != "macros: nil Error" {
		t.Errorf("nil Error() = %q", got)
	}
}
